/**
 * Maps transport errors and HTTP statuses to (reason, classification). This table is what the
 * exactly-once engine trusts: `not-applied` only where the server provably did not process the
 * request; anything ambiguous is `unknown-outcome`, which costs a ledger read, never a double award.
 */
import type { FailureClassification, FailureReason } from './failure.ts';

export interface Classified {
  reason: FailureReason;
  classification: FailureClassification;
  /** Short technical detail for the message (e.g. the errno code). */
  detail: string;
}

type Rule = Omit<Classified, 'detail'> & { says: string };

const NOT_SENT = 'not-applied' as const;
const UNKNOWN = 'unknown-outcome' as const;

/** Error codes found on undici/Node errors (`err.cause.code`, possibly nested or aggregated). */
const CODE_RULES: Readonly<Record<string, Rule>> = {
  ECONNREFUSED: { reason: 'connection-refused', classification: NOT_SENT, says: 'connection refused' },
  ENOTFOUND: { reason: 'dns', classification: NOT_SENT, says: 'host not found' },
  EAI_AGAIN: { reason: 'dns', classification: NOT_SENT, says: 'DNS lookup failed (temporary)' },
  EAI_FAIL: { reason: 'dns', classification: NOT_SENT, says: 'DNS lookup failed' },
  EAI_NONAME: { reason: 'dns', classification: NOT_SENT, says: 'host not found' },
  EAI_NODATA: { reason: 'dns', classification: NOT_SENT, says: 'host has no address' },
  // No route: the connection was never established.
  EHOSTUNREACH: { reason: 'network', classification: NOT_SENT, says: 'host unreachable' },
  ENETUNREACH: { reason: 'network', classification: NOT_SENT, says: 'network unreachable' },
  EADDRNOTAVAIL: { reason: 'network', classification: NOT_SENT, says: 'address not available' },
  UND_ERR_CONNECT_TIMEOUT: { reason: 'timeout', classification: NOT_SENT, says: 'connect timed out' },
  // TLS handshake failures happen before any HTTP byte is written.
  CERT_HAS_EXPIRED: { reason: 'network', classification: NOT_SENT, says: 'TLS certificate expired' },
  DEPTH_ZERO_SELF_SIGNED_CERT: { reason: 'network', classification: NOT_SENT, says: 'TLS certificate is self-signed' },
  SELF_SIGNED_CERT_IN_CHAIN: { reason: 'network', classification: NOT_SENT, says: 'TLS certificate chain is self-signed' },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { reason: 'network', classification: NOT_SENT, says: 'TLS certificate not trusted' },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { reason: 'network', classification: NOT_SENT, says: 'TLS certificate not trusted' },
  ERR_TLS_CERT_ALTNAME_INVALID: { reason: 'network', classification: NOT_SENT, says: 'TLS certificate does not match host' },
  // After connect, the request may have been read and applied.
  ECONNRESET: { reason: 'reset', classification: UNKNOWN, says: 'connection reset' },
  EPIPE: { reason: 'reset', classification: UNKNOWN, says: 'connection closed while sending' },
  ECONNABORTED: { reason: 'reset', classification: UNKNOWN, says: 'connection aborted' },
  UND_ERR_SOCKET: { reason: 'reset', classification: UNKNOWN, says: 'socket closed without a complete response' },
  UND_ERR_CLOSED: { reason: 'reset', classification: UNKNOWN, says: 'connection closed' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { reason: 'reset', classification: UNKNOWN, says: 'connection closed mid-response' },
  UND_ERR_HEADERS_TIMEOUT: { reason: 'timeout', classification: UNKNOWN, says: 'no response headers in time' },
  UND_ERR_BODY_TIMEOUT: { reason: 'timeout', classification: UNKNOWN, says: 'response body stalled' },
  ETIMEDOUT: { reason: 'timeout', classification: UNKNOWN, says: 'timed out' },
};

/**
 * Classifies what `fetch` (or reading its body) threw. `timedOut` is our own per-request timer's
 * verdict, which beats any error shape: an abort we caused is a timeout, whatever it is called.
 */
export function classifyThrown(error: unknown, timedOut: boolean, timeoutMs: number): Classified {
  if (timedOut || isNamed(error, 'TimeoutError')) {
    return { reason: 'timeout', classification: UNKNOWN, detail: `no response within ${timeoutMs} ms` };
  }
  for (const code of errorCodes(error)) {
    const rule = CODE_RULES[code];
    if (rule) return { reason: rule.reason, classification: rule.classification, detail: `${rule.says} (${code})` };
    // OpenSSL handshake errors (ERR_SSL_WRONG_VERSION_NUMBER, …) all precede the request bytes.
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
      return { reason: 'network', classification: NOT_SENT, detail: `TLS failure (${code})` };
    }
  }
  if (isNamed(error, 'AbortError')) {
    return { reason: 'timeout', classification: UNKNOWN, detail: 'request aborted' };
  }
  // Unrecognised: we cannot prove the request was not processed.
  return { reason: 'network', classification: UNKNOWN, detail: describe(error) };
}

/** Every string `code` along the `cause` chain and inside AggregateErrors, outermost first. */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown, depth: number): void => {
    if (typeof e !== 'object' || e === null || seen.has(e) || depth > 8) return;
    seen.add(e);
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
}

function isNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

function describe(error: unknown): string {
  const codes = errorCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  return codes.length > 0 ? `${message} (${codes.join(' ← ')})` : message;
}

/**
 * A received status. Only the statuses the contract defines as "rejected" count as not applied;
 * anything unexpected (3xx, 409, 5xx, …) is treated as possibly applied.
 */
export function classifyStatus(status: number): Omit<Classified, 'detail'> {
  if (status === 429) return { reason: 'rate-limited', classification: NOT_SENT };
  if (status === 400 || status === 401 || status === 403 || status === 404) return { reason: 'http', classification: NOT_SENT };
  return { reason: 'http', classification: UNKNOWN };
}
