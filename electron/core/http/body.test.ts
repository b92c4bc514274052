import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bodyTooLargeError, readBody, sameSecret, sendBodyTooLarge } from './body.ts';

const LIMIT = 1024;
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** A real server whose route echoes the body length, or answers the one 413 the helper gives. */
async function echoServer(): Promise<{ url: string; seen: number[] }> {
  const seen: number[] = [];
  const server = http.createServer((req, res) => {
    void readBody(req, LIMIT).then((read) => {
      if (!read.ok) {
        if (read.reason === 'too-large') sendBodyTooLarge(res, LIMIT);
        return;
      }
      seen.push(read.body.length);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ length: read.body.length }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

describe('readBody', () => {
  it('hands a body within the limit to the route whole', async () => {
    const { url, seen } = await echoServer();
    const res = await fetch(url, { method: 'POST', body: 'x'.repeat(LIMIT) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ length: LIMIT });
    expect(seen).toEqual([LIMIT]);
  });

  it('answers a declared oversized body with a 413 JSON error, and the route sees none of it', async () => {
    const { url, seen } = await echoServer();
    const res = await fetch(url, { method: 'POST', body: 'x'.repeat(LIMIT + 1) });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual(bodyTooLargeError(LIMIT));
    expect(seen).toEqual([]);
  });

  it('answers an oversized chunked body (no Content-Length) the same way', async () => {
    const { url, seen } = await echoServer();
    const chunks = ['a'.repeat(600), 'b'.repeat(600)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await fetch(url, { method: 'POST', body, duplex: 'half' });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'payload_too_large', message: `Request body exceeds ${LIMIT} bytes` } });
    expect(seen).toEqual([]);
  });
});

describe('sameSecret', () => {
  it('is true only for the identical string', () => {
    expect(sameSecret('s3cret-token', 's3cret-token')).toBe(true);
    expect(sameSecret('s3cret-tokem', 's3cret-token')).toBe(false);
    expect(sameSecret('s3cret', 's3cret-token')).toBe(false);
    expect(sameSecret('', 's3cret-token')).toBe(false);
  });
});
