/** WriteOutcome → the CLI's JSON, exit code and stderr line. */
import type { WriteOutcome } from '../../core/engine/index.ts';
import type { CommandResult } from '../command.ts';
import { EXIT } from '../errors.ts';

/** The engine's `checking` is the CLI's `unknown`: recorded, outcome not yet proven. */
export type CliWriteStatus = 'confirmed' | 'duplicate' | 'queued' | 'unknown' | 'rejected' | 'needs-attention';

export function writeResult(what: string, outcome: WriteOutcome, extra: Record<string, unknown>): CommandResult {
  const status: CliWriteStatus = outcome.status === 'checking' ? 'unknown' : outcome.status;
  const output = {
    status,
    journalId: outcome.row?.id ?? null,
    state: outcome.row?.state ?? null,
    points: outcome.points,
    balance: outcome.balance,
    message: outcome.message,
    stale: outcome.stale,
    ...extra,
  };
  switch (status) {
    case 'confirmed':
    case 'duplicate':
      return { output, exitCode: EXIT.ok };
    case 'queued':
    case 'unknown':
      return {
        output,
        exitCode: EXIT.pending,
        reason: `${what} ${status}: ${outcome.message} (journal #${output.journalId ?? '?'}; do not re-enter, run \`socialhub-till recover\`)`,
      };
    case 'rejected':
    case 'needs-attention':
      return { output, exitCode: EXIT.failed, reason: `${what} ${status}: ${outcome.message}` };
  }
}
