/**
 * The POS link's HTTP door (node:http): loopback only (127.0.0.1 and ::1, one port), versioned
 * JSON under /pos/v1/. Every request is checked in the same order — Host (and the authority of an
 * absolute-form target), Origin, body size, token, rate limit — and a refusal is a specific 4xx
 * `{code, message}` before any route runs, so nothing is written for it. Every request, refused
 * or not, reaches the audit callback, marked so that token-less refusals can be counted rather
 * than written one by one (pos-link.ts). What a token opened — SSE streams, parked long-polls — is
 * capped per token and ended when the token is rotated or revoked.
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { businessDateSchema, posIdSchema, returnPostSchema, salePutSchema, cancelPostSchema, SSE_EVENT } from '../../../shared/pos/schemas.ts';
import { posLinkOpenApiText } from '../../../shared/pos/openapi.ts';
import { PosLinkError } from './errors.ts';
import { bearerToken, checkHost, checkNoOrigin, createRateLimiter, readBody, requestTarget } from './request-guards.ts';
import type { RateLimiter } from './request-guards.ts';
import { CANCEL_RETURN_ID } from './service.ts';
import type { PosLinkService } from './service.ts';
import type { TokenMatch, TokenStore } from './token-store.ts';
import { TOKEN_PREFIX } from './token-store.ts';

export const POS_PREFIX = '/pos/v1';
const AUDIT_METHODS = ['GET', 'POST', 'PUT'] as const;
const HEARTBEAT_MS = 15_000;
/** An SSE client this far behind is not reading: it is cut off rather than buffered without end. */
const SSE_BACKLOG_MAX_BYTES = 1024 * 1024;

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
  /** Set when the request was refused: its code, and whether it carried the current token. */
  refusal: { code: string; tokenValid: boolean } | null;
}

/** What one token may hold open at once, and how long a client may take over its headers. */
export interface PosLinkLimits {
  /** Default 16. */
  streamsPerToken: number;
  /** Default 256. */
  pollsPerToken: number;
  /** Default 5 s; a slow-headers client is cut off after it (checked every second). */
  headersTimeoutMs: number;
  /** Open connections at once, across all callers (default 512): a flood of sockets stays bounded. */
  maxConnections: number;
}

const DEFAULT_LIMITS: PosLinkLimits = { streamsPerToken: 16, pollsPerToken: 256, headersTimeoutMs: 5_000, maxConnections: 512 };

/** The token a request was authorised with, and the server's token generation at that moment. */
interface Authorised extends TokenMatch {
  generation: number;
}

