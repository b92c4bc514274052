/**
 * The POS link as the app core holds it: the token store, the service and the loopback server,
 * started and stopped to follow Settings → POS link (off until a manager turns it on). Hosted
 * the same way by Electron main and the web host, since both assemble the app core.
 */
import path from 'node:path';
import type { PosLinkStatus } from '../../../shared/ipc/schemas/pos-link.ts';
import type { Settings } from '../../../shared/ipc/schemas/settings.ts';
import type { ApiCallInput } from '../../../shared/journal/row.ts';
import { createRefusalTally } from './refusal-tally.ts';
import { createPosLinkServer } from './server.ts';
import type { PosAuditEntry, PosLinkServer, PosLinkServerOptions } from './server.ts';
import { createPosLinkService } from './service.ts';
import type { PosLinkService, PosLinkServiceDeps } from './service.ts';
import { createTokenStore } from './token-store.ts';
import type { TokenStore } from './token-store.ts';

export const POS_TOKEN_FILE = 'pos-link-token.json';

export interface PosLinkOptions extends PosLinkServiceDeps {
  dataDir: string;
  /** Where audit lines go: the journal's API activity, a batch at a time. */
  recordCalls(calls: ApiCallInput[]): void;
  log: { warn(message: string, fields?: Record<string, unknown>): void };
  rateLimit?: PosLinkServerOptions['rateLimit'];
  /** How token-less refusals are counted before they reach the API activity (tests shorten the window). */
  refusalTally?: { windowMs?: number; rowsPerHour?: number };
  /** Listen here instead of the settings' port (tests: 0, any free port). */
  portOverride?: number;
}

export interface PosLink {
  readonly service: PosLinkService;
  readonly tokens: TokenStore;
  /** Starts, stops or moves the server to match the settings; resolves once it has. */
  apply(settings: Settings['posLink']): Promise<void>;
  status(): PosLinkStatus;
  /** Writes the audit lines still waiting for their batch, refusal counts included (tests, before reading the activity). */
  flushAudit(): void;
  close(): Promise<void>;
}

/**
 * Audit lines are written in batches, off the request's path: one disk sync per batch instead of
 * one per call, so a POS call never waits on the audit. A crash can lose the last batch's lines
 * (diagnostics), never a sale: sales are journaled before they are answered.
 */
const AUDIT_BATCH_MS = 250;
const AUDIT_BATCH_MAX = 200;
/** How often the refusal counts are looked at for rows whose window is over. */
const TALLY_TICK_MS = 15_000;

export function createPosLink(options: PosLinkOptions): PosLink {
  const tokens = createTokenStore({ file: path.join(options.dataDir, POS_TOKEN_FILE), now: () => options.now() });
  const service = createPosLinkService(options);
  let server: PosLinkServer | null = null;
  let listening: { port: number; hosts: string[] } | null = null;
  let wanted: { enabled: boolean; port: number } = { enabled: false, port: -1 };
  let error: string | null = null;
  let chain: Promise<void> = Promise.resolve();
  let auditQueue: ApiCallInput[] = [];
  let auditTimer: NodeJS.Timeout | null = null;
  const writeBatch = (): void => {
    if (auditTimer !== null) clearTimeout(auditTimer);
    auditTimer = null;
    const batch = auditQueue;
    auditQueue = [];
    if (batch.length > 0) options.recordCalls(batch);
  };
  const audit = (call: ApiCallInput): void => {
    auditQueue.push(call);
    if (auditQueue.length >= AUDIT_BATCH_MAX) writeBatch();
    else if (auditTimer === null) {
      auditTimer = setTimeout(writeBatch, AUDIT_BATCH_MS);
      auditTimer.unref();
    }
  };
  const refusals = createRefusalTally({ write: audit, now: () => options.now(), ...options.refusalTally });
  const tallyTick = setInterval(() => refusals.flush(), TALLY_TICK_MS);
  tallyTick.unref();
  const flushAudit = (): void => {
    refusals.flush(true);
    writeBatch();
  };
  // Calls made with the token are audited one by one, beside the SocialHub calls. Refusals of
  // callers without it (and rate-limit refusals, which come in floods) are counted instead.
  const auditEntry = (e: PosAuditEntry): void => {
    const { refusal, ...call } = e;
    if (refusal !== null && (!refusal.tokenValid || refusal.code === 'rate-limited')) refusals.count({ ...call, code: refusal.code });
    else audit(call);
  };

  const stop = async (): Promise<void> => {
    const s = server;
    server = null;
    listening = null;
    if (s !== null) await s.close();
  };

  const start = async (port: number): Promise<void> => {
    const s = createPosLinkServer({
      service,
      tokens,
      audit: auditEntry,
      now: () => options.now(),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    });
    try {
      listening = await s.listen(port);
      server = s;
      error = null;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      error = code === 'EADDRINUSE' ? `Port ${port} is already in use on this computer: pick another port.` : `The POS link could not start (${code ?? (e instanceof Error ? e.message : String(e))}).`;
      options.log.warn('POS link not started', { port, code });
    }
  };

  return {
    service,
    tokens,
    apply(settings) {
      chain = chain.then(async () => {
        const port = options.portOverride ?? settings.port;
        // A port that failed is retried only when the manager changes something (no retry loop on every tick).
        if (settings.enabled === wanted.enabled && port === wanted.port) return;
        wanted = { enabled: settings.enabled, port };
        await stop();
        error = null;
        if (settings.enabled) await start(port);
      });
      return chain;
    },
    status: () => ({ enabled: wanted.enabled, port: wanted.port, listening, error, token: tokens.info() }),
    flushAudit,
    async close() {
      clearInterval(tallyTick);
      await chain;
      await stop();
      flushAudit();
    },
  };
}
