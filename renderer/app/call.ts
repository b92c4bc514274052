/**
 * Every bridge call goes through `call`: the envelope becomes a plain result, a rejected promise
 * (the bridge itself broke, the web host went away) becomes a calm generic error, and nothing a
 * cashier sees ever carries a stack trace. A LOCKED answer reaches the runtime's session through
 * its watched bridge (locked-hook.ts), not through here.
 */
import type { ErrorCode, Issue } from '../../shared/ipc/envelope.ts';
import { ERROR_CODE_MESSAGES } from '../../shared/ipc/error-messages.ts';
import { SOURCE_LOCALE } from '../../shared/i18n/locales.ts';
import type { LocalizedText, Translator } from '../../shared/i18n/translator.ts';
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';

const MESSAGES = defineMessages({
  fieldProblem: { id: 'call.error.fieldProblem', defaultMessage: '{field}: {problem}', description: 'An input error naming its field, e.g. "Sale total: Must be positive"' },
  locked: { id: 'call.error.locked', defaultMessage: 'The manager console locked itself. Enter the PIN to continue.', description: 'A manager action came back locked (auto-lock): back to the PIN screen' },
});

/** `BRIDGE`: the call never got an answer (not an envelope error). */
export type CallErrorCode = ErrorCode | 'BRIDGE';

export interface CallError {
  code: CallErrorCode;
  /** English (main's `message`); people are shown `localized` or the code's sentence via `errorText`. */
  message: string;
  issues?: Issue[];
  localized?: LocalizedText;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };

export const GENERIC_ERROR = 'The till could not finish that. Try again; if it keeps happening, call a manager.';

/** Longest message shown as-is; anything longer is almost certainly not meant for a cashier. */
const MESSAGE_MAX = 300;

export async function call<T>(run: () => Promise<unknown>): Promise<CallResult<T>> {
  let answer: unknown;
  try {
    answer = await run();
  } catch {
    return { ok: false, error: { code: 'BRIDGE', message: GENERIC_ERROR } };
  }
  return readEnvelope<T>(answer);
}

/** Trust only the envelope's shape, not its producer: a malformed answer is a generic error. */
export function readEnvelope<T>(answer: unknown): CallResult<T> {
  if (answer === null || typeof answer !== 'object' || !('ok' in answer)) {
    return { ok: false, error: { code: 'BRIDGE', message: GENERIC_ERROR } };
  }
  if (answer.ok === true && 'value' in answer) return { ok: true, value: answer.value as T };
  if (answer.ok === false && 'error' in answer && answer.error !== null && typeof answer.error === 'object') {
    const body = answer.error as { code?: unknown; message?: unknown; issues?: unknown };
    const code = typeof body.code === 'string' ? (body.code as CallErrorCode) : 'INTERNAL';
    const message = cleanMessage(body.message);
    const issues = Array.isArray(body.issues) ? (body.issues as Issue[]) : undefined;
    const error: CallError = issues === undefined ? { code, message } : { code, message, issues };
    const localized = localizedOf(answer.error);
    if (localized !== undefined) error.localized = localized;
    return { ok: false, error };
  }
  return { ok: false, error: { code: 'BRIDGE', message: GENERIC_ERROR } };
}

function cleanMessage(message: unknown): string {
  if (typeof message !== 'string') return GENERIC_ERROR;
  const text = message.trim();
  // A stack or a multi-line dump is never shown: those are bugs, and the main log has them.
  if (text === '' || text.length > MESSAGE_MAX || /\n\s+at\s/.test(text) || /^\w*Error:/.test(text)) return GENERIC_ERROR;
  return text;
}

function localizedOf(body: object): LocalizedText | undefined {
  const b = body as { messageId?: unknown; values?: unknown };
  if (typeof b.messageId !== 'string' || b.messageId === '') return undefined;
  if (b.values === null || typeof b.values !== 'object') return { messageId: b.messageId };
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(b.values)) if (typeof v === 'string' || typeof v === 'number') values[k] = v;
  return { messageId: b.messageId, values };
}

