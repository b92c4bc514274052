/**
 * Test helpers for the renderer stores (used by *.test.ts only): a fake `TillBridge` answering
 * from handler functions and recording every call, plus fixtures shaped like main's answers.
 */
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { Envelope, ErrorCode } from '../../shared/ipc/envelope.ts';
import type { MemberCard, WriteOutcome } from '../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../shared/journal/row.ts';
import { testRow } from '../../shared/journal/testing/test-row.ts';
import { settingsSchema, type Settings } from '../../shared/ipc/schemas/settings.ts';
import type { KeysStatus, LockState } from '../../shared/ipc/contract.ts';

type Method = Exclude<keyof TillBridge, 'on'>;
type Handler = (request: unknown) => unknown;

export interface FakeBridge {
  bridge: TillBridge;
  calls: { method: string; request: unknown }[];
  /** Answer `method` with `handler(request)` (a value, or an Envelope via `ok`/`fail`, or a Promise). */
  handle(method: Method, handler: Handler): void;
  emit(event: string, payload: unknown): void;
  callsTo(method: Method): unknown[];
}

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, issues?: { path: (string | number)[]; message: string }[]): Envelope<never> {
  return issues === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, issues } };
}

export function createFakeBridge(): FakeBridge {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: { method: string; request: unknown }[] = [];
  const target: Record<string, unknown> = {};
  const bridge = new Proxy(target, {
    get(_target, prop) {
      if (prop === 'then') return undefined;
      if (prop === 'on') {
        return (event: string, listener: (p: unknown) => void) => {
          const set = listeners.get(event) ?? new Set();
          set.add(listener);
          listeners.set(event, set);
          return () => set.delete(listener);
        };
      }
      return async (request?: unknown) => {
        calls.push({ method: String(prop), request });
        const handler = handlers.get(String(prop));
        if (handler === undefined) return fail('UNKNOWN_CHANNEL', `no fake for ${String(prop)}`);
        const answer = await handler(request);
        return answer;
      };
    },
  }) as unknown as TillBridge;
  return {
    bridge,
    calls,
    handle(method, handler) {
      handlers.set(method, handler);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    callsTo(method) {
      return calls.filter((c) => c.method === method).map((c) => c.request);
    },
  };
}

/** An answer the test lets go of when it wants (e.g. to close a screen while a call is out). */
export function deferred<T = unknown>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Resolve pending promise callbacks (several rounds: bridge → call() → store). */
export async function flush(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

export function avaCard(overrides: Partial<MemberCard> = {}): MemberCard {
  return {
    memberId: 'mb_ava_chen',
    fetchedAt: 1_760_000_000_000,
    member: { ok: true, value: { id: 'mb_ava_chen', name: 'Ava Chen', status: 'active', joinedAt: '2023-03-14T10:21:00Z' } },
    points: { ok: true, value: { balance: 4950, recent: [] } },
    tier: { ok: true, value: { tier: { id: 'tier_silver', name: 'Silver', multiplier: 1.25 }, next: { name: 'Gold', pointsToNext: 50 } } },
    coupons: {
      ok: true,
      value: [
        { id: 'cp_ava_summer', code: 'SH-AVA4-SUMR', title: 'Summer double points', status: 'expired', expiresAt: '2025-08-31T23:59:59.000Z' },
        { id: 'cp_ava_pastry', code: 'SH-AVA3-PSTR', title: 'Free pastry with any drink', status: 'redeemed', expiresAt: '2030-01-01T00:00:00.000Z' },
        { id: 'cp_ava_10off', code: 'SH-AVA2-10OF', title: '10% off your next visit', status: 'active', expiresAt: null },
        { id: 'cp_ava_coffee', code: 'SH-AVA1-CFEE', title: 'Free coffee', status: 'active', expiresAt: '2030-01-01T00:00:00.000Z' },
      ],
    },
    ...overrides,
  };
}

/** A cashier-side journal row (Ava's sale T-1001); every other field from the shared builder. */
export function row(overrides: Partial<JournalRow> = {}): JournalRow {
  return testRow({
    id: 7,
    dedupKey: 'award:T-1001',
    tillId: 'till_1',
    posTxnId: 'T-1001',
    memberId: 'mb_ava_chen',
    amount: 249,
    description: 'x',
    createdAt: 1_760_000_100_000,
    updatedAt: 1_760_000_100_000,
    serverTxnId: null,
    balance: 5199,
    ...overrides,
  });
}

export function outcome(status: WriteOutcome['status'], overrides: Partial<WriteOutcome> = {}): WriteOutcome {
  return {
    status,
    message: `engine says ${status}`,
    // Not in any catalogue: the renderer falls back to `message`, which these tests read.
    localized: { messageId: `test.engine.${status}` },
    points: 249,
    balance: status === 'confirmed' ? 5199 : null,
    stale: false,
    row: row({ state: status === 'confirmed' ? 'confirmed' : status === 'queued' ? 'queued' : status === 'checking' ? 'unknown' : status === 'rejected' ? 'rejected' : status === 'needs-attention' ? 'needs-attention' : 'confirmed' }),
    ...overrides,
  };
}

/** The till's defaults (the one source: the settings schema) for a set-up till that earns 10 points per unit. */
export function settingsFixture(overrides: Partial<Settings> = {}): Settings {
  return {
    ...settingsSchema.parse({}),
    storeId: 'st_1',
    tillId: 'till_1',
    earnRule: { pointsPerUnit: 10, rounding: 'floor', applyTierMultiplier: true },
    ...overrides,
  };
}

/** Main's settings channels over one stored copy: settingsGet reads it, settingsUpdate merges a patch into it. */
export function handleSettings(fake: FakeBridge, initial: Settings = settingsFixture()): () => Settings {
  let saved = initial;
  fake.handle('settingsGet', () => ok(saved));
  fake.handle('settingsUpdate', (patch) => {
    saved = { ...saved, ...(patch as Partial<Settings>) };
    return ok(saved);
  });
  return () => saved;
}

/** Key storage with no OS keyring and no opt-in to plain text. */
export const NO_KEYRING: KeysStatus['storage'] = { backend: 'unknown', protected: false, available: false, optedInPlainText: false, optedInAt: null, warning: 'No keyring.' };

/** Main's key status: neither key set, no keyring. */
export function keysStatusFixture(overrides: Partial<KeysStatus> = {}): KeysStatus {
  return {
    write: { configured: false, mask: null, setAt: null, origin: null },
    read: { configured: false, mask: null, setAt: null, origin: null },
    storage: NO_KEYRING,
    ...overrides,
  };
}

/** Main's lock state: a PIN set, the session locked, nothing else going on. */
export function lockStateFixture(overrides: Partial<LockState> = {}): LockState {
  return {
    configured: true,
    unlocked: false,
    unlockExpiresAt: null,
    lockedOutUntil: null,
    failedAttempts: 0,
    autoLockMinutes: 5,
    setup: 'configured',
    setupCode: null,
    setupCodeUsable: true,
    ...overrides,
  };
}
