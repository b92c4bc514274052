/**
 * Scanner set-up wizard. `ScannerWizard` is the bare content (the manager console's settings put
 * it in their own modal); `ScannerWizardDialog` is the same in the till's own dialog.
 */
export { ScannerWizard, ScannerWizardDialog, type ScannerWizardProps } from './scanner-wizard.tsx';
