import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createManagerPin, DEFAULT_SCRYPT, filePinStore } from './manager-pin.ts';
import type { LockState, ManagerPin, PinStore, ScryptParams } from './manager-pin.ts';
import { managerAuthoriser } from './authorise.ts';
import { openTrustStore } from './till-trust.ts';
import type { TrustStore } from './till-trust.ts';
import { createFakeKeyCrypto } from '../keys/testing/fake-key-crypto.ts';

/** Cheap parameters for the behaviour tests; one test below uses the real ones. */
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLen: 32 };
const PIN = '482913';
const OTHER = '739164';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Wall time `t` and monotonic time `m` move separately: tests jump the wall clock alone. */
function fakeClock() {
  const clock = { t: Date.parse('2026-11-25T10:00:00Z'), m: 5_000, wall: () => clock.t, monotonic: () => clock.m };
  return clock;
}

interface Till {
  dir: string;
  file: string;
  trust: TrustStore;
  store: PinStore;
  clock: ReturnType<typeof fakeClock>;
  assets: { held: boolean };
  codes: string[];
  open(options?: { autoLock?: number; scrypt?: ScryptParams }): ManagerPin;
}

/** A till folder with a real trust file (fake keyring) and a real PIN file; `open()` is a (re)start. */
async function till(): Promise<Till> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-pin-'));
  dirs.push(dir);
  const file = path.join(dir, 'manager-pin.json');
  const trust = await openTrustStore({ filePath: path.join(dir, 'till-trust.json'), crypto: createFakeKeyCrypto() });
  const store = filePinStore(file);
  const clock = fakeClock();
  const assets = { held: false };
  const codes: string[] = [];
  return {
    dir,
    file,
    trust,
    store,
    clock,
    assets,
    codes,
    open: (o = {}) =>
      createManagerPin({
        store,
        clock,
        trust,
        holdsAssets: () => Promise.resolve(assets.held),
        autoLockMinutes: () => o.autoLock ?? 5,
        scrypt: o.scrypt ?? FAST,
        onSetupCode: (c) => codes.push(c),
      }),
  };
}

/** First run: the code the till issued, then the PIN; the session is open afterwards. */
async function firstPin(t: Till, pin: ManagerPin, value = PIN): Promise<LockState> {
  const s = await pin.state();
  expect(s.setup).toBe('first-run');
  return pin.set(value, { setupCode: s.setupCode ?? '' });
}

describe('manager PIN storage', () => {
  it('stores a salted scrypt hash with a MAC, never the PIN, in a 0600 file', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    const record = JSON.parse(fs.readFileSync(t.file, 'utf8')) as { hash: string; salt: string; mac: string };
    expect(JSON.stringify(record)).not.toContain(PIN);
    expect(Buffer.from(record.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(record.hash, 'base64')).toHaveLength(32);
    expect(Buffer.from(record.mac, 'base64')).toHaveLength(32);
    if (process.platform !== 'win32') expect(fs.statSync(t.file).mode & 0o777).toBe(0o600);
    // Same PIN, new salt, new hash.
    await pin.set(PIN, { currentPin: PIN });
    expect((JSON.parse(fs.readFileSync(t.file, 'utf8')) as { hash: string }).hash).not.toBe(record.hash);
  });

  it('uses N = 2^15 by default and verifies with it', async () => {
    expect(DEFAULT_SCRYPT.N).toBe(2 ** 15);
    const t = await till();
    const pin = t.open({ scrypt: DEFAULT_SCRYPT });
    await firstPin(t, pin);
    expect((JSON.parse(fs.readFileSync(t.file, 'utf8')) as { params: unknown }).params).toEqual(DEFAULT_SCRYPT);
    await pin.lock();
    expect((await pin.verify(PIN)).result).toBe('unlocked');
  });

  it('rehashes with current parameters after a successful verify', async () => {
    const t = await till();
    await firstPin(t, t.open({ scrypt: { ...FAST, N: 2 ** 9 } }));
    expect((await t.open().verify(PIN)).result).toBe('unlocked');
    expect((JSON.parse(fs.readFileSync(t.file, 'utf8')) as { params: { N: number } }).params.N).toBe(FAST.N);
  });
});

