/**
 * The manager PIN: what stands between a cashier and the settings, the keys and overrides.
 *
 * - Stored only as an scrypt hash with a random salt (and the parameters used, so they can be
 *   raised later without locking anyone out); compared in constant time. The whole record,
 *   attempt counters included, carries an HMAC keyed by the till's sealed secret (till-trust.ts).
 * - Trust does not rest on the file being there. A record that is missing, `null`, damaged or
 *   fails its MAC counts as *locked* whenever the till holds something to protect (keys, or
 *   settings other than the factory ones): a new PIN then needs the set-up code, or the keys and
 *   settings cleared (till-reset.ts). Only a till with nothing to protect is on its "first run",
 *   and even there the first PIN needs the set-up code issued (and shown) for that run.
 * - Wrong guesses are counted in the record (a restart does not reset them): after `maxAttempts`
 *   the PIN is locked out for an escalating time (1 min, 2, 4, … capped at an hour).
 * - Lockouts and the auto-lock are measured on a monotonic clock, so setting the wall clock
 *   forward or back neither shortens nor resets them. What is left of a lockout is written back
 *   as a duration, so a restart continues it rather than ending it.
 * - A correct PIN opens a manager session that locks itself after N minutes without manager
 *   activity (`touch()`). The session lives in memory only: a restart always starts locked.
 */
import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { formatSetupCode, normaliseSetupCode, PIN_PATTERN, PIN_RULE, SETUP_CODE_ALPHABET, SETUP_CODE_LENGTH } from '../../../shared/ipc/schemas/pin.ts';
import type { SessionClock } from './session-clock.ts';
import type { TrustStore } from './till-trust.ts';
import { CodedError } from '../coded-error.ts';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLen: number;
}
/** ~32 MiB and ~50–100 ms per check on a till: slow for a guesser, unnoticeable for a manager. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 15, r: 8, p: 1, keyLen: 32 });

const PIN_RECORD_MAC = 'manager-pin-record';
const SETUP_CODE_MAC = 'setup-code';

const recordSchema = z.object({
  version: z.literal(2),
  hash: z.string().min(1),
  salt: z.string().min(1),
  params: z.object({ N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive(), keyLen: z.number().int().positive() }),
  failedAttempts: z.number().int().nonnegative(),
  lockouts: z.number().int().nonnegative(),
  /** Lockout time still to serve (a duration, never a wall-clock time). */
  lockoutRemainingMs: z.number().int().nonnegative(),
});
export type PinRecord = z.output<typeof recordSchema>;
const storedSchema = recordSchema.extend({ mac: z.string().max(64) });

export interface PinStore {
  /** The stored record as found, or null when there is none. Throws if it exists but cannot be read. */
  load(): Promise<unknown>;
  save(record: PinRecord & { mac: string }): Promise<void>;
  remove(): Promise<void>;
}

export type PinErrorCode =
  | 'PIN_INVALID'
  | 'PIN_WRONG'
  | 'PIN_LOCKED_OUT'
  | 'SETUP_CODE_REQUIRED'
  | 'SETUP_CODE_WRONG'
  | 'SETUP_CODE_UNAVAILABLE'
  | 'RESET_NOT_ALLOWED';

export class PinError extends CodedError<PinErrorCode> {
  override readonly name = 'PinError';
}

export type SetupState = 'configured' | 'first-run' | 'reset-required';

export interface LockState {
  configured: boolean;
  unlocked: boolean;
  unlockExpiresAt: string | null;
  lockedOutUntil: string | null;
  failedAttempts: number;
  autoLockMinutes: number;
  setup: SetupState;
  setupCode: string | null;
  setupCodeUsable: boolean;
}

export type VerifyResult =
  | { result: 'unlocked'; state: LockState }
  | { result: 'wrong'; attemptsLeft: number; state: LockState }
  | { result: 'locked-out'; retryAt: string; state: LockState }
  | { result: 'not-set'; state: LockState };

/** What proves the right to set a PIN: the current one (a change), or the set-up code (first PIN, reset). */
export interface PinProof {
  readonly currentPin?: string | undefined;
  readonly setupCode?: string | undefined;
}

/** Why the PIN record is not trusted (for the manager's notice). */
export type RecordProblem = 'missing' | 'damaged' | null;