export interface PosLinkServerOptions {
  service: PosLinkService;
  tokens: TokenStore;
  audit(entry: PosAuditEntry): void;
  /** Per token; default 20/s with a burst of 40. */
  rateLimit?: { perSecond: number; burst: number };
  limits?: Partial<PosLinkLimits>;
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

/** `?businessDate=`: which day's sale the POS means where ids restart every business day. */
function saleDateParam(url: URL): string | undefined {
  const v = url.searchParams.get('businessDate');
  return v === null ? undefined : parse(businessDateSchema, v, 'businessDate (YYYY-MM-DD)');
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
  const limits: PosLinkLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const servers: http.Server[] = [];
  const openapi = posLinkOpenApiText();
  const tokenChanged = (): PosLinkError =>
    new PosLinkError(401, 'unauthorized', 'The POS token was rotated or revoked while this request waited: pair the POS again in Settings → POS link.', { headers: { 'WWW-Authenticate': 'Bearer' } });
  // What each token holds open: ended when the token changes, counted against the per-token caps.
  const held = new Map<string, { streams: Set<ServerResponse>; polls: Set<() => void> }>();
  // Counts token changes: a request authorised before one (still reading its sale) must not park after it.
  let generation = 0;
  const heldBy = (token: Authorised): { streams: Set<ServerResponse>; polls: Set<() => void> } => {
    if (token.generation !== generation) throw tokenChanged();
    let h = held.get(token.id);
    if (h === undefined) {
      h = { streams: new Set(), polls: new Set() };
      held.set(token.id, h);
    }
    return h;
  };
  const endHeld = (): void => {
    generation++;
    for (const h of held.values()) {
      for (const res of h.streams) res.end();
      for (const cancel of h.polls) cancel();
    }
    held.clear();
  };
  let unsubscribeTokens: (() => void) | null = null;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, path: string, token: Authorised, audit: (outcome: string) => void): Promise<void> {
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
        const { streams } = heldBy(token);
        if (streams.size >= limits.streamsPerToken) throw new PosLinkError(429, 'rate-limited', `This token already has ${limits.streamsPerToken} event streams open: close one first.`, { headers: { 'Retry-After': '1' } });
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write('retry: 1000\n\n');
        streams.add(res);
        const push = (text: string): void => {
          if (res.writableEnded || res.destroyed) return; // ended (token changed), its 'close' still to come
          if (res.writableLength > SSE_BACKLOG_MAX_BYTES) res.destroy();
          else res.write(text);
        };
        const unsubscribe = service.subscribe((sale) => push(`event: ${SSE_EVENT}\ndata: ${JSON.stringify(sale)}\n\n`));
        const beat = setInterval(() => push(': keep-alive\n\n'), HEARTBEAT_MS);
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
        const day = saleDateParam(url);
        let sale = await service.status(txn, day);
        if (sale === null) throw new PosLinkError(404, 'not-found', `Sale ${txn} was never sent to this till.`);
        if (wait !== null) {
          const seconds = parse(z.coerce.number().int().min(0).max(30), wait, 'wait (0–30 seconds)');
          const base = since === null ? sale.version : parse(z.coerce.number().int().min(0), since, 'since');
          const { polls } = heldBy(token);
          if (polls.size >= limits.pollsPerToken) throw new PosLinkError(429, 'rate-limited', `This token already has ${limits.pollsPerToken} long-polls waiting: wait for one to answer first.`, { headers: { 'Retry-After': '1' } });
          let cancel = (): void => undefined;
          const cancelled = new Promise<'token-changed' | 'gone'>((resolve) => {
            cancel = () => resolve('token-changed');
            res.once('close', () => resolve('gone')); // the POS hung up: its slot is free at once
          });
          polls.add(cancel);
          try {
            const woke = await Promise.race([service.waitForChange(txn, base, seconds * 1000, day), cancelled]);
            if (woke === 'gone') return;
            if (woke === 'token-changed') throw tokenChanged();
            sale = woke ?? sale;
          } finally {
            polls.delete(cancel);
          }
        }
        send(res, 200, sale);
        return;
      }
      case 'POST /sales/{posTxnId}/returns/{returnId}': {
        const txn = decodeId(m[1] ?? '', 'transaction id');
        const returnId = decodeId(m[2] ?? '', 'return id');
        if (returnId === CANCEL_RETURN_ID) throw new PosLinkError(400, 'bad-request', `The return id ${CANCEL_RETURN_ID} is reserved for cancellations.`);
        const body = parse(returnPostSchema, await jsonBody(req), 'return');
        send(res, 200, await service.returnSale(txn, returnId, body, saleDateParam(url)));
        return;
      }
      case 'POST /sales/{posTxnId}/cancel': {
        const txn = decodeId(m[1] ?? '', 'transaction id');
        parse(cancelPostSchema, await jsonBody(req), 'cancellation');
        send(res, 200, await service.cancel(txn, saleDateParam(url)));
        return;
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let url = new URL('http://127.0.0.1/');
    let path = '/';
    let keyMask = `${TOKEN_PREFIX}…none`;
    let tokenValid = false;
    let refusal: string | null = null;
    let audited = false;
    const audit = (outcome: string): void => {
      if (audited) return;
      audited = true;
      const method = AUDIT_METHODS.find((m) => m === req.method);
      if (method === undefined) return; // other verbs never reach a route; nothing worth a line
      const endpoint = ROUTES.find((r) => r.method === method && r.pattern.test(path))?.endpoint ?? 'unknown';
      try {
        options.audit({
          at: now(),
          keyMask,
          method,
          path: url.pathname.slice(0, 500),
          endpoint: `POS link ${endpoint}`,
          status: res.statusCode,
          latencyMs: performance.now() - started,
          outcome,
          refusal: res.statusCode < 400 ? null : { code: refusal ?? 'internal', tokenValid },
        });
      } catch {
        // The audit is diagnostics: a failed line never fails the call.
      }
    };
    res.on('finish', () => audit(res.statusCode < 400 ? 'ok' : 'refused'));
    try {
      const target = requestTarget(req.url ?? '');
      url = target.url;
      path = url.pathname.startsWith(POS_PREFIX) ? url.pathname.slice(POS_PREFIX.length) : url.pathname;
      checkHost(req.headers.host);
      if (target.authority !== null) checkHost(target.authority);
      checkNoOrigin(req);
      if (!url.pathname.startsWith(`${POS_PREFIX}/`)) throw new PosLinkError(404, 'not-found', `The POS link lives under ${POS_PREFIX}/.`);
      if (Number(req.headers['content-length'] ?? '0') > 64 * 1024) await readBody(req); // refuses with body-too-large before the token is looked at
      const presented = bearerToken(req);
      if (presented === null) throw new PosLinkError(401, 'unauthorized', 'Send the POS token as Authorization: Bearer <token>.', { headers: { 'WWW-Authenticate': 'Bearer' } });
      const token = options.tokens.check(presented);
      if (token === null) throw new PosLinkError(401, 'unauthorized', 'The POS token is wrong, revoked or rotated: pair the POS again in Settings → POS link.', { headers: { 'WWW-Authenticate': 'Bearer' } });
      keyMask = token.mask;
      tokenValid = true;
      limiter.take(token.id);
      await route(req, res, url, path, { ...token, generation }, audit);
    } catch (e) {
      const err = e instanceof PosLinkError ? e : null;
      refusal = err?.code ?? 'internal';
      if (res.headersSent) {
        res.end();
        return;
      }
      if (err === null) {
        send(res, 500, { code: 'internal', message: 'The till could not handle this request; nothing was changed.' });
        return;
      }
      // A caller refused before its body was read is not owed the wait for the rest of it.
      const unreadBody = !tokenValid && (req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0);
      send(res, err.status, { code: err.code, message: err.message, ...err.extra }, { ...err.headers, ...(unreadBody ? { Connection: 'close' } : {}) });
      if (err.status === 413) req.resume();
    }
  }

  return {
    async listen(port) {
      const hosts: string[] = [];
      const bind = (host: string, p: number): Promise<http.Server | null> =>
        new Promise((resolve, reject) => {
          // Slow-headers clients are cut off within a second of the timeout (Node checks every 30 s by default).
          const s = http.createServer({ connectionsCheckingInterval: 1_000, headersTimeout: limits.headersTimeoutMs, requestTimeout: 30_000 }, (req, res) => void handle(req, res));
          s.maxConnections = limits.maxConnections;
          s.once('error', (err: NodeJS.ErrnoException) => (host === '::1' && (err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT') ? resolve(null) : reject(err)));
          s.listen({ host, port: p, exclusive: true }, () => resolve(s));
        });
      const v4 = await bind('127.0.0.1', port);
      if (v4 === null) throw new Error('127.0.0.1 is not available');
      unsubscribeTokens ??= options.tokens.onChange(endHeld);
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
      unsubscribeTokens?.();
      unsubscribeTokens = null;
      // Streams end cleanly; parked long-polls go with their connections below (no token changed).
      for (const h of held.values()) for (const res of h.streams) res.end();
      held.clear();
      await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      })));
    },
  };
}