describe('the set-up code', () => {
  it('is issued once per run on a first run, shown in the state, and needed for the first PIN', async () => {
    const t = await till();
    const pin = t.open();
    const s = await pin.state();
    expect(s).toMatchObject({ configured: false, setup: 'first-run', setupCodeUsable: true });
    expect(s.setupCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(t.codes).toEqual([s.setupCode]);
    await pin.state();
    expect(t.codes).toHaveLength(1); // once per run, not per look
    // Stored only as a MAC.
    expect(fs.readFileSync(path.join(t.dir, 'till-trust.json'), 'utf8')).not.toContain(s.setupCode!.replace(/-/g, ''));

    await expect(pin.set(PIN)).rejects.toMatchObject({ code: 'SETUP_CODE_REQUIRED' });
    await expect(pin.set(PIN, { setupCode: 'AAAA-BBBB-CCCC' })).rejects.toMatchObject({ code: 'SETUP_CODE_WRONG' });
    // Typed by hand: lower case, spaces and no dashes are fine.
    const typed = s.setupCode!.toLowerCase().replace(/-/g, ' ');
    expect(await pin.set(PIN, { setupCode: typed })).toMatchObject({ configured: true, unlocked: true, setup: 'configured', setupCode: null });
  });

  it('stays the recovery code: a forgotten PIN is reset with it, not without it', async () => {
    const t = await till();
    const pin = t.open();
    const code = (await pin.state()).setupCode!;
    await pin.set(PIN, { setupCode: code });
    await pin.lock();
    await expect(pin.set(OTHER)).rejects.toMatchObject({ code: 'SETUP_CODE_REQUIRED' });
    await pin.set(OTHER, { setupCode: code });
    await pin.lock();
    expect((await pin.verify(OTHER)).result).toBe('unlocked');
  });

  it('counts wrong codes toward the lockout, also when no record exists yet', async () => {
    const t = await till();
    const pin = t.open();
    await pin.state();
    // Settings were applied after the code was issued (as a provisioning preset does): the code still counts.
    t.assets.held = true;
    expect(await pin.state()).toMatchObject({ setup: 'reset-required', setupCodeUsable: true });
    for (let i = 0; i < 4; i++) await expect(pin.set(PIN, { setupCode: 'AAAA-BBBB-CCCC' })).rejects.toMatchObject({ code: 'SETUP_CODE_WRONG' });
    await expect(pin.set(PIN, { setupCode: 'AAAA-BBBB-CCCC' })).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
  });
});

describe('setting and changing the PIN', () => {
  it('requires the current PIN to change it', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    await expect(pin.set('555555')).rejects.toMatchObject({ code: 'SETUP_CODE_REQUIRED' });
    await expect(pin.set('555555', { currentPin: '000000' })).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await pin.set('555555', { currentPin: PIN });
    await pin.lock();
    expect((await pin.verify(PIN)).result).toBe('wrong');
    expect((await pin.verify('555555')).result).toBe('unlocked');
  });

  it('refuses PINs shorter than 6 digits, and malformed ones, with the rule in the message', async () => {
    const t = await till();
    const pin = t.open();
    const code = (await pin.state()).setupCode!;
    for (const bad of ['', '1234', '12345', '12a456', '1234567890123', ' 123456']) {
      await expect(pin.set(bad, { setupCode: code })).rejects.toMatchObject({ code: 'PIN_INVALID', message: 'A PIN is 6 to 12 digits.' });
    }
    expect(await pin.set('123456', { setupCode: code })).toMatchObject({ configured: true });
  });

  it('reports not-set when verifying before a PIN exists', async () => {
    const t = await till();
    expect((await t.open().verify(PIN)).result).toBe('not-set');
  });
});