export interface ManagerPin {
  state(): Promise<LockState>;
  set(newPin: string, proof?: PinProof): Promise<LockState>;
  verify(pin: string): Promise<VerifyResult>;
  lock(): Promise<LockState>;
  /** Whether a manager session is open now (a lapsed session is closed, and subscribers told). */
  isUnlocked(): boolean;
  /** Manager activity: pushes the auto-lock back. No effect while locked. */
  touch(): void;
  /** Close a session whose time ran out and write back what is left of a lockout; call periodically. */
  checkExpiry(): void;
  subscribe(listener: (state: LockState) => void): () => void;
  /** Why the record on disk is not trusted (after the first `state()`), or null. */
  recordProblem(): RecordProblem;
  /**
   * For the till reset only: forget the PIN record (the caller has cleared keys and settings), so
   * the till is on its first run again with a new set-up code. Refused while a trusted PIN exists.
   */
  forgetForReset(): Promise<void>;
}

export interface ManagerPinOptions {
  readonly store: PinStore;
  readonly clock: SessionClock;
  readonly trust: TrustStore;
  /** Whether the till holds anything a manager guards: keys, or settings other than the factory ones. Throwing counts as yes. */
  readonly holdsAssets: () => Promise<boolean>;
  readonly autoLockMinutes: () => number;
  /** A first-run set-up code was issued: the host shows or prints it (it is stored only as a MAC). */
  readonly onSetupCode?: (code: string) => void;
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

function newSetupCode(): string {
  let s = '';
  for (let i = 0; i < SETUP_CODE_LENGTH; i++) s += SETUP_CODE_ALPHABET[randomInt(SETUP_CODE_ALPHABET.length)];
  return s;
}

export function createManagerPin(options: ManagerPinOptions): ManagerPin {
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const maxAttempts = options.maxAttempts ?? 5;
  const baseLockoutMs = options.baseLockoutMs ?? 60_000;
  const maxLockoutMs = options.maxLockoutMs ?? 60 * 60_000;
  const { clock, store, trust } = options;
  const listeners = new Set<(state: LockState) => void>();

  let loaded = false;
  let record: PinRecord | null = null; // trusted record, or null
  let problem: RecordProblem = null;
  let setup: SetupState = 'first-run';
  /** The first-run code issued by this process, shown until the first PIN is set. */
  let issuedCode: string | null = null;
  let lastActivity: number | null = null; // monotonic; null = locked
  let lockoutEnds: number | null = null; // monotonic
  let lockoutPersistedMs = 0;
  /** Wrong set-up codes while no PIN record exists (nothing on disk to count them in). */
  let codeFailures = 0;
  let codeLockouts = 0;
  let codeLockoutEnds: number | null = null;

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  const autoLockMs = () => Math.max(1, options.autoLockMinutes()) * 60_000;
  const mono = () => clock.monotonic();
  const wallIso = (monoTime: number) => new Date(clock.wall() + (monoTime - mono())).toISOString();

  async function readRecord(): Promise<void> {
    let raw: unknown;
    try {
      raw = await store.load();
    } catch {
      raw = undefined; // unreadable counts as damaged: never as "no PIN, anyone may set one"
    }
    record = null;
    problem = raw === null ? 'missing' : 'damaged';
    const parsed = storedSchema.safeParse(raw);
    if (!parsed.success) return;
    const { mac, ...body } = parsed.data;
    if (!trust.verify(PIN_RECORD_MAC, body, mac)) return;
    record = body;
    problem = null;
    lockoutEnds = body.lockoutRemainingMs > 0 ? mono() + Math.min(body.lockoutRemainingMs, maxLockoutMs) : null;
    lockoutPersistedMs = body.lockoutRemainingMs;
  }

  /** Load once, then re-decide first run vs reset each time (keys and settings may have changed). */
  async function refresh(): Promise<void> {
    if (!loaded) {
      await readRecord();
      loaded = true;
    }
    if (record !== null) {
      setup = 'configured';
      return;
    }
    let assets = true;
    try {
      assets = await options.holdsAssets();
    } catch {
      assets = true;
    }
    setup = assets ? 'reset-required' : 'first-run';
    if (setup === 'first-run' && issuedCode === null) {
      issuedCode = newSetupCode();
      trust.setSetupCodeMac(trust.mac(SETUP_CODE_MAC, issuedCode));
      options.onSetupCode?.(formatSetupCode(issuedCode));
    }
  }

  async function save(next: PinRecord): Promise<void> {
    await store.save({ ...next, mac: trust.mac(PIN_RECORD_MAC, next) });
    record = next;
    lockoutPersistedMs = next.lockoutRemainingMs;
  }

  function unlockedNow(): boolean {
    return lastActivity !== null && mono() - lastActivity < autoLockMs();
  }

  function lockoutLeft(): number {
    return lockoutEnds === null ? 0 : Math.max(0, lockoutEnds - mono());
  }

  function snapshot(): LockState {
    const unlocked = unlockedNow();
    const left = lockoutLeft();
    return {
      configured: record !== null,
      unlocked,
      unlockExpiresAt: unlocked && lastActivity !== null ? wallIso(lastActivity + autoLockMs()) : null,
      lockedOutUntil: left > 0 && lockoutEnds !== null ? wallIso(lockoutEnds) : null,
      failedAttempts: record?.failedAttempts ?? codeFailures,
      autoLockMinutes: Math.max(1, options.autoLockMinutes()),
      setup,
      setupCode: setup === 'first-run' && issuedCode !== null ? formatSetupCode(issuedCode) : null,
      setupCodeUsable: trust.setupCodeMac() !== null,
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

  function lockedOutError(): PinError {
    const until = lockoutEnds ?? codeLockoutEnds ?? mono();
    return new PinError('PIN_LOCKED_OUT', `Too many wrong attempts. Try again after ${new Date(Date.parse(wallIso(until))).toLocaleTimeString()}.`);
  }

  /** Count one wrong PIN or code against the record; returns the attempts left (0 = now locked out). */
  async function recordFailure(r: PinRecord): Promise<number> {
    const failed = r.failedAttempts + 1;
    if (failed >= maxAttempts) {
      const lockouts = r.lockouts + 1;
      const duration = Math.min(maxLockoutMs, baseLockoutMs * 2 ** Math.min(lockouts - 1, 30));
      lockoutEnds = mono() + duration;
      await save({ ...r, failedAttempts: 0, lockouts, lockoutRemainingMs: duration });
      return 0;
    }
    await save({ ...r, failedAttempts: failed });
    return maxAttempts - failed;
  }

  /** The same escalation for wrong set-up codes while there is no record, kept in memory. */
  function codeFailure(): number {
    codeFailures++;
    if (codeFailures < maxAttempts) return maxAttempts - codeFailures;
    codeLockouts++;
    codeFailures = 0;
    codeLockoutEnds = mono() + Math.min(maxLockoutMs, baseLockoutMs * 2 ** Math.min(codeLockouts - 1, 30));
    return 0;
  }

  async function recordSuccess(r: PinRecord, pin: string): Promise<void> {
    const outdated = r.params.N !== params.N || r.params.r !== params.r || r.params.p !== params.p || r.params.keyLen !== params.keyLen;
    const fresh = outdated ? { ...(await hashPin(pin, params)), params: { ...params } } : {};
    lockoutEnds = null;
    await save({ ...r, ...fresh, failedAttempts: 0, lockouts: 0, lockoutRemainingMs: 0 });
  }

  function checkFormat(pin: string): void {
    if (!PIN_PATTERN.test(pin)) throw new PinError('PIN_INVALID', PIN_RULE);
  }

  function codeMatches(typed: string): boolean {
    const canonical = normaliseSetupCode(typed);
    return canonical !== null && trust.verify(SETUP_CODE_MAC, canonical, trust.setupCodeMac());
  }

  /** The set-up code as proof: right, or counted as a wrong attempt. */
  async function checkSetupCode(code: string | undefined): Promise<void> {
    const usable = trust.setupCodeMac() !== null;
    if (!usable && setup !== 'configured') {
      throw new PinError('SETUP_CODE_UNAVAILABLE', 'No set-up code can reset the PIN on this till any more. Clear the keys and settings to start over.');
    }
    if (code === undefined) {
      throw new PinError('SETUP_CODE_REQUIRED', setup === 'configured' ? 'Enter the current PIN, or the set-up code to reset a forgotten PIN.' : 'Enter the set-up code to set the manager PIN.');
    }
    if (!usable) throw new PinError('SETUP_CODE_UNAVAILABLE', 'No set-up code is recorded on this till; enter the current PIN instead.');
    if (codeMatches(code)) return;
    const left = record !== null ? await recordFailure(record) : codeFailure();
    emit();
    throw new PinError(left === 0 ? 'PIN_LOCKED_OUT' : 'SETUP_CODE_WRONG', left === 0 ? 'Too many wrong attempts: locked out for a while.' : 'That set-up code is not the one for this till.');
  }

  return {
    state: () =>
      serial(async () => {
        await refresh();
        return snapshot();
      }),

    set: (newPin, proof = {}) =>
      serial(async () => {
        checkFormat(newPin);
        await refresh();
        if (lockoutLeft() > 0 || (codeLockoutEnds !== null && codeLockoutEnds > mono())) throw lockedOutError();
        const r = record;
        if (r !== null && proof.currentPin !== undefined) {
          checkFormat(proof.currentPin);
          if (!(await matches(proof.currentPin, r))) {
            const left = await recordFailure(r);
            emit();
            throw new PinError(left === 0 ? 'PIN_LOCKED_OUT' : 'PIN_WRONG', left === 0 ? 'Too many wrong PINs: locked out for a while.' : 'The current PIN is wrong.');
          }
        } else {
          await checkSetupCode(proof.setupCode);
        }
        const { hash, salt } = await hashPin(newPin, params);
        lockoutEnds = null;
        codeFailures = 0;
        codeLockouts = 0;
        codeLockoutEnds = null;
        await save({ version: 2, hash, salt, params: { ...params }, failedAttempts: 0, lockouts: 0, lockoutRemainingMs: 0 });
        setup = 'configured';
        problem = null;
        issuedCode = null; // shown once: from now on it is the till's recovery code, known only as a MAC
        lastActivity = mono(); // whoever just set it knows it
        emit();
        return snapshot();
      }),

    verify: (pin) =>
      serial(async (): Promise<VerifyResult> => {
        checkFormat(pin);
        await refresh();
        const r = record;
        if (r === null) return { result: 'not-set', state: snapshot() };
        if (lockoutLeft() > 0 && lockoutEnds !== null) {
          // Write back what is left, so a restart continues the lockout instead of ending it.
          await save({ ...r, lockoutRemainingMs: Math.ceil(lockoutLeft()) });
          return { result: 'locked-out', retryAt: wallIso(lockoutEnds), state: snapshot() };
        }
        if (await matches(pin, r)) {
          await recordSuccess(r, pin);
          lastActivity = mono();
          emit();
          return { result: 'unlocked', state: snapshot() };
        }
        const left = await recordFailure(r);
        lastActivity = null; // a wrong PIN also closes any open session
        emit();
        if (left === 0) return { result: 'locked-out', retryAt: wallIso(lockoutEnds ?? mono()), state: snapshot() };
        return { result: 'wrong', attemptsLeft: left, state: snapshot() };
      }),

    lock: () =>
      serial(async () => {
        await refresh();
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
      if (unlockedNow()) lastActivity = mono();
    },

    checkExpiry() {
      this.isUnlocked();
      const r = record;
      if (r === null || r.lockoutRemainingMs === 0) return;
      const left = Math.ceil(lockoutLeft());
      // Every few seconds is enough: a restart then serves at most that much again, never less.
      if (left === 0 || lockoutPersistedMs - left >= 5_000) {
        void serial(async () => {
          if (record !== null && record.lockoutRemainingMs !== 0) await save({ ...record, lockoutRemainingMs: Math.ceil(lockoutLeft()) });
        }).catch(() => undefined);
      }
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    recordProblem: () => problem,

    forgetForReset: () =>
      serial(async () => {
        await refresh();
        if (setup === 'configured') throw new PinError('RESET_NOT_ALLOWED', 'A manager PIN is set: a manager can clear the keys and settings from the console.');
        await store.remove();
        record = null;
        problem = null;
        issuedCode = null;
        lastActivity = null;
        lockoutEnds = null;
        codeFailures = 0;
        codeLockouts = 0;
        codeLockoutEnds = null;
        await refresh();
        emit();
      }),
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
    async remove() {
      await fs.rm(filePath, { force: true });
    },
  };
}
