import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../app/runtime.ts';
import { SCANNER_TEST_CODE } from '../../scan/scanner-profile.ts';
import { syntheticKeys } from '../../scan/synthetic-keys.ts';
import { createFakeBridge, handleSettings } from '../../testing/fake-bridge.ts';
import { renderInTill } from '../../testing/render-in-till.tsx';
import { ScannerWizard } from './scanner-wizard.tsx';

/** The wizard as the server renders it after the scanner typed `burst`. */
async function afterScan(burst: string): Promise<string> {
  const fake = createFakeBridge();
  handleSettings(fake);
  const runtime = createRuntime(fake.bridge, { osLocale: () => 'en-US', sound: { play: () => undefined }, activeElement: () => null });
  await runtime.settings.getState().load();
  const wizard = runtime.managerData.scannerWizard;
  for (const e of syntheticKeys(burst, { gapMs: 12, terminator: null })) {
    wizard.getState().record({ key: e.key, timeStamp: e.timeStamp, ctrlKey: false, altKey: false, metaKey: false, repeat: false });
  }
  wizard.getState().finish();
  return renderInTill(runtime, <ScannerWizard onDone={() => undefined} />, [wizard]);
}

describe('scanner wizard', () => {
  it('the change to make on the scanner is read once, as part of the result, not as a second (assertive) alert', async () => {
    // A prefix too long to store: the wizard tells the manager what to change on the scanner.
    const html = await afterScan(`ABCDEFGHIJKL${SCANNER_TEST_CODE}\t`);
    const instructions = /<p[^>]*data-testid="wizard-instructions"[^>]*>/.exec(html)?.[0];
    expect(instructions).toBeDefined();
    // The instructions sit inside the result, itself role="status" inside the aria-live side panel:
    // a role="alert" of their own makes screen readers interrupt and read them a second time.
    expect(html).toMatch(/aria-live="polite".*data-testid="wizard-result" role="status".*data-testid="wizard-instructions"/s);
    expect(instructions).not.toContain('role="alert"');
  });
});
