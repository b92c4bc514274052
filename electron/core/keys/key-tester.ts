/**
 * "Does this key work?" for the manager's settings screen: one read-only call (`GET /stores?limit=1`,
 * which every scope may make) and a verdict. It cannot prove the write scope without writing, so
 * for the write key an `accepted` means "valid for this tenant", not "may award".
 * The result carries a status and a sentence, never the key or the response body.
 */
import { defineMessages } from '@formatjs/intl';
import { englishText, localize, type LocalizedText } from '../../../shared/i18n/translator.ts';
import type { KeyKind } from './key-format.ts';

export type KeyTestOutcome = 'accepted' | 'rejected' | 'forbidden' | 'unreachable' | 'unexpected';

export interface KeyTestResult {
  kind: KeyKind;
  outcome: KeyTestOutcome;
  httpStatus: number | null;
  /** English, for logs; `localized` is the same sentence for the manager's screen. */
  message: string;
  localized: LocalizedText;
}

export const KEY_TEST_MESSAGES = defineMessages({
  timedOut: { id: 'keys.test.timedOut', defaultMessage: 'SocialHub did not answer in time.', description: 'Key test: no answer within the timeout' },
  unreachable: { id: 'keys.test.unreachable', defaultMessage: 'SocialHub could not be reached.', description: 'Key test: no connection' },
  accepted: { id: 'keys.test.accepted', defaultMessage: 'SocialHub accepted the key.', description: 'Key test: the key works' },
  rejected: { id: 'keys.test.rejected', defaultMessage: 'SocialHub rejected the key (unknown or revoked).', description: 'Key test: HTTP 401' },
  forbidden: { id: 'keys.test.forbidden', defaultMessage: 'The key is valid but lacks the scope for this call.', description: 'Key test: HTTP 403' },
  unexpected: { id: 'keys.test.unexpected', defaultMessage: 'SocialHub answered with HTTP {status}.', description: 'Key test: another HTTP status' },
});

type Said = Pick<KeyTestResult, 'message' | 'localized'>;
const say = (message: (typeof KEY_TEST_MESSAGES)[keyof typeof KEY_TEST_MESSAGES], values?: Record<string, string | number>): Said => ({
  message: englishText(message, values),
  localized: localize(message, values),
});

export interface KeyTestOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

export async function testKey(kind: KeyKind, key: string, options: KeyTestOptions): Promise<KeyTestResult> {
  const doFetch = options.fetch ?? fetch;
  let status: number;
  try {
    const response = await doFetch(`${options.baseUrl}/stores?limit=1`, {
      method: 'GET',
      headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
      redirect: 'error', // a redirect would carry the Authorization header somewhere we did not choose
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    status = response.status;
    await response.body?.cancel().catch(() => undefined);
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    return { kind, outcome: 'unreachable', httpStatus: null, ...say(timedOut ? KEY_TEST_MESSAGES.timedOut : KEY_TEST_MESSAGES.unreachable) };
  }
  if (status >= 200 && status < 300) return { kind, outcome: 'accepted', httpStatus: status, ...say(KEY_TEST_MESSAGES.accepted) };
  if (status === 401) return { kind, outcome: 'rejected', httpStatus: status, ...say(KEY_TEST_MESSAGES.rejected) };
  if (status === 403) return { kind, outcome: 'forbidden', httpStatus: status, ...say(KEY_TEST_MESSAGES.forbidden) };
  return { kind, outcome: 'unexpected', httpStatus: status, ...say(KEY_TEST_MESSAGES.unexpected, { status }) };
}
