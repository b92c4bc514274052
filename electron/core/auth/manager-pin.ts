/**
 * The manager PIN: what stands between a cashier and the settings, the keys and overrides.
 *
 * - Stored only as an scrypt hash with a random salt (and the parameters used, so they can be
 *   raised later without locking anyone out); compared in constant time.
 * - Wrong guesses are counted on disk (a restart does not reset them): after `maxAttempts` the PIN
 *   is locked out for an escalating time (1 min, 2, 4, … capped at an hour).
 * - A correct PIN opens a manager session that locks itself after N minutes without manager
 *   activity (`touch()`), measured on an injected clock. The session lives in memory only: a
 *   restart always starts locked.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { PIN_PATTERN } from '../../../shared/ipc/schemas/pin.ts';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLen: number;
}
/** ~32 MiB and ~50–100 ms per check on a till: slow for a guesser, unnoticeable for a manager. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1, keyLen: 32 });

const recordSchema = z.object({
  version: z.literal(1),
  hash: z.string().min(1),
  salt: z.string().min(1),
  params: z.object({ N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive(), keyLen: z.number().int().positive() }),
  failedAttempts: z.number().int().nonnegative(),
  lockouts: z.number().int().nonnegative(),
  lockedUntil: z.number().nullable(),
});
export type PinRecord = z.output<typeof recordSchema>;

export interface PinStore {
  /** The stored record, or null when no PIN was ever set. Throws if it exists but cannot be read. */
  load(): Promise<unknown>;
  save(record: PinRecord): Promise<void>;
}

export interface Clock {
  now(): number;
}

export type PinErrorCode = 'PIN_INVALID' | 'PIN_WRONG' | 'PIN_LOCKED_OUT' | 'PIN_NOT_SET' | 'PIN_UNREADABLE';

export class PinError extends Error {
  readonly code: PinErrorCode;
  constructor(code: PinErrorCode, message: string) {
    super(message);
    this.name = 'PinError';
    this.code = code;
  }
}

export interface LockState {
  configured: boolean;
  unlocked: boolean;
  unlockExpiresAt: string | null;
  lockedOutUntil: string | null;
  failedAttempts: number;
  autoLockMinutes: number;
}

export type VerifyResult =
  | { result: 'unlocked'; state: LockState }
  | { result: 'wrong'; attemptsLeft: number; state: LockState }
  | { result: 'locked-out'; retryAt: string; state: LockState }
  | { result: 'not-set'; state: LockState };

export interface ManagerPin {
  state(): Promise<LockState>;
  set(newPin: string, currentPin?: string): Promise<LockState>;
  verify(pin: string): Promise<VerifyResult>;
  lock(): Promise<LockState>;
  /** Whether a manager session is open now (a lapsed session is closed, and subscribers told). */
  isUnlocked(): boolean;
  /** Manager activity: pushes the auto-lock back. No effect while locked. */
  touch(): void;
  /** Close a session whose time ran out; call periodically so the UI learns of it. */
  checkExpiry(): void;
  subscribe(listener: (state: LockState) => void): () => void;
}

export interface ManagerPinOptions {
  readonly store: PinStore;
  readonly clock: Clock;
  readonly autoLockMinutes: () => number;
  readonly scrypt?: ScryptParams;
  readonly maxAttempts?: number;
  readonly baseLockoutMs?: number;
  readonly maxLockoutMs?: number;
}

function scrypt(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128·N·r, or Node refuses the larger (safer) parameters.
    scryptCb(pin, salt, params.keyLen, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }, (e, key) => (e ? reject(e) : resolve(key)));
  });
}

async function hashPin(pin: string, params: ScryptParams): Promise<{ hash: string; salt: string }> {
  const salt = randomBytes(16);
  return { hash: (await scrypt(pin, salt, params)).toString('base64'), salt: salt.toString('base64') };
}

