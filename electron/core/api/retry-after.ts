/**
 * Retry-After (RFC 9110 §10.2.3) → a delay in milliseconds. Pure, shared by the client (to put
 * `retryAfterMs` on a 429 failure) and the exactly-once engine's backoff.
 */
import { parseHttpDate } from './http-date.ts';

export const RETRY_AFTER_MAX_MS_DEFAULT = 300_000;

export interface RetryAfterOptions {
  /** The response's `Date` header: an HTTP-date is measured against the server's clock, not ours. */
  dateHeader?: string | null;
  /** Our clock, used only when the response carried no usable `Date` header. */
  nowMs?: number;
  /** Upper bound; a server asking for an hour must not stall the till for an hour. */
  maxMs?: number;
}

/**
 * Returns the delay in ms, or undefined when the header is missing or garbage (including
 * negative seconds) so the caller falls back to its own backoff. A date in the past means 0.
 */
export function parseRetryAfter(value: string | null | undefined, options: RetryAfterOptions = {}): number | undefined {
  if (value == null) return undefined;
  const maxMs = options.maxMs ?? RETRY_AFTER_MAX_MS_DEFAULT;
  const s = value.trim();
  if (/^\d+$/.test(s)) return Math.min(Number(s) * 1000, maxMs);

  const nowMs = options.nowMs ?? Date.now();
  const at = parseHttpDate(s, nowMs);
  if (at === undefined) return undefined;
  const serverNow = options.dateHeader ? parseHttpDate(options.dateHeader, nowMs) : undefined;
  const delay = at - (serverNow ?? nowMs);
  return Math.min(Math.max(0, delay), maxMs);
}