describe('a PIN record that cannot be trusted', () => {
  async function configured(): Promise<Till> {
    const t = await till();
    await firstPin(t, t.open());
    t.assets.held = true; // keys were stored afterwards
    return t;
  }

  it('deleted while the till holds keys: locked, and a new PIN needs the set-up code', async () => {
    const t = await configured();
    fs.rmSync(t.file);
    const pin = t.open();
    expect(await pin.state()).toMatchObject({ configured: false, setup: 'reset-required', setupCode: null, setupCodeUsable: true });
    expect(t.codes).toHaveLength(1); // no new code shown: the till is not on its first run
    expect(pin.recordProblem()).toBe('missing');
    expect((await pin.verify(PIN)).result).toBe('not-set');
    await expect(pin.set(OTHER)).rejects.toMatchObject({ code: 'SETUP_CODE_REQUIRED' });
    await expect(pin.set(OTHER, { setupCode: 'AAAA-BBBB-CCCC' })).rejects.toMatchObject({ code: 'SETUP_CODE_WRONG' });
    expect(pin.isUnlocked()).toBe(false);
    expect(await pin.set(OTHER, { setupCode: t.codes[0] })).toMatchObject({ configured: true, unlocked: true });
  });

  it('`null` in the file: locked', async () => {
    const t = await configured();
    fs.writeFileSync(t.file, 'null\n');
    const pin = t.open();
    expect(await pin.state()).toMatchObject({ configured: false, setup: 'reset-required' });
    await expect(pin.set(OTHER)).rejects.toMatchObject({ code: 'SETUP_CODE_REQUIRED' });
  });

  it('a record rewritten for an attacker’s PIN, or with its counters reset, fails its MAC: locked', async () => {
    const t = await configured();
    const original = fs.readFileSync(t.file, 'utf8');
    // The attacker's own record: a valid scrypt hash of their PIN, the old MAC kept.
    const manager = t.open();
    const forged = JSON.parse(original) as Record<string, unknown>;
    const other = await till();
    await firstPin(other, other.open(), OTHER);
    const theirs = JSON.parse(fs.readFileSync(other.file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(t.file, JSON.stringify({ ...forged, hash: theirs.hash, salt: theirs.salt }));
    expect(await t.open().state()).toMatchObject({ configured: false, setup: 'reset-required' });
    expect((await t.open().verify(OTHER)).result).toBe('not-set');
    // A whole record from another till (its own MAC, another secret): also refused.
    fs.writeFileSync(t.file, JSON.stringify(theirs));
    expect((await t.open().state()).setup).toBe('reset-required');
    // Counters: a lockout edited away.
    fs.writeFileSync(t.file, original);
    for (let i = 0; i < 5; i++) await manager.verify('000000');
    const locked = JSON.parse(fs.readFileSync(t.file, 'utf8')) as Record<string, unknown>;
    expect(locked.lockoutRemainingMs).toBe(60_000);
    fs.writeFileSync(t.file, JSON.stringify({ ...locked, lockouts: 0, lockoutRemainingMs: 0 }));
    const reopened = t.open();
    expect((await reopened.state()).setup).toBe('reset-required');
    expect(reopened.recordProblem()).toBe('damaged');
  });

  it('a damaged or unreadable file with nothing to protect is a first run, not an error', async () => {
    const t = await till();
    fs.writeFileSync(t.file, '{"version":2,"hash":');
    const pin = t.open();
    expect(await pin.state()).toMatchObject({ setup: 'first-run' });
    expect(pin.recordProblem()).toBe('damaged');
  });
});

describe('lockout', () => {
  it('locks out after 5 wrong PINs, for an escalating time, and survives a restart', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    await pin.lock();
    for (let i = 4; i >= 1; i--) expect(await pin.verify('111111')).toMatchObject({ result: 'wrong', attemptsLeft: i });
    expect(await pin.verify('111111')).toMatchObject({ result: 'locked-out', retryAt: '2026-11-25T10:01:00.000Z' });

    // Even the right PIN is refused while locked out, and nothing is counted.
    expect((await pin.verify(PIN)).result).toBe('locked-out');

    // A restart continues it.
    t.clock.m += 20_000;
    const restarted = t.open();
    expect((await restarted.verify(PIN)).result).toBe('locked-out');
    expect((await restarted.state()).lockedOutUntil).toBe('2026-11-25T10:01:00.000Z');

    // Second lockout lasts twice as long.
    t.clock.m += 61_000;
    t.clock.t += 61_000;
    for (let i = 0; i < 5; i++) await restarted.verify('111111');
    expect(Date.parse((await restarted.state()).lockedOutUntil!) - t.clock.t).toBe(120_000);

    // After it, the right PIN works and resets the escalation.
    t.clock.m += 121_000;
    expect((await restarted.verify(PIN)).result).toBe('unlocked');
    expect(await restarted.state()).toMatchObject({ failedAttempts: 0, lockedOutUntil: null });
  });

  it('a wall-clock jump neither ends nor stretches a lockout; only monotonic time does', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    for (let i = 0; i < 5; i++) await pin.verify('111111');
    t.clock.t += 10 * 3600_000; // the clock is set ten hours ahead
    expect((await pin.verify(PIN)).result).toBe('locked-out');
    await expect(pin.set(OTHER, { currentPin: PIN })).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
    // …and a restart after the jump does not reset it either.
    expect((await t.open().verify(PIN)).result).toBe('locked-out');
    t.clock.t -= 20 * 3600_000; // and back, far into the past
    const back = await pin.verify(PIN);
    expect(back.result).toBe('locked-out');
    if (back.result === 'locked-out') expect(Date.parse(back.retryAt) - t.clock.t).toBeLessThanOrEqual(60_000);
    t.clock.m += 60_000;
    expect((await pin.verify(PIN)).result).toBe('unlocked');
  });

  it('writes back what is left of a lockout, so a restart serves the rest, not the whole', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    for (let i = 0; i < 5; i++) await pin.verify('111111');
    t.clock.m += 45_000;
    pin.checkExpiry();
    await pin.state(); // the write-back is queued behind the PIN's other work
    expect((JSON.parse(fs.readFileSync(t.file, 'utf8')) as { lockoutRemainingMs: number }).lockoutRemainingMs).toBe(15_000);
    const restarted = t.open();
    expect((await restarted.verify(PIN)).result).toBe('locked-out');
    t.clock.m += 15_000;
    expect((await restarted.verify(PIN)).result).toBe('unlocked');
  });

  it('counts wrong current PINs on change toward the lockout', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    for (let i = 0; i < 4; i++) await expect(pin.set('121212', { currentPin: '000000' })).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await expect(pin.set('121212', { currentPin: '000000' })).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
    await expect(pin.set('121212', { currentPin: PIN })).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
  });

  it('counts concurrent guesses one by one', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    const results = await Promise.all(Array.from({ length: 7 }, () => pin.verify('111111')));
    expect(results.filter((r) => r.result === 'wrong')).toHaveLength(4);
    expect(results.filter((r) => r.result === 'locked-out')).toHaveLength(3);
  });
});

