/** Small building blocks shared by the manager screens. */
import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { STATE_LABELS } from '../../shared/journal/states.ts';
import type { JournalState } from '../../shared/journal/states.ts';
import type { IpcErrorBody } from '../../shared/ipc/envelope.ts';
import { errorText } from '../app/call.ts';

const STATE_TONE: Readonly<Record<JournalState, 'ok' | 'wait' | 'warn' | 'bad' | 'done'>> = {
  confirmed: 'ok',
  queued: 'wait',
  sending: 'wait',
  verifying: 'wait',
  unknown: 'warn',
  'needs-attention': 'bad',
  rejected: 'bad',
  resolved: 'done',
};

export function StateChip({ state }: { state: JournalState }) {
  return (
    <span className={`mgr-chip mgr-chip--${STATE_TONE[state]}`} data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}

/** An envelope error as a sentence; announced at once. */
export function ErrorBanner({ error, testId }: { error: IpcErrorBody | string | null; testId?: string }) {
  if (error === null) return null;
  return (
    <p className="mgr-banner mgr-banner--error" role="alert" data-testid={testId ?? 'manager-error'}>
      {typeof error === 'string' ? error : errorText(error)}
    </p>
  );
}

/** A polite status line ("Saved.", "Exported 12 rows…"). Always rendered so updates are announced. */
export function StatusLine({ text, tone = 'info', testId }: { text: string | null; tone?: 'info' | 'ok' | 'warn'; testId?: string }) {
  return (
    <p className={`mgr-status mgr-status--${tone}`} role="status" data-testid={testId}>
      {text ?? ''}
    </p>
  );
}

export interface FieldIds {
  id: string;
  'aria-describedby': string | undefined;
  'aria-invalid': boolean | undefined;
}

/** A labelled form control with an optional hint and a validation message wired to it. */
export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: (ids: FieldIds) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const describedBy = [hint !== undefined ? hintId : null, error !== undefined ? errId : null].filter((x) => x !== null).join(' ');
  return (
    <div className={`mgr-field${error !== undefined ? ' mgr-field--invalid' : ''}${className !== undefined ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy === '' ? undefined : describedBy, 'aria-invalid': error !== undefined ? true : undefined })}
      {hint !== undefined && (
        <span className="mgr-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span className="mgr-field-error" id={errId}>
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * A modal dialog on the native `<dialog>`: focus moves in and is kept in, Escape closes, the rest
 * of the page is inert while it is open.
 */
export function Modal({
  title,
  onClose,
  children,
  variant = 'center',
  testId,
  closeLabel = 'Close',
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  variant?: 'center' | 'drawer' | 'wide';
  testId?: string;
  closeLabel?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    // Where focus goes back to when the dialog closes (the list row, the button that opened it).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d !== null && !d.open) d.showModal();
    return () => {
      if (d?.open === true) d.close();
      if (opener?.isConnected === true) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`mgr-modal mgr-modal--${variant}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="mgr-modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="mgr-btn mgr-btn--ghost" onClick={onClose} data-testid={testId !== undefined ? `${testId}-close` : undefined}>
          {closeLabel}
        </button>
      </div>
      <div className="mgr-modal-body">{children}</div>
    </dialog>
  );
}

/** A definition list of label/value pairs. */
export function Facts({ items, testId }: { items: ReadonlyArray<readonly [string, ReactNode]>; testId?: string }) {
  return (
    <dl className="mgr-facts" data-testid={testId}>
      {items.map(([k, v]) => (
        <div key={k} className="mgr-fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
