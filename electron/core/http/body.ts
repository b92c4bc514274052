/**
 * Request bodies and shared secrets for the till's own HTTP servers (the embedded sandbox, the
 * dev/test web host, the POS link). One body-limit behaviour everywhere: a body over the limit
 * is never handed to a route, not even its first part; the client gets a 413 JSON error on a
 * closing connection. The rest of an oversized upload is drained (up to a hard cap) so the client
 * reads our 413 instead of a reset mid-upload; past the cap the connection is dropped.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Past this much of an oversized body, stop draining and drop the connection rather than read forever. */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

export type BodyRead =
  | { readonly ok: true; readonly body: Buffer }
  /** `too-large`: answer with `sendBodyTooLarge`. `aborted`: the client went away or was dropped; nobody is listening. */
  | { readonly ok: false; readonly reason: 'too-large' | 'aborted' };

/** Reads the whole body, or none of it when it is larger than `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > DRAIN_LIMIT_BYTES) {
      req.socket.destroy();
      resolve({ ok: false, reason: 'aborted' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) {
        req.socket.destroy();
        resolve({ ok: false, reason: 'aborted' });
      }
    });
    req.on('end', () => resolve(tooLarge ? { ok: false, reason: 'too-large' } : { ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ ok: false, reason: 'aborted' });
    });
  });
}

/** The one 413 reply body: `{ error: { code: 'payload_too_large', message } }`. */
export function bodyTooLargeError(limit: number): { readonly error: { readonly code: 'payload_too_large'; readonly message: string } } {
  return { error: { code: 'payload_too_large', message: `Request body exceeds ${limit} bytes` } };
}

/** Answers an oversized body: 413, JSON, and the connection closes after it. */
export function sendBodyTooLarge(res: ServerResponse, limit: number, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(bodyTooLargeError(limit));
  res.writeHead(413, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  res.end(text);
}

/** Compares a presented token with the expected one without leaking, by timing, how much matched. */
export function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
