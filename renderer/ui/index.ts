/**
 * The renderer's one UI kit, used by the cashier screen and the manager console alike. Styles:
 * `ui.css` beside it (one class vocabulary: `btn`, `field`, `dialog`, `table`, `chip`, `banner`, `frame`…).
 */
export { Button, buttonClass, type ButtonProps, type ButtonSize, type ButtonVariant } from './button.tsx';
export { Kbd, keyLabel } from './kbd.tsx';
export { Field, type FieldIds, type FieldInputProps, type FieldProps, type FieldSlotProps } from './field.tsx';
export { AboveDialogs, Dialog, DialogFooter, Modal, type DialogProps, type DialogVariant } from './dialog.tsx';
export type { DialogFeedback } from './dialog-stack.ts';
export { Table, type Column, type TableProps } from './table.tsx';
export { Skeleton, VisuallyHidden } from './bits.tsx';
export { ErrorBanner, FormError, StatusLine, type StatusTone } from './messages.tsx';
export { Facts } from './facts.tsx';
export { Card, type CardProps, type CardVariant } from './card.tsx';
export { Form, type FormProps } from './form.tsx';
export { Chip, StateChip, STATE_TONE, type ChipTone } from './state-chip.tsx';
export { nextTabIndex, tabId, tabPanelId, Tabs, type TabItem, type TabsProps } from './tabs.tsx';
export { ToggleChip, type ToggleChipProps } from './toggle-chip.tsx';
export { Disclosure, type DisclosureProps } from './disclosure.tsx';
