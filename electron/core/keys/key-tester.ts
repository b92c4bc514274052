/**
 * "Does this key work?" for the manager's settings screen: one read-only call (`GET /stores?limit=1`,
 * which every scope may make) and a verdict. It cannot prove the write scope without writing, so
 * for the write key an `accepted` means "valid for this tenant", not "may award".
 * The result carries a status and a sentence, never the key or the response body.
 */
import type { KeyKind } from './key-format.ts';

export type KeyTestOutcome = 'accepted' | 'rejected' | 'forbidden' | 'unreachable' | 'unexpected';

export interface KeyTestResult {
  kind: KeyKind;
  outcome: KeyTestOutcome;
  httpStatus: number | null;
  message: string;
}

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
    return { kind, outcome: 'unreachable', httpStatus: null, message: timedOut ? 'SocialHub did not answer in time.' : 'SocialHub could not be reached.' };
  }
  if (status >= 200 && status < 300) return { kind, outcome: 'accepted', httpStatus: status, message: 'SocialHub accepted the key.' };
  if (status === 401) return { kind, outcome: 'rejected', httpStatus: status, message: 'SocialHub rejected the key (unknown or revoked).' };
  if (status === 403) return { kind, outcome: 'forbidden', httpStatus: status, message: 'The key is valid but lacks the scope for this call.' };
  return { kind, outcome: 'unexpected', httpStatus: status, message: `SocialHub answered with HTTP ${status}.` };
}
