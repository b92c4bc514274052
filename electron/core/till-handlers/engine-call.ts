/**
 * Runs an engine operation for a channel, turning the engine's and the journal's refusals into
 * typed IPC errors with their (cashier/manager-facing) messages. Anything else stays an
 * exception, which the registry reports as INTERNAL without its details.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import { TillError } from '../till-error.ts';
import { EngineInputError } from '../engine/index.ts';
import type { Engine } from '../engine/index.ts';
import { JournalConflictError, JournalInputError } from '../journal/index.ts';
import type { TillHandlerDeps } from './context.ts';

export async function engineCall<T>(deps: Pick<TillHandlerDeps, 'engine' | 'journal'>, fn: (engine: Engine) => T | Promise<T>): Promise<T> {
  const engine = await deps.engine();
  try {
    return await fn(engine);
  } catch (e) {
    if (e instanceof IpcError || e instanceof TillError) throw e;
    // The engine's refusals carry their catalogue id, so the till shows them in its language.
    if (e instanceof EngineInputError) throw new IpcError('INVALID_STATE', e.message, undefined, e.localized);
    if (e instanceof JournalConflictError || e instanceof JournalInputError) throw new IpcError('INVALID_STATE', e.message);
    throw deps.journal.mapError(e);
  }
}
