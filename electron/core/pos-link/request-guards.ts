/**
 * The checks every POS-link request passes before anything else looks at it: a loopback Host
 * (a DNS-rebinding page reaches us under its own name) and, for an absolute-form target, a
 * loopback authority in it too; no Origin (a browser sends one on a cross-origin call, a POS
 * never does); a bounded body; and a per-token rate limit.
 */
import type { IncomingMessage } from 'node:http';
import { readBody as readHttpBody } from '../http/body.ts';
import { PosLinkError } from './errors.ts';

export const BODY_LIMIT_BYTES = 64 * 1024;

const LOOPBACK_HOST = /^(?:127\.0\.0\.1|\[::1\]|localhost)(?::\d{1,5})?$/i;

export function checkHost(host: string | undefined): void {
  if (host === undefined || !LOOPBACK_HOST.test(host)) {
    throw new PosLinkError(403, 'forbidden-host', `Host ${JSON.stringify(host ?? '')} is not this computer: the POS link answers only 127.0.0.1, [::1] or localhost.`);
  }
}

export function checkNoOrigin(req: IncomingMessage): void {
  if (req.headers.origin !== undefined) {
    throw new PosLinkError(403, 'forbidden-origin', 'Requests with an Origin header are refused: a web page may never drive the POS link.');
  }
}

const ABSOLUTE_FORM = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/;

/**
 * The request target as a URL on this server, and the authority an absolute-form target
 * (`PUT http://host/path`) names: a server must use that instead of the Host header, so the
 * caller judges it like Host (checkHost). An origin-form target is never read as
 * protocol-relative (`//evil/x` is a path); anything else (`*`, authority-form, another scheme)
 * is refused.
 */
export function requestTarget(raw: string): { url: URL; authority: string | null } {
  if (raw.startsWith('/')) return { url: new URL(`http://127.0.0.1${raw}`), authority: null };
  const absolute = ABSOLUTE_FORM.exec(raw);
  if (absolute === null) throw new PosLinkError(400, 'bad-request', 'The request target must be a path such as /pos/v1/sales/90871.');
  if ((absolute[1] ?? '').toLowerCase() !== 'http') throw new PosLinkError(400, 'bad-request', 'The POS link speaks plain http on loopback only.');
  return { url: new URL(`http://127.0.0.1${raw.slice(absolute[0].length) || '/'}`), authority: absolute[2] ?? '' };
}

/** `Authorization: Bearer <token>` → the token, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
  return m?.[1] ?? null;
}

/**
 * The request body as text, through the servers' one body reader: past `limit` bytes (declared
 * or actual) nothing of it reaches a route, and the caller gets the POS link's own 413 shape.
 */
export async function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<string> {
  const read = await readHttpBody(req, limit);
  if (read.ok) return read.body.toString('utf8');
  if (read.reason === 'too-large') throw new PosLinkError(413, 'body-too-large', `The body is over ${limit / 1024} kB.`, { headers: { Connection: 'close' } });
  throw new PosLinkError(400, 'bad-request', 'The body could not be read.');
}

export interface RateLimiter {
  /** Takes one request for `key`; throws rate-limited (429 + Retry-After) when its bucket is empty. */
  take(key: string): void;
}

/** A token bucket per key: `burst` at once, refilled at `perSecond`. */
export function createRateLimiter(options: { perSecond: number; burst: number; now?: () => number }): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      const b = buckets.get(key) ?? { tokens: options.burst, at: t };
      b.tokens = Math.min(options.burst, b.tokens + ((t - b.at) / 1000) * options.perSecond);
      b.at = t;
      buckets.set(key, b);
      if (b.tokens < 1) {
        const retry = Math.max(1, Math.ceil((1 - b.tokens) / options.perSecond));
        throw new PosLinkError(429, 'rate-limited', `Too many requests with this token; retry in ${retry} s.`, { headers: { 'Retry-After': String(retry) } });
      }
      b.tokens -= 1;
    },
  };
}
