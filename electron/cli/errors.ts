/**
 * Exit codes and the one error type the CLI turns into "one line on stderr + exit code".
 * 0 done · 1 refused or failed · 2 bad flags or configuration · 3 pending (recorded, not yet
 * confirmed: run `recover` later) · 75 temporary failure (journal busy: run the same command
 * again, the dedup key makes that safe) · 78 this run keys sales differently from the journal
 * (time zone, id scope, day start, store, per-till ids: fix the flags) · 130 interrupted.
 * The README's table says which are final, pending or retry.
 */

import { redactKeys } from '../../shared/api/key-mask.ts';

export { redactKeys } from '../../shared/api/key-mask.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2, pending: 3, tempfail: 75, keying: 78, interrupted: 130 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string): CliError => new CliError(EXIT.usage, message);
export const failure = (message: string): CliError => new CliError(EXIT.failed, message);

/** A message fit for one stderr line: no newlines, bounded, never a stack, never a key. */
export function oneLine(err: unknown): string {
  const text = redactKeys(err instanceof Error ? err.message : String(err));
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 497)}...` : line || 'unknown error';
}