async function matches(pin: string, record: PinRecord): Promise<boolean> {
  const expected = Buffer.from(record.hash, 'base64');
  const actual = await scrypt(pin, Buffer.from(record.salt, 'base64'), record.params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function createManagerPin(options: ManagerPinOptions): ManagerPin {
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const maxAttempts = options.maxAttempts ?? 5;
  const baseLockoutMs = options.baseLockoutMs ?? 60_000;
  const maxLockoutMs = options.maxLockoutMs ?? 60 * 60_000;
  const { clock, store } = options;
  const listeners = new Set<(state: LockState) => void>();

  let record: PinRecord | null | undefined; // undefined = not loaded yet
  let lastActivity: number | null = null; // null = locked
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const autoLockMs = () => Math.max(1, options.autoLockMinutes()) * 60_000;

  async function load(): Promise<PinRecord | null> {
    if (record !== undefined) return record;
    let raw: unknown;
    try {
      raw = await store.load();
    } catch {
      throw new PinError('PIN_UNREADABLE', 'The manager PIN file could not be read. Manager functions stay locked.');
    }
    if (raw === null) return (record = null);
    const parsed = recordSchema.safeParse(raw);
    // Fail closed: a damaged PIN file must not turn into "no PIN set, anyone may set one".
    if (!parsed.success) throw new PinError('PIN_UNREADABLE', 'The manager PIN file is damaged. Manager functions stay locked.');
    return (record = parsed.data);
  }

  async function save(next: PinRecord): Promise<void> {
    await store.save(next);
    record = next;
  }

  function unlockedNow(): boolean {
    return lastActivity !== null && clock.now() - lastActivity < autoLockMs();
  }

  function snapshot(): LockState {
    const now = clock.now();
    const unlocked = unlockedNow();
    const lockedUntil = record?.lockedUntil ?? null;
    return {
      configured: record !== null && record !== undefined,
      unlocked,
      unlockExpiresAt: unlocked && lastActivity !== null ? new Date(lastActivity + autoLockMs()).toISOString() : null,
      lockedOutUntil: lockedUntil !== null && lockedUntil > now ? new Date(lockedUntil).toISOString() : null,
      failedAttempts: record?.failedAttempts ?? 0,
      autoLockMinutes: Math.max(1, options.autoLockMinutes()),
    };
  }

  function emit(): void {
    const s = snapshot();
    for (const l of listeners) {
      try {
        l(s);
      } catch {
        // a listener's failure is not the PIN's
      }
    }
  }

  /** Current lockout end, clamped so a clock set back cannot stretch a lockout past the maximum. */
  async function activeLockout(r: PinRecord): Promise<number | null> {
    if (r.lockedUntil === null) return null;
    const now = clock.now();
    if (r.lockedUntil <= now) return null;
    if (r.lockedUntil - now > maxLockoutMs) {
      await save({ ...r, lockedUntil: now + maxLockoutMs });
      return now + maxLockoutMs;
    }
    return r.lockedUntil;
  }

  /** Count one wrong PIN; returns the attempts left (0 = now locked out). */
  async function recordFailure(r: PinRecord): Promise<number> {
    const failed = r.failedAttempts + 1;
    if (failed >= maxAttempts) {
      const lockouts = r.lockouts + 1;
      const duration = Math.min(maxLockoutMs, baseLockoutMs * 2 ** Math.min(lockouts - 1, 30));
      await save({ ...r, failedAttempts: 0, lockouts, lockedUntil: clock.now() + duration });
      return 0;
    }
    await save({ ...r, failedAttempts: failed, lockedUntil: null });
    return maxAttempts - failed;
  }

  async function recordSuccess(r: PinRecord, pin: string): Promise<void> {
    const outdated = r.params.N !== params.N || r.params.r !== params.r || r.params.p !== params.p || r.params.keyLen !== params.keyLen;
    const fresh = outdated ? { ...(await hashPin(pin, params)), params: { ...params } } : {};
    await save({ ...r, ...fresh, failedAttempts: 0, lockouts: 0, lockedUntil: null });
  }

  function checkFormat(pin: string): void {
    if (!PIN_PATTERN.test(pin)) throw new PinError('PIN_INVALID', 'A PIN is 4 to 12 digits.');
  }

  return {
    state: () =>
      serial(async () => {
        await load();
        return snapshot();
      }),

    set: (newPin, currentPin) =>
      serial(async () => {
        checkFormat(newPin);
        const r = await load();
        if (r !== null) {
          const until = await activeLockout(r);
          if (until !== null) throw new PinError('PIN_LOCKED_OUT', `Too many wrong PINs. Try again after ${new Date(until).toLocaleTimeString()}.`);
          if (currentPin === undefined) throw new PinError('PIN_WRONG', 'Enter the current PIN to change it.');
          checkFormat(currentPin);
          if (!(await matches(currentPin, r))) {
            const left = await recordFailure(r);
            emit();
            throw new PinError(left === 0 ? 'PIN_LOCKED_OUT' : 'PIN_WRONG', left === 0 ? 'Too many wrong PINs: locked out for a while.' : 'The current PIN is wrong.');
          }
        }
        const { hash, salt } = await hashPin(newPin, params);
        await save({ version: 1, hash, salt, params: { ...params }, failedAttempts: 0, lockouts: 0, lockedUntil: null });
        lastActivity = clock.now(); // whoever just set it knows it
        emit();
        return snapshot();
      }),

    verify: (pin) =>
      serial(async (): Promise<VerifyResult> => {
        checkFormat(pin);
        const r = await load();
        if (r === null) return { result: 'not-set', state: snapshot() };
        const until = await activeLockout(r);
        if (until !== null) return { result: 'locked-out', retryAt: new Date(until).toISOString(), state: snapshot() };
        if (await matches(pin, r)) {
          await recordSuccess(r, pin);
          lastActivity = clock.now();
          emit();
          return { result: 'unlocked', state: snapshot() };
        }
        const left = await recordFailure(r);
        lastActivity = null; // a wrong PIN also closes any open session
        emit();
        if (left === 0) {
          const retry = record?.lockedUntil ?? clock.now();
          return { result: 'locked-out', retryAt: new Date(retry).toISOString(), state: snapshot() };
        }
        return { result: 'wrong', attemptsLeft: left, state: snapshot() };
      }),

    lock: () =>
      serial(async () => {
        await load().catch(() => null);
        const was = lastActivity !== null;
        lastActivity = null;
        if (was) emit();
        return snapshot();
      }),

    isUnlocked() {
      const open = unlockedNow();
      if (!open && lastActivity !== null) {
        lastActivity = null;
        emit();
      }
      return open;
    },

    touch() {
      if (unlockedNow()) lastActivity = clock.now();
    },

    checkExpiry() {
      this.isUnlocked();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The PIN record in its own small file (mode 0600: the hash is not a secret, but it is nobody's business). */
export function filePinStore(filePath: string): PinStore {
  return {
    async load() {
      let text: string;
      try {
        text = await fs.readFile(filePath, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      return JSON.parse(text) as unknown;
    },
    async save(record) {
      await writeFileAtomic(filePath, JSON.stringify(record) + '\n', { mode: 0o600 });
    },
  };
}
