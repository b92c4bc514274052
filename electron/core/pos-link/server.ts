/**
 * The POS link's HTTP door (node:http): loopback only (127.0.0.1 and ::1, one port), versioned
 * JSON under /pos/v1/. Every request is checked in the same order — Host, Origin, body size,
 * token, rate limit — and a refusal is a specific 4xx `{code, message}` before any route runs,
 * so nothing is written for it. Every request, refused or not, is audited.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { posIdSchema, returnPostSchema, salePutSchema, cancelPostSchema, SSE_EVENT } from '../../../shared/pos/schemas.ts';
import { posLinkOpenApiText } from '../../../shared/pos/openapi.ts';
import { PosLinkError } from './errors.ts';
import { bearerToken, checkHost, checkNoOrigin, createRateLimiter, readBody } from './request-guards.ts';
import type { RateLimiter } from './request-guards.ts';
import { CANCEL_RETURN_ID } from './service.ts';
import type { PosLinkService } from './service.ts';
import type { TokenStore } from './token-store.ts';
import { TOKEN_PREFIX } from './token-store.ts';

export const POS_PREFIX = '/pos/v1';
const AUDIT_METHODS = ['GET', 'POST', 'PUT'] as const;
const HEARTBEAT_MS = 15_000;

/** One POS-link call as the API-activity audit records it. */
export interface PosAuditEntry {
  at: number;
  keyMask: string;
  method: (typeof AUDIT_METHODS)[number];
  path: string;
  endpoint: string;
  status: number;
  latencyMs: number;
  outcome: string;
}

export interface PosLinkServerOptions {
  service: PosLinkService;
  tokens: TokenStore;
  audit(entry: PosAuditEntry): void;
  /** Per token; default 20/s with a burst of 40. */
  rateLimit?: { perSecond: number; burst: number };
  now?: () => number;
}

export interface PosLinkServer {
  /** Binds 127.0.0.1 (and ::1 where the machine has it) on `port` (0 = any free one). */
  listen(port: number): Promise<{ port: number; hosts: string[] }>;
  close(): Promise<void>;
}

