/**
 * A refusal from the till's own services (the journal, the engine, the API clients): the journal
 * is closed, the till is not set up, a key is missing, an address is not allowed. It carries the
 * code and the cashier/manager-facing message (and, where one exists, its catalogue id for the
 * renderer's language); whoever called (a channel, the CLI) decides how to present it. The
 * handler registry passes it on as a typed error, like an IpcError.
 */
import type { ErrorCode } from '../../shared/ipc/envelope.ts';
import { LocalizedCodedError } from './coded-error.ts';

export class TillError extends LocalizedCodedError<ErrorCode> {
  override readonly name = 'TillError';
}
