/**
 * The embedded SocialHub sandbox: a real HTTP server on 127.0.0.1 implementing the v2 contract
 * (`/api/v2`), plus a token-guarded control surface (`/__sandbox/`). The app uses it when no key is
 * configured; every test and QA session runs against it.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { maskKey } from '../../shared/api/key-mask.ts';
import { ID_PATTERN, type LedgerTransaction } from '../../shared/api/schemas.ts';
import { ADMIN_BASE_PATH, handleAdmin, type AdminDeps } from './admin.ts';
import { AuditLog, type AuditEntry } from './audit-log.ts';
import { DEFAULT_SEED, balanceOf, type MemberRecord, type TenantId } from './demo-data.ts';
import { FaultEngine, type FaultKind, type FaultRule } from './faults.ts';
import { BODY_LIMIT_BYTES, bearerToken, errorReply, sendReply, type Reply } from './http-util.ts';
import { readBody, sameSecret, sendBodyTooLarge } from '../core/http/body.ts';
import { createPersister, loadState, type Logger, type Persister } from './persistence.ts';
import { DEFAULT_RATE_LIMIT, TokenBucketLimiter, parseRateLimit, type RateLimitSettings } from './rate-limiter.ts';
import { API_BASE_PATH, matchRoute, type Scope } from './route-table.ts';
import { handleApi } from './router.ts';
import { SandboxStore } from './state.ts';
import { SERVER_TIMEOUTS } from '../../shared/net/server-limits.ts';

/** Loopback only, but bounded: engines, benches and race tests open a few hundred at most. */
export const SANDBOX_MAX_CONNECTIONS = 512;

export type { AuditEntry } from './audit-log.ts';
export type { FaultKind, FaultRule } from './faults.ts';
export type { RateLimitSettings } from './rate-limiter.ts';
export type { Logger } from './persistence.ts';
export { DEMO, DEFAULT_SEED } from './demo-data.ts';
export { couponQrPayload, memberQrPayload } from './qr-payloads.ts';

export interface SandboxOptions {
  /** 0 = any free port (default). */
  port?: number;
  seed?: number;
  adminToken?: string;
  keys?: Partial<SandboxKeys>;
  rateLimit?: RateLimitSettings;
  /** JSON file the state survives restarts in (omit for in-memory only). */
  persistPath?: string;
  ledgerLagMs?: number;
  /** No log lines at all (tests). */
  quiet?: boolean;
  /** Where log lines go instead of stderr. */
  logger?: Logger;
  /** The server's clock (epoch ms) for what it records: ledger times, redeemedAt, lag. Default Date.now; tests share a virtual one with the tills. */
  now?: () => number;
}

export interface SandboxKeys {
  write: string;
  read: string;
  otherTenant: string;
}

export interface SandboxHandle {
  /** API base, e.g. http://127.0.0.1:43127/api/v2 */
  url: string;
  /** http://127.0.0.1:43127 */
  origin: string;
  keys: SandboxKeys;
  adminToken: string;
  seed: number;
  setFaults(rules: FaultRule[]): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  setRateLimit(opts: RateLimitSettings): void;
  setLedgerLag(ms: number): void;
  /** Back to seed data; clears faults and audit; restores the start-up rate limit and ledger lag. */
  reset(): void;
  /** Full ledger of a demo-tenant member, newest first, ignoring lag. */
  ledger(memberId: string): LedgerTransaction[];
  balance(memberId: string): number;
  /** Oldest first. */
  audit(): AuditEntry[];
  /** Also destroys open and hanging sockets, so tests never hang. */
  close(): Promise<void>;
}

interface RequestInfo {
  requestId: string;
  method: string;
  /** Path and query exactly as received (still percent-encoded). */
  rawUrl: string;
  rawPath: string;
  query: URLSearchParams;
  at: Date;
  /** performance.now() at arrival, for latencyMs. */
  started: number;
}

interface KeyRecord {
  keyId: string;
  tenant: TenantId;
  scope: Scope;
}

/** Sandbox keys look like live ones with the `fl_test_` prefix the contract reserves for tests. */
export function generateApiKey(): string {
  return `fl_test_${randomBytes(16).toString('hex')}`;
}

function checkLag(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0 || ms > 3_600_000) throw new Error(`ledgerLagMs must be a whole number of ms between 0 and 3600000 (got ${ms})`);
  return ms;
}

