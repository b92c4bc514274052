/**
 * An expected failure whose sentence goes through the catalogue: English in `message` (logs, CLI),
 * and `{messageId, values}` so the renderer shows it in the till's language. Message blocks are
 * `defineMessages` beside the code that throws, so extraction finds them.
 */
import type { MessageDescriptor } from '@formatjs/intl';
import { englishText } from '../i18n/translator.ts';
import { IpcError, type ErrorCode, type Issue } from './envelope.ts';

export function localizedError(
  code: ErrorCode,
  message: MessageDescriptor & { id: string },
  values?: Record<string, string | number>,
  issues?: Issue[],
): IpcError {
  return new IpcError(code, englishText(message, values), issues, values === undefined ? { messageId: message.id } : { messageId: message.id, values });
}
