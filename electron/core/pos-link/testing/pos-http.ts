/**
 * HTTP helpers for the POS-link tests: a till with its link open, a plain request with the POS token, a raw socket
 * request (missing Host, absolute-form targets) and an SSE reader.
 */
import http from 'node:http';
import net from 'node:net';
import type { SettingsInput } from '../../../../shared/ipc/schemas/settings.ts';
import { DEMO } from '../../../sandbox/server.ts';
import { createTillKit } from '../../app/testing/till-kit.ts';
import type { TillKit, TillKitOptions } from '../../app/testing/till-kit.ts';
import { afterAll, beforeAll } from 'vitest';

export interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
}

export interface PosTarget {
  port: number;
  token: string;
}

export function request(t: PosTarget, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, agent?: http.Agent): Promise<Reply> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: t.port,
        method,
        path,
        ...(agent === undefined ? {} : { agent }),
        headers: { Authorization: `Bearer ${t.token}`, ...(text === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> = {};
          try {
            parsed = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
          } catch {
            parsed = { raw };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

/** Writes `head` (and `body`) verbatim on a fresh socket; resolves with the status line's code and the body text. */
export function rawRequest(port: number, head: string, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.end(head + body));
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('error', reject);
    s.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 0, text: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

export interface SseReader {
  events: Record<string, unknown>[];
  /** Resolves when the server ends the stream. */
  closed: Promise<'closed'>;
  /** Resolves with the first event matching `pred` (already seen or still to come). */
  next(pred: (e: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  close(): void;
}

export async function openSse(t: PosTarget): Promise<SseReader> {
  const events: Record<string, unknown>[] = [];
  const waiters: { pred: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }[] = [];
  const req = http.request({ host: '127.0.0.1', port: t.port, path: '/pos/v1/events', headers: { Authorization: `Bearer ${t.token}` } });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
  if (res.statusCode !== 200) throw new Error(`SSE refused: ${res.statusCode ?? 0}`);
  let buf = '';
  res.on('data', (c: Buffer) => {
    buf += c.toString('utf8');
    const frames = buf.split('\n\n');
    buf = frames.pop() ?? '';
    for (const frame of frames) {
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (data === undefined || !/^event: sale$/m.test(frame)) continue;
      const e = JSON.parse(data) as Record<string, unknown>;
      events.push(e);
      for (const w of waiters.splice(0)) {
        if (w.pred(e)) w.resolve(e);
        else waiters.push(w);
      }
    }
  });
  res.on('error', () => undefined);
  const closed = new Promise<'closed'>((resolve) => res.on('close', () => resolve('closed')));
  return {
    events,
    closed,
    next(pred) {
      const seen = events.find(pred);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
    close: () => req.destroy(),
  };
}

/** Unlocks the kit's manager, turns the POS link on and pairs a token: `t` then reaches it. */
export async function openPosLink(kit: TillKit, t: PosTarget): Promise<void> {
  await kit.unlock();
  const conf = await kit.call('posLinkConfigure', { enabled: true });
  const created = await kit.call('posLinkTokenCreate');
  if (!conf.ok || !created.ok) throw new Error(`POS link did not start: ${JSON.stringify(conf.ok ? created : conf)}`);
  t.port = (conf.value as { listening: { port: number } }).listening.port;
  t.token = (created.value as { token: string }).token;
}

/** A per-token rate limit no test reaches, for tests that send many requests to check something else. */
export const NO_RATE_LIMIT = { perSecond: 100_000, burst: 100_000 };

/**
 * A till kit on the sandbox's demo store (till T1, requests time out after 2 s; `settings` adds
 * to that) with its POS link open and paired: `t` then reaches it.
 */
export async function posLinkTill(t: PosTarget, options: Omit<TillKitOptions, 'settings'> & { settings?: SettingsInput } = {}): Promise<TillKit> {
  const kit = await createTillKit({ ...options, settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000, ...options.settings } });
  try {
    await openPosLink(kit, t);
  } catch (e) {
    await kit.close();
    throw e;
  }
  return kit;
}

export interface PosLinkTillHooks {
  /** Filled in once the till is open. */
  readonly t: PosTarget;
  /** The open till (only inside tests and hooks). */
  readonly kit: TillKit;
}

/** A `posLinkTill` opened before the tests of the enclosing file or `describe` and closed after them. */
export function posLinkTillHooks(options: Parameters<typeof posLinkTill>[1] = {}): PosLinkTillHooks {
  const t: PosTarget = { port: 0, token: '' };
  let kit: TillKit | null = null;
  beforeAll(async () => {
    kit = await posLinkTill(t, options);
  });
  afterAll(() => kit?.close());
  return {
    t,
    get kit(): TillKit {
      if (kit === null) throw new Error('the POS-link till is open only inside tests');
      return kit;
    },
  };
}