function checkSecrets(keys: SandboxKeys, adminToken: string): void {
  const all = [keys.write, keys.read, keys.otherTenant, adminToken];
  for (const value of all) {
    if (!/^\S{8,200}$/.test(value)) throw new Error('Sandbox keys and admin token must be 8–200 non-space characters');
  }
  if (new Set(all).size !== all.length) throw new Error('Sandbox keys and admin token must all differ');
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<SandboxHandle> {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer (got ${seed})`);
  const keys: SandboxKeys = {
    write: opts.keys?.write ?? generateApiKey(),
    read: opts.keys?.read ?? generateApiKey(),
    otherTenant: opts.keys?.otherTenant ?? generateApiKey(),
  };
  const adminToken = opts.adminToken ?? `sbx_admin_${randomBytes(16).toString('hex')}`;
  checkSecrets(keys, adminToken);
  const keyTable = new Map<string, KeyRecord>([
    [keys.write, { keyId: 'key_demo_write', tenant: 'demo', scope: 'write' }],
    [keys.read, { keyId: 'key_demo_read', tenant: 'demo', scope: 'read' }],
    [keys.otherTenant, { keyId: 'key_other_write', tenant: 'other', scope: 'write' }],
  ]);
  const clock = opts.now ?? Date.now;
  const log: Logger = opts.quiet ? () => {} : (opts.logger ?? ((level, message) => process.stderr.write(`[sandbox] ${level}: ${message}\n`)));

  const initialRate = parseRateLimit(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  const initialLag = checkLag(opts.ledgerLagMs ?? 0);
  let ledgerLagMs = initialLag;
  const store = new SandboxStore(seed);
  const limiter = new TokenBucketLimiter(initialRate);
  const faults = new FaultEngine(seed);
  const audit = new AuditLog();
  let persister: Persister | null = null;
  if (opts.persistPath !== undefined) {
    loadState(opts.persistPath, store, log);
    const p = createPersister(opts.persistPath, store, log);
    persister = p;
    store.onChange = () => p.schedule();
  }

  // Aborted on close: wakes every delayed or hanging request so nothing outlives the server.
  const closing = new AbortController();
  setMaxListeners(0, closing.signal);
  let requestSeq = 0;
  // Bumped by reset(): a request held by a fault across a reset must not land in the fresh state.
  let epoch = 0;

  const reset = (): void => {
    epoch++;
    store.reset();
    faults.clear();
    audit.clear();
    limiter.configure(initialRate);
    ledgerLagMs = initialLag;
    persister?.schedule();
  };

  const adminDeps: AdminDeps = {
    store,
    faults,
    audit,
    reset,
    getRateLimit: () => limiter.settings,
    setRateLimit: (s) => limiter.configure(s),
    getLedgerLag: () => ledgerLagMs,
    setLedgerLag: (ms) => {
      ledgerLagMs = checkLag(ms);
    },
  };

  const pause = (ms: number): Promise<boolean> =>
    delay(ms, undefined, { signal: closing.signal }).then(
      () => true,
      () => false,
    );

  /** Resolves when the client goes away, `ms` passes, or the sandbox closes. */
  const hold = (req: IncomingMessage, ms: number | undefined): Promise<void> =>
    new Promise((resolve) => {
      const socket = req.socket;
      if (socket.destroyed || closing.signal.aborted) return resolve();
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        clearTimeout(timer);
        socket.off('close', done);
        closing.signal.removeEventListener('abort', done);
        resolve();
      };
      socket.once('close', done);
      closing.signal.addEventListener('abort', done, { once: true });
      if (ms !== undefined) timer = setTimeout(done, ms);
    });

  async function serveApi(req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<void> {
    const token = bearerToken(req);
    const key = token === null ? undefined : keyTable.get(token);
    const fired: FaultKind[] = [];
    const record = (status: number): void => {
      audit.record({
        at: info.at.toISOString(),
        requestId: info.requestId,
        keyId: key?.keyId ?? null,
        keyMask: token === null ? null : maskKey(token),
        method: info.method,
        path: info.rawUrl.slice(0, 512),
        status,
        latencyMs: Math.round((performance.now() - info.started) * 10) / 10,
        ...(fired.length > 0 ? { faults: [...fired] } : {}),
      });
    };
    const startedEpoch = epoch;
    const reply = (r: Reply): void => {
      // The client may have given up during an injected pause: nobody received this status.
      const delivered = !res.destroyed && !req.socket.destroyed;
      sendReply(res, r, info.requestId);
      record(delivered ? r.status : 0);
    };
    const drop = (): void => {
      req.socket.destroy();
      record(0);
    };

    const body = await readBody(req, BODY_LIMIT_BYTES);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        sendBodyTooLarge(res, BODY_LIMIT_BYTES, { 'X-Request-Id': info.requestId });
        return record(413);
      }
      return drop();
    }
    if (!key) {
      return reply(errorReply(401, 'unauthorized', token === null ? 'Missing Authorization: Bearer <key> header' : 'Unknown or revoked API key'));
    }
    const take = limiter.take(key.keyId);
    if (!take.ok) {
      return reply(errorReply(429, 'rate_limited', `Rate limit exceeded for this key; retry after ${take.retryAfterSeconds}s`, { 'Retry-After': String(take.retryAfterSeconds) }));
    }
    const match = matchRoute(info.method, info.rawPath.slice(API_BASE_PATH.length).split('/').slice(1));
    if (match.kind === 'not-found') return reply(errorReply(404, 'not_found', 'No such endpoint'));
    if (match.kind === 'method-not-allowed') {
      return reply(errorReply(405, 'method_not_allowed', `Method ${info.method.slice(0, 16)} not allowed here; use ${match.allow.join(' or ')}`, { Allow: match.allow.join(', ') }));
    }
    if (match.scope === 'write' && key.scope !== 'write') {
      return reply(errorReply(403, 'forbidden', `This API key is read-only; ${match.key} needs a write-scoped key`));
    }
    // Hostile ids (encoded slashes, dots, control characters, non-ASCII) are simply not found, and never echoed.
    if (match.id !== null && !ID_PATTERN.test(match.id)) return reply(errorReply(404, 'not_found', 'Not found'));

    const plan = faults.plan(match.key, match.id);
    fired.push(...plan.fired);
    if (plan.latencyBeforeMs > 0 && !(await pause(plan.latencyBeforeMs))) return drop();
    const outcome = plan.outcome;
    switch (outcome?.kind) {
      case 'error5xx': {
        const status = outcome.status ?? 503;
        const headers = outcome.retryAfter !== undefined ? { 'Retry-After': outcome.retryAfter } : undefined;
        return reply(errorReply(status, status === 503 ? 'service_unavailable' : 'server_error', `Injected fault: HTTP ${status}`, headers));
      }
      case 'rateLimit': {
        const headers = outcome.retryAfter === null ? undefined : { 'Retry-After': outcome.retryAfter ?? '1' };
        return reply(errorReply(429, 'rate_limited', 'Rate limit exceeded (injected)', headers));
      }
      case 'dropBeforeApply':
        return drop();
      case 'hang':
        await hold(req, outcome.ms);
        return drop();
      default:
        break;
    }
    if (closing.signal.aborted || epoch !== startedEpoch) return drop();

    // Synchronous: the write is applied in one step, whatever the fault does afterwards.
    const result = handleApi(match.key, store, {
      tenant: key.tenant,
      id: match.id,
      query: info.query,
      contentType: req.headers['content-type'],
      body: body.body,
      now: new Date(clock()),
      ledgerLagMs: Math.max(ledgerLagMs, plan.lagMs),
    });
    if (outcome?.kind === 'applyThenDrop') return drop();
    if (plan.latencyAfterMs > 0 && !(await pause(plan.latencyAfterMs))) return drop();
    reply(result);
  }

  async function serveAdmin(req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<void> {
    const body = await readBody(req, BODY_LIMIT_BYTES);
    if (!body.ok) {
      if (body.reason === 'too-large') sendBodyTooLarge(res, BODY_LIMIT_BYTES, { 'X-Request-Id': info.requestId });
      else req.socket.destroy();
      return;
    }
    const token = bearerToken(req);
    if (token === null || !sameSecret(token, adminToken)) {
      return sendReply(res, errorReply(401, 'unauthorized', 'Sandbox admin routes need Authorization: Bearer <adminToken>'), info.requestId);
    }
    const segments = info.rawPath.slice(ADMIN_BASE_PATH.length).split('/').slice(1);
    sendReply(res, handleAdmin(adminDeps, { method: info.method, segments, query: info.query, body: body.body }), info.requestId);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const info: RequestInfo = {
      requestId: `req_${(++requestSeq).toString(36)}`,
      method: req.method ?? 'GET',
      rawUrl,
      rawPath: q === -1 ? rawUrl : rawUrl.slice(0, q),
      query: new URLSearchParams(q === -1 ? '' : rawUrl.slice(q + 1)),
      at: new Date(),
      started: performance.now(),
    };
    const under = (base: string): boolean => info.rawPath === base || info.rawPath.startsWith(`${base}/`);
    try {
      if (under(API_BASE_PATH)) await serveApi(req, res, info);
      else if (under(ADMIN_BASE_PATH)) await serveAdmin(req, res, info);
      else {
        await readBody(req, BODY_LIMIT_BYTES);
        sendReply(res, errorReply(404, 'not_found', `No such route; the API is under ${API_BASE_PATH}`), info.requestId);
      }
    } catch (err) {
      log('warn', `Unhandled error on ${info.method} ${info.rawPath.slice(0, 200)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      sendReply(res, errorReply(500, 'server_error', 'Sandbox internal error'), info.requestId);
    }
  }

  const server = createServer({ keepAliveTimeout: 5_000, ...SERVER_TIMEOUTS }, (req, res) => void onRequest(req, res));
  server.maxConnections = SANDBOX_MAX_CONNECTIONS;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}${API_BASE_PATH}`;
  log('info', `SocialHub sandbox listening on ${url} (seed ${seed})`);

  const demoMember = (memberId: string): MemberRecord => {
    const member = store.member('demo', memberId);
    if (!member) throw new Error(`No demo-tenant member ${memberId}`);
    return member;
  };

  let closed: Promise<void> | null = null;
  return {
    url,
    origin,
    keys: { ...keys },
    adminToken,
    seed,
    setFaults: (rules) => faults.set(rules),
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setRateLimit: (settings) => limiter.configure(settings),
    setLedgerLag: (ms) => {
      ledgerLagMs = checkLag(ms);
    },
    reset,
    ledger: (memberId) => [...demoMember(memberId).ledger].reverse().map((t) => ({ ...t })),
    balance: (memberId) => balanceOf(demoMember(memberId)),
    audit: () => audit.entries(),
    close: () => {
      closed ??= (async () => {
        closing.abort();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await persister?.flush();
      })();
      return closed;
    },
  };
}
