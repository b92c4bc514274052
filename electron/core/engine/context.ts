/**
 * The engine's resolved configuration and shared runtime state, passed to every module.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { JournalKeyingError } from '../journal/index.ts';
import type { Journal, JournalRow, KeyingSettings, TransitionRequest } from '../journal/index.ts';
import type { RoundingMode } from '../../../shared/earn/earn-rule.ts';
import type { EarnRule } from '../../../shared/earn/earn-rule.ts';
import { TOKEN_VALUE } from '../../../shared/ledger/sale-token.ts';
import { isBusinessDate } from '../../../shared/time/business-day.ts';
import { businessToday } from '../journal/business-today.ts';
import type { CrashPoint, EngineClient, EngineConfig } from './types.ts';
import type { BackoffSettings } from './backoff.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { EngineInputError } from './errors.ts';
import { Pacer } from './pacer.ts';

export interface Ctx {
  journal: Journal;
  client: EngineClient;
  storeId: string;
  tillId: string;
  /** The keying this engine settled at construction: every sale it keys, reads back or resends uses it. */
  readonly keying: KeyingSettings;
  /**
   * Throws JournalKeyingError unless the journal is still keyed as {@link Ctx.keying}. Another
   * program may re-key a journal with no rows (the CLI with --tz) and record under its keying;
   * this engine then neither keys a sale nor reads back or resends a row until it is rebuilt.
   */
  requireKeying(): void;
  /**
   * Why this engine is stopped ({@link Ctx.requireKeying}'s sentence), or null. Only a keying the
   * journal no longer has stops it; an unreadable journal says so itself where it is used.
   */
  keyingRefusal(): string | null;
  txnIdScope: 'forever' | 'business-day';
  /** POS ids unique per till: a sibling till's marker is another sale (else the same one). */
  idsPerTill: boolean;
  businessDate: () => string;
  requestTimeoutMs: number;
  settleMs: number;
  backoff: BackoffSettings & { retryAfterMaxMs: number };
  leaseMs: number;
  ledgerMarginMs: number;
  duplicateCheckMaxMs: number;
  redeemWindowMs: number;
  redeemClockSkewMs: number;
  idlePollMs: number;
  drainConcurrency: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  earnRule: EarnRule | undefined;
  clawbackRounding: RoundingMode;
  link: CircuitBreaker;
  pacer: Pacer | null;
  /** A fresh lease owner for one unit of work: workers of one process must not share leases. */
  worker(tag: string): string;
  notify(id: number): void;
  crash(point: CrashPoint): void;
  /** Compare-and-set; on success notifies the UI. Returns the row as it is afterwards. */
  move(id: number, req: TransitionRequest): { ok: boolean; row: JournalRow | undefined };
}

/** Errors thrown by the crash hook: a simulated process death, never handled by the engine. */
const crashes = new WeakSet<object>();
export function isCrash(err: unknown): boolean {
  return typeof err === 'object' && err !== null && crashes.has(err);
}


function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new EngineInputError(`Engine config: ${name} must be a positive number (got ${v}).`);
  return Math.round(v);
}

