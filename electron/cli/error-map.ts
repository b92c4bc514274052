/** Errors from the core → exit codes. Input the core refuses is a usage error; the rest failed. */
import { JournalBusyError, JournalInputError, JournalKeyingError } from '../core/journal/index.ts';
import { DayWindowError } from '../core/reconcile/index.ts';
import { CliError, EXIT, oneLine } from './errors.ts';

export function classifyError(err: unknown, signal?: AbortSignal): CliError {
  if (signal?.aborted) return new CliError(EXIT.interrupted, 'interrupted (a resumable export keeps its checkpoint: run the same command again)');
  // By name: the engine module is loaded lazily, only by the write commands.
  const engineInput = err instanceof Error && err.name === 'EngineInputError';
  if (err instanceof JournalBusyError) return new CliError(EXIT.tempfail, `${oneLine(err)} (exit 75: safe to run the same command again)`);
  if (err instanceof JournalKeyingError) return new CliError(EXIT.keying, oneLine(err));
  if (engineInput || err instanceof JournalInputError || err instanceof DayWindowError) return new CliError(EXIT.usage, oneLine(err));
  return new CliError(EXIT.failed, oneLine(err));
}
