/**
 * The outcome vocabulary of every SocialHub call. API outcomes are values, never exceptions:
 * the exactly-once engine switches on `classification` to decide between "safe to resend"
 * and "reconcile against the ledger first".
 */

export type HttpMethod = 'GET' | 'POST';

/**
 * `not-applied`: the server provably did not process the request, so resending cannot double-apply.
 * `unknown-outcome`: it may have been applied; only a ledger read-back can tell.
 */
export type FailureClassification = 'not-applied' | 'unknown-outcome';

export type FailureReason =
  | 'invalid-input'
  | 'connection-refused'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'reset'
  | 'http'
  | 'rate-limited'
  | 'malformed-response'
  | 'insecure-base-url';

export interface ApiFailure {
  classification: FailureClassification;
  reason: FailureReason;
  /** HTTP status, when a status line was received. */
  status?: number;
  /** The server's `error.code`, when the error body carried one. */
  code?: string;
  /** 429 only: the parsed, clamped Retry-After; absent means "use your default backoff". */
  retryAfterMs?: number;
  /** Human-readable and prefixed with the endpoint; never contains the API key. */
  message: string;
  /** Endpoint template, e.g. `POST /members/{id}/points`. */
  endpoint: string;
  latencyMs: number;
}

export type ApiResult<T> =
  | { ok: true; value: T; status: number; latencyMs: number }
  | { ok: false; failure: ApiFailure };

/** One line of the manager's "API activity" view. */
export interface ApiCallRecord {
  /** ISO-8601 time the call started. */
  at: string;
  keyMask: string;
  method: HttpMethod;
  /** Path relative to the base URL with the real ids and query (which never carries secrets). */
  path: string;
  endpoint: string;
  status?: number;
  latencyMs: number;
  outcome: 'ok' | FailureReason;
}

/** Pre-send rejections: nothing left the process, so resending the same input is pointless but harmless. */
export function rejectedBeforeSend(
  endpoint: string,
  reason: 'invalid-input' | 'insecure-base-url',
  detail: string,
): { ok: false; failure: ApiFailure } {
  return { ok: false, failure: { classification: 'not-applied', reason, message: `${endpoint}: ${detail}`, endpoint, latencyMs: 0 } };
}
