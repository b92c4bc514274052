/**
 * The one dialog, on the native `<dialog>` opened with `showModal()`: the browser keeps focus
 * inside and makes the page behind inert. Esc (the `cancel` event) goes to `onClose`, so the
 * owner decides what closing means; focus goes back to whatever had it before; the title labels
 * the dialog.
 */
import { defineMessages } from '@formatjs/intl';
import { useEffect, useId, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { LAYER, useShortcutLayer } from '../app/shortcuts.ts';
import { useT } from '../app/translate.tsx';
import { Button } from './button.tsx';
import { pushDialog, subscribeDialogs, topDialog, type DialogFeedback } from './dialog-stack.ts';

const M = defineMessages({
  close: { id: 'ui.dialog.close', defaultMessage: 'Close', description: 'Close button in a dialog header' },
});

export type DialogVariant =
  /** A form-sized box below the status strip. */
  | 'center'
  /** A wider box (returns, camera, scanner set-up). */
  | 'wide'
  /** A full-height panel on the right (a journal entry's detail). */
  | 'drawer'
  /** The whole screen below the status strip (the coupon verdict). */
  | 'full';

export interface DialogProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  variant?: DialogVariant;
  className?: string;
  /**
   * The shortcut layer claimed while open, so keys bound behind the dialog stop working
   * (`null`: claim none, e.g. inside the manager console, which holds its own layer).
   */
  layer?: number | null;
  role?: 'dialog' | 'alertdialog';
  testId?: string;
  /** Id of the element that describes the dialog (e.g. a verdict's reason). */
  describedBy?: string;
  /** The title stays the accessible name but is not shown. */
  hideTitle?: boolean;
  /** A close button in the header with this text (its test id is `<testId>-close`). */
  closeLabel?: string;
  /** Which page feedback shows above this dialog (see `AboveDialogs`); `all` unless told. */
  feedback?: DialogFeedback;
  /**
   * The footer's way out: a ghost button with this text, on Esc, that calls `onClose`; first in the
   * footer. `focus`: it takes the focus when the dialog opens (where the first control would be a
   * picker that a scanner's keystrokes could change).
   */
  dismiss?: { label: string; testId?: string; focus?: boolean };
  /** The footer's other buttons, after the way out. */
  actions?: ReactNode;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog({
  title,
  onClose,
  children,
  variant = 'center',
  className,
  layer = LAYER.panel,
  role = 'dialog',
  testId,
  describedBy,
  hideTitle = false,
  closeLabel,
  feedback = 'all',
  dismiss,
  actions,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useShortcutLayer(layer ?? 0, layer !== null);
  useEffect(() => {
    const d = ref.current;
    if (d === null) return;
    // Where focus goes back to when the dialog closes (the button or row that opened it).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    const first = d.querySelector<HTMLElement>('[data-autofocus]') ?? d.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? d).focus();
    const pop = pushDialog({ element: d, feedback });
    let closing = false;
    // The browser may close a modal itself (a second Esc with no click in between): tell the
    // owner, who unmounts it, rather than leave an invisible dialog mounted.
    const onNativeClose = (): void => {
      if (!closing) onCloseRef.current();
    };
    d.addEventListener('close', onNativeClose);
    return () => {
      closing = true;
      d.removeEventListener('close', onNativeClose);
      pop();
      if (d.open) d.close();
      if (opener?.isConnected === true) opener.focus();
    };
  }, [feedback]);
  const heading = (
    <h2 id={titleId} className={hideTitle ? 'visually-hidden' : 'dialog__title'}>
      {title}
    </h2>
  );
  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${variant}${className !== undefined ? ` ${className}` : ''}`}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {closeLabel === undefined ? (
        heading
      ) : (
        <div className="dialog__head">
          {heading}
          <Button variant="ghost" size="small" onClick={onClose} testId={testId !== undefined ? `${testId}-close` : undefined}>
            {closeLabel}
          </Button>
        </div>
      )}
      {children}
      {(dismiss !== undefined || actions !== undefined) && (
        <DialogFooter>
          {dismiss !== undefined && (
            <Button variant="ghost" shortcut="Escape" onClick={onClose} testId={dismiss.testId} data-autofocus={dismiss.focus === true ? '' : undefined}>
              {dismiss.label}
            </Button>
          )}
          {actions}
        </DialogFooter>
      )}
    </dialog>
  );
}

/** A dialog's row of buttons at its foot (for a dialog's body that draws its own, like the scanner set-up). */
export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="dialog__footer">{children}</div>;
}

/**
 * The manager console's dialog: always a close button in the header ("Close" in the current
 * language unless told), no shortcut layer of its own (the console holds one), the cashier's
 * feedback stays beneath.
 */
export function Modal({ closeLabel, layer = null, feedback = 'none', ...rest }: DialogProps) {
  const t = useT();
  return <Dialog closeLabel={closeLabel ?? t(M.close)} layer={layer} feedback={feedback} {...rest} />;
}

/**
 * Page feedback that must stay visible and live while a modal dialog is open: portalled into the
 * innermost dialog (the only part of the page that is not inert) when that dialog admits this
 * kind of feedback, otherwise rendered in place, beneath it.
 */
export function AboveDialogs({ kind, children }: { kind: 'notice' | 'flash'; children: ReactNode }) {
  const top = useSyncExternalStore(subscribeDialogs, topDialog, () => null);
  if (top === null || !admits(top.feedback, kind)) return <>{children}</>;
  return createPortal(children, top.element);
}

function admits(feedback: DialogFeedback, kind: 'notice' | 'flash'): boolean {
  return feedback === 'all' || (feedback === 'flash' && kind === 'flash');
}
