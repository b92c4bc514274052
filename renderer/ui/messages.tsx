/** Messages in a screen's flow: an error banner (announced at once) and a polite status line. */
import type { ReactNode } from 'react';
import { errorText, type CallError } from '../app/call.ts';
import { useTranslator } from '../app/translate.tsx';

/** An error as a sentence, announced at once; nothing when `error` is null. */
export function ErrorBanner({ error, testId = 'manager-error' }: { error: CallError | string | null; testId?: string }) {
  const translator = useTranslator();
  if (error === null) return null;
  return (
    <p className="banner banner--error" role="alert" data-testid={testId}>
      {typeof error === 'string' ? error : errorText(error, translator)}
    </p>
  );
}

/**
 * A form's own failure under its inputs ("✕ Not enough points."), announced at once; nothing when
 * `text` is undefined. The ✕ is decoration, so screen readers hear only the sentence.
 */
export function FormError({ text, testId }: { text: ReactNode | undefined; testId?: string }) {
  if (text === undefined) return null;
  return (
    <p className="form-error" role="alert" data-testid={testId}>
      <span aria-hidden="true">✕ </span>
      {text}
    </p>
  );
}

export type StatusTone = 'info' | 'ok' | 'warn';

/**
 * "Saved.", "Exported 12 rows…" (a sentence, maybe with a link after it). Always rendered (empty
 * when `text` is null) so updates are announced.
 */
export function StatusLine({ text, tone = 'info', testId }: { text: ReactNode; tone?: StatusTone; testId?: string }) {
  return (
    <p className={`status-line status-line--${tone}`} role="status" data-testid={testId}>
      {text ?? ''}
    </p>
  );
}
