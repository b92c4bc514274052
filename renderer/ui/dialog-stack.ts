/**
 * The open modal dialogs, innermost last. A modal `<dialog>` sits in the browser's top layer and
 * makes the rest of the page inert, so counter feedback (notices, the scan flash) that must stay
 * visible and live is portalled into the innermost one (see `AboveDialogs`).
 */
/**
 * Which page feedback shows above a dialog: `all` (notices and the scan flash), `flash` (only the
 * flash: nothing may compete with a coupon verdict), `none` (the manager console's dialogs, which
 * cover the cashier's feedback like the console itself does).
 */
export type DialogFeedback = 'all' | 'flash' | 'none';

export interface OpenDialog {
  element: HTMLDialogElement;
  feedback: DialogFeedback;
}

let stack: readonly OpenDialog[] = [];
const listeners = new Set<() => void>();

export function pushDialog(entry: OpenDialog): () => void {
  stack = [...stack, entry];
  emit();
  return () => {
    stack = stack.filter((d) => d !== entry);
    emit();
  };
}

export function topDialog(): OpenDialog | null {
  return stack[stack.length - 1] ?? null;
}

export function subscribeDialogs(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function emit(): void {
  for (const l of listeners) l();
}