export function createContext(config: EngineConfig): Ctx {
  for (const [name, value] of [
    ['storeId', config.storeId],
    ['tillId', config.tillId],
  ] as const) {
    if (!TOKEN_VALUE.test(value)) throw new EngineInputError(`Engine config: ${name} ${JSON.stringify(value)} must be 1–64 of A–Z, a–z, 0–9, _ or -.`);
  }
  if (!config.owner || config.owner.length > 100) throw new EngineInputError('Engine config: owner must be 1–100 characters, unique per process.');
  const now = config.now ?? Date.now;
  const requestTimeoutMs = positive('requestTimeoutMs', config.requestTimeoutMs, 8000);
  const settleMs = Math.max(2 * requestTimeoutMs, positive('settleMs', config.settleMs, 2 * requestTimeoutMs));
  const backoff = config.backoff ?? { baseMs: 500, capMs: 60_000 };
  const leaseMs = positive('leaseMs', config.leaseMs, Math.max(5000, 4 * requestTimeoutMs));
  if (leaseMs <= requestTimeoutMs) throw new EngineInputError('Engine config: leaseMs must be longer than requestTimeoutMs.');
  // Every process sharing the journal keys sales the same way, or is refused here.
  const claim = {
    storeId: config.storeId,
    ...(config.txnIdScope !== undefined && { idScope: config.txnIdScope }),
    ...(config.dayStart !== undefined && { dayStart: config.dayStart }),
    ...(config.timeZone !== undefined && { timeZone: config.timeZone }),
    ...(config.idsUniquePer !== undefined && { idsUniquePer: config.idsUniquePer }),
  };
  const keying = config.journal.settleKeying(claim);
  const businessDate = config.businessDate ?? (() => businessToday(keying, keying.dayStart, now()).date);
  const onChange = config.onChange;
  const crashPoint = config.crashPoint;
  let seq = 0;

  const ctx: Ctx = {
    journal: config.journal,
    client: config.client,
    storeId: config.storeId,
    tillId: config.tillId,
    keying,
    requireKeying: () => config.journal.requireKeying(keying),
    keyingRefusal: () => {
      try {
        config.journal.requireKeying(keying);
        return null;
      } catch (err) {
        if (err instanceof JournalKeyingError) return err.message;
        return null;
      }
    },
    txnIdScope: keying.idScope,
    idsPerTill: keying.idsUniquePer === 'till',
    businessDate: () => {
      const d = businessDate();
      if (!isBusinessDate(d)) throw new EngineInputError(`The business date ${JSON.stringify(d)} is not a YYYY-MM-DD date.`);
      return d;
    },
    requestTimeoutMs,
    settleMs,
    backoff: {
      baseMs: positive('backoff.baseMs', backoff.baseMs, 500),
      capMs: positive('backoff.capMs', backoff.capMs, 60_000),
      retryAfterMaxMs: positive('retryAfterMaxMs', config.retryAfterMaxMs, 300_000),
    },
    leaseMs,
    ledgerMarginMs: positive('ledgerMarginMs', config.ledgerMarginMs, 15 * 60_000),
    duplicateCheckMaxMs: positive('duplicateCheckMaxMs', config.duplicateCheckMaxMs, Math.max(60_000, 10 * settleMs)),
    redeemWindowMs: positive('redeemWindowMs', config.redeemWindowMs, 120_000),
    redeemClockSkewMs: positive('redeemClockSkewMs', config.redeemClockSkewMs, 2000),
    idlePollMs: positive('idlePollMs', config.idlePollMs, 250),
    drainConcurrency: positive('drainConcurrency', config.drainConcurrency, 1),
    now,
    sleep: config.sleep ?? ((ms) => delay(ms)),
    random: config.random ?? Math.random,
    earnRule: config.earnRule,
    clawbackRounding: config.clawbackRounding ?? 'floor',
    link: new CircuitBreaker({
      threshold: positive('breakerThreshold', config.breakerThreshold, 3),
      probeIntervalMs: positive('probeIntervalMs', config.probeIntervalMs, 5000),
      now,
      onChange: config.onConnectivity,
    }),
    pacer: config.rateLimit ? new Pacer(config.rateLimit, now) : null,
    worker: (tag) => `${config.owner}/${tag}-${++seq}`,
    notify: (id) => {
      try {
        onChange?.([id]);
      } catch {
        // The UI's listener must not break a write.
      }
    },
    crash: (point) => {
      try {
        crashPoint?.(point);
      } catch (err) {
        if (typeof err === 'object' && err !== null) crashes.add(err);
        throw err;
      }
    },
    move: (id, req) => {
      const r = ctx.journal.transition(id, req);
      if (r.ok) {
        ctx.notify(id);
        return { ok: true, row: r.row };
      }
      return { ok: false, row: r.reason === 'not-found' ? undefined : r.row };
    },
  };
  return ctx;
}