/**
 * The sentence to show for an error in the till's language, naming the first field problem when
 * there is one: main's `messageId` when the catalogue has it, else the code's sentence (the
 * English `message` when the till speaks English). The translator is required so no caller can
 * show a German till an English error by forgetting it.
 */
export function errorText(error: CallError, translator: Translator): string {
  if (error.code === 'LOCKED') return translator.t(MESSAGES.locked);
  if (error.code !== 'INVALID_PAYLOAD') {
    if (error.localized !== undefined && translator.has(error.localized.messageId)) return translator.text(error.localized);
    if (translator.language !== SOURCE_LOCALE || error.message === GENERIC_ERROR) {
      const code: ErrorCode = error.code === 'BRIDGE' ? 'INTERNAL' : error.code;
      return translator.t(ERROR_CODE_MESSAGES[code]);
    }
  }
  const issue = error.issues?.[0];
  if (error.code === 'INVALID_PAYLOAD' && issue !== undefined && issue.message !== '') {
    const problem = issueText(issue, translator);
    if (issue.path.length === 0) return problem;
    const name = FIELD_NAMES[String(issue.path[0])];
    // A field without a label in the catalogue is not named: its code name means nothing at the counter.
    if (name === undefined) return problem;
    return translator.t(MESSAGES.fieldProblem, { field: translator.t(name), problem });
  }
  if (error.code === 'INVALID_PAYLOAD' && translator.locale !== SOURCE_LOCALE) return translator.t(ERROR_CODE_MESSAGES.INVALID_PAYLOAD);
  return error.message;
}

/** One field problem in the till's language: main's catalogue id, or its English when it sent none the catalogue knows. */
export function issueText(issue: Pick<Issue, 'message' | 'messageId' | 'values'>, translator: Translator): string {
  if (issue.messageId === undefined || !translator.has(issue.messageId)) return issue.message;
  return translator.text(issue.values === undefined ? { messageId: issue.messageId } : { messageId: issue.messageId, values: issue.values });
}

/** The fields main may name in an INVALID_PAYLOAD issue, as people call them. */
const FIELD_NAMES: Readonly<Record<string, MessageDescriptor>> = defineMessages({
  posTxnId: { id: 'call.field.posTxnId', defaultMessage: 'Transaction id', description: 'Field named in an input error: the POS transaction id' },
  saleTotal: { id: 'call.field.saleTotal', defaultMessage: 'Sale total', description: 'Field named in an input error' },
  returnId: { id: 'call.field.returnId', defaultMessage: 'Return id', description: 'Field named in an input error' },
  returnedAmount: { id: 'call.field.returnedAmount', defaultMessage: 'Returned amount', description: 'Field named in an input error' },
  points: { id: 'call.field.points', defaultMessage: 'Points', description: 'Field named in an input error' },
  memberId: { id: 'call.field.memberId', defaultMessage: 'Member', description: 'Field named in an input error' },
  couponId: { id: 'call.field.couponId', defaultMessage: 'Coupon', description: 'Field named in an input error' },
  linkedPosTxnId: { id: 'call.field.linkedPosTxnId', defaultMessage: 'Sale', description: 'Field named in an input error: the original sale of a return' },
  note: { id: 'call.field.note', defaultMessage: 'Note', description: 'Field named in an input error: the manager’s written note' },
  reasonCode: { id: 'call.field.reasonCode', defaultMessage: 'Reason', description: 'Field named in an input error: the reason chosen for an adjustment' },
  ref: { id: 'call.field.ref', defaultMessage: 'Reference', description: 'Field named in an input error: the reference that keeps an adjustment from being recorded twice' },
  businessDate: { id: 'call.field.businessDate', defaultMessage: 'Business day', description: 'Field named in an input error: the business day a sale belongs to' },
});