const ROUTES: { method: string; pattern: RegExp; endpoint: string }[] = [
  { method: 'GET', pattern: /^\/openapi\.json$/, endpoint: 'GET /openapi.json' },
  { method: 'GET', pattern: /^\/events$/, endpoint: 'GET /events' },
  { method: 'PUT', pattern: /^\/sales\/([^/]+)$/, endpoint: 'PUT /sales/{posTxnId}' },
  { method: 'GET', pattern: /^\/sales\/([^/]+)$/, endpoint: 'GET /sales/{posTxnId}' },
  { method: 'POST', pattern: /^\/sales\/([^/]+)\/returns\/([^/]+)$/, endpoint: 'POST /sales/{posTxnId}/returns/{returnId}' },
  { method: 'POST', pattern: /^\/sales\/([^/]+)\/cancel$/, endpoint: 'POST /sales/{posTxnId}/cancel' },
];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`).join('; ');
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new PosLinkError(400, 'bad-request', `The ${what} is not valid: ${issues(r.error)}.`);
  return r.data;
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const text = await readBody(req);
  if (text.trim() === '') return {};
  if (!/^application\/json\b/i.test(type)) throw new PosLinkError(415, 'unsupported-media-type', 'Send the body as application/json.');
  try {
    return JSON.parse(text);
  } catch {
    throw new PosLinkError(400, 'bad-request', 'The body is not valid JSON.');
  }
}

function decodeId(raw: string, what: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new PosLinkError(400, 'bad-request', `The ${what} is not valid.`);
  }
  return parse(posIdSchema, id, what);
}

export function createPosLinkServer(options: PosLinkServerOptions): PosLinkServer {
  const now = options.now ?? Date.now;
  const limiter: RateLimiter = createRateLimiter(options.rateLimit ?? { perSecond: 20, burst: 40 });
  const servers: http.Server[] = [];
  const streams = new Set<ServerResponse>();
  const openapi = posLinkOpenApiText();

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, path: string, audit: (outcome: string) => void): Promise<void> {
    const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).filter((x) => x.m !== null);
    if (match.length === 0) throw new PosLinkError(404, 'not-found', `No such endpoint: ${path}.`);
    const hit = match.find((x) => x.r.method === req.method);
    if (!hit) throw new PosLinkError(405, 'method-not-allowed', `${req.method ?? ''} is not allowed here; use ${match.map((x) => x.r.method).join(' or ')}.`, { headers: { Allow: match.map((x) => x.r.method).join(', ') } });
    const m = hit.m as RegExpExecArray;
    const { service } = options;
    switch (hit.r.endpoint) {
      case 'GET /openapi.json':
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(openapi);
        return;
      case 'GET /events': {
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write('retry: 1000\n\n');
        streams.add(res);
        const unsubscribe = service.subscribe((sale) => res.write(`event: ${SSE_EVENT}\ndata: ${JSON.stringify(sale)}\n\n`));
        const beat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
        beat.unref();
        res.on('close', () => {
          clearInterval(beat);
          unsubscribe();
          streams.delete(res);
        });
        audit('ok');
        return;
      }
      case 'PUT /sales/{posTxnId}': {
        const txn = decodeId(m[1] ?? '', 'transaction id');
        const body = parse(salePutSchema, await jsonBody(req), 'sale');
        const r = await service.putSale(txn, body);
        send(res, r.kind === 'created' ? 201 : 200, r.sale);
        return;
      }
      case 'GET /sales/{posTxnId}': {
        const txn = decodeId(m[1] ?? '', 'transaction id');
        const wait = url.searchParams.get('wait');
        const since = url.searchParams.get('since');
        let sale = await service.status(txn);
        if (sale === null) throw new PosLinkError(404, 'not-found', `Sale ${txn} was never sent to this till.`);
        if (wait !== null) {
          const seconds = parse(z.coerce.number().int().min(0).max(30), wait, 'wait (0–30 seconds)');
          const base = since === null ? sale.version : parse(z.coerce.number().int().min(0), since, 'since');
          sale = (await service.waitForChange(txn, base, seconds * 1000)) ?? sale;
        }
        send(res, 200, sale);
        return;
      }
      case 'POST /sales/{posTxnId}/returns/{returnId}': {
        const txn = decodeId(m[1] ?? '', 'transaction id');
        const returnId = decodeId(m[2] ?? '', 'return id');
        if (returnId === CANCEL_RETURN_ID) throw new PosLinkError(400, 'bad-request', `The return id ${CANCEL_RETURN_ID} is reserved for cancellations.`);
        const body = parse(returnPostSchema, await jsonBody(req), 'return');
        send(res, 200, await service.returnSale(txn, returnId, body));
        return;
      }
      case 'POST /sales/{posTxnId}/cancel': {
        const txn = decodeId(m[1] ?? '', 'transaction id');
        parse(cancelPostSchema, await jsonBody(req), 'cancellation');
        send(res, 200, await service.cancel(txn));
        return;
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith(POS_PREFIX) ? url.pathname.slice(POS_PREFIX.length) : url.pathname;
    let keyMask = `${TOKEN_PREFIX}…none`;
    let audited = false;
    const audit = (outcome: string): void => {
      if (audited) return;
      audited = true;
      const method = AUDIT_METHODS.find((m) => m === req.method);
      if (method === undefined) return; // other verbs never reach a route; nothing worth a line
      const endpoint = ROUTES.find((r) => r.method === method && r.pattern.test(path))?.endpoint ?? 'unknown';
      try {
        options.audit({ at: now(), keyMask, method, path: url.pathname.slice(0, 500), endpoint: `POS link ${endpoint}`, status: res.statusCode, latencyMs: performance.now() - started, outcome });
      } catch {
        // The audit is diagnostics: a failed line never fails the call.
      }
    };
    res.on('finish', () => audit(res.statusCode < 400 ? 'ok' : 'refused'));
    try {
      checkHost(req.headers.host);
      checkNoOrigin(req);
      if (!url.pathname.startsWith(`${POS_PREFIX}/`)) throw new PosLinkError(404, 'not-found', `The POS link lives under ${POS_PREFIX}/.`);
      if (Number(req.headers['content-length'] ?? '0') > 64 * 1024) await readBody(req); // refuses with body-too-large before the token is looked at
      const presented = bearerToken(req);
      if (presented === null) throw new PosLinkError(401, 'unauthorized', 'Send the POS token as Authorization: Bearer <token>.', { headers: { 'WWW-Authenticate': 'Bearer' } });
      const token = options.tokens.check(presented);
      if (token === null) throw new PosLinkError(401, 'unauthorized', 'The POS token is wrong, revoked or rotated: pair the POS again in Settings → POS link.', { headers: { 'WWW-Authenticate': 'Bearer' } });
      keyMask = token.mask;
      limiter.take(token.id);
      await route(req, res, url, path, audit);
    } catch (e) {
      const err = e instanceof PosLinkError ? e : null;
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err === null) {
        send(res, 500, { code: 'internal', message: 'The till could not handle this request; nothing was changed.' });
        return;
      }
      send(res, err.status, { code: err.code, message: err.message, ...err.extra }, err.headers);
      if (err.status === 413) req.resume();
    }
  }

  return {
    async listen(port) {
      const hosts: string[] = [];
      const bind = (host: string, p: number): Promise<http.Server | null> =>
        new Promise((resolve, reject) => {
          const s = http.createServer((req, res) => void handle(req, res));
          s.headersTimeout = 10_000;
          s.requestTimeout = 60_000;
          s.once('error', (err: NodeJS.ErrnoException) => (host === '::1' && (err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT') ? resolve(null) : reject(err)));
          s.listen({ host, port: p, exclusive: true }, () => resolve(s));
        });
      const v4 = await bind('127.0.0.1', port);
      if (v4 === null) throw new Error('127.0.0.1 is not available');
      servers.push(v4);
      hosts.push('127.0.0.1');
      const actual = (v4.address() as AddressInfo).port;
      try {
        const v6 = await bind('::1', actual);
        if (v6 !== null) {
          servers.push(v6);
          hosts.push('::1');
        }
      } catch (e) {
        await this.close();
        throw e;
      }
      return { port: actual, hosts };
    },
    async close() {
      for (const s of streams) s.end();
      streams.clear();
      await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      })));
    },
  };
}