describe('auto-lock', () => {
  it('locks after N minutes of monotonic time without manager activity; activity pushes it back', async () => {
    const t = await till();
    const pin = t.open({ autoLock: 5 });
    const events: LockState[] = [];
    pin.subscribe((s) => events.push(s));
    await firstPin(t, pin);
    expect(pin.isUnlocked()).toBe(true);
    expect((await pin.state()).unlockExpiresAt).toBe('2026-11-25T10:05:00.000Z');

    t.clock.m += 4 * 60_000;
    pin.touch();
    t.clock.m += 4 * 60_000;
    expect(pin.isUnlocked()).toBe(true);

    t.clock.m += 60_000;
    pin.checkExpiry();
    expect(pin.isUnlocked()).toBe(false);
    expect(events.at(-1)).toMatchObject({ unlocked: false });
    // touch() while locked does not reopen.
    pin.touch();
    expect(pin.isUnlocked()).toBe(false);
  });

  it('a wall-clock jump neither closes nor extends a session', async () => {
    const t = await till();
    const pin = t.open({ autoLock: 5 });
    await firstPin(t, pin);
    t.clock.t -= 3600_000; // set back an hour
    t.clock.m += 4 * 60_000;
    expect(pin.isUnlocked()).toBe(true);
    t.clock.t += 5 * 3600_000; // then far ahead
    expect(pin.isUnlocked()).toBe(true);
    t.clock.m += 60_000;
    expect(pin.isUnlocked()).toBe(false);
  });

  it('starts locked after a restart', async () => {
    const t = await till();
    await firstPin(t, t.open());
    expect((await t.open().state()).unlocked).toBe(false);
  });

  it('a wrong PIN closes an open session; lock() closes it explicitly', async () => {
    const t = await till();
    const pin = t.open();
    await firstPin(t, pin);
    await pin.verify('111111');
    expect(pin.isUnlocked()).toBe(false);
    await pin.verify(PIN);
    expect((await pin.lock()).unlocked).toBe(false);
  });

  it('authorises manager channels only in an open session, touching it', async () => {
    const t = await till();
    const pin = t.open({ autoLock: 1 });
    const authorise = managerAuthoriser(pin);
    expect(authorise('cashier')).toBe(true);
    expect(authorise('manager')).toBe(false);
    await firstPin(t, pin);
    t.clock.m += 50_000;
    expect(authorise('manager')).toBe(true); // and pushes the lock back
    t.clock.m += 50_000;
    expect(authorise('manager')).toBe(true);
    t.clock.m += 61_000;
    expect(authorise('manager')).toBe(false);
  });
});
