import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createManagerPin, DEFAULT_SCRYPT, filePinStore } from './manager-pin.ts';
import type { LockState, PinRecord, PinStore } from './manager-pin.ts';
import { managerAuthoriser } from './authorise.ts';

/** Cheap parameters for the behaviour tests; one test below uses the real ones. */
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLen: 32 };

function memoryStore(): PinStore & { record: PinRecord | null } {
  const s = {
    record: null as PinRecord | null,
    load: () => Promise.resolve(s.record),
    save: (r: PinRecord) => {
      s.record = structuredClone(r);
      return Promise.resolve();
    },
  };
  return s;
}

function setup(options: { autoLock?: number; store?: PinStore } = {}) {
  const clock = { t: Date.parse('2026-11-25T10:00:00Z'), now: () => clock.t };
  const store = options.store ?? memoryStore();
  const pin = createManagerPin({ store, clock, autoLockMinutes: () => options.autoLock ?? 5, scrypt: FAST });
  return { clock, store, pin };
}

describe('manager PIN storage', () => {
  it('stores a salted scrypt hash, never the PIN', async () => {
    const { pin, store } = setup();
    await pin.set('482913');
    const record = (store as ReturnType<typeof memoryStore>).record!;
    expect(JSON.stringify(record)).not.toContain('482913');
    expect(Buffer.from(record.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(record.hash, 'base64')).toHaveLength(32);
    // Same PIN, new salt, new hash.
    await pin.set('482913', '482913');
    expect((store as ReturnType<typeof memoryStore>).record!.hash).not.toBe(record.hash);
  });

  it('uses N = 2^15 by default and verifies with it', async () => {
    expect(DEFAULT_SCRYPT.N).toBe(2 ** 15);
    const store = memoryStore();
    const clock = { now: () => 0 };
    const pin = createManagerPin({ store, clock, autoLockMinutes: () => 5 });
    await pin.set('2468');
    expect(store.record!.params).toEqual(DEFAULT_SCRYPT);
    await pin.lock();
    expect((await pin.verify('2468')).result).toBe('unlocked');
  });

  it('rehashes with current parameters after a successful verify', async () => {
    const store = memoryStore();
    const clock = { now: () => 0 };
    const old = createManagerPin({ store, clock, autoLockMinutes: () => 5, scrypt: { ...FAST, N: 2 ** 9 } });
    await old.set('1357');
    const upgraded = createManagerPin({ store, clock, autoLockMinutes: () => 5, scrypt: FAST });
    expect((await upgraded.verify('1357')).result).toBe('unlocked');
    expect(store.record!.params.N).toBe(FAST.N);
  });

  it('persists to a 0600 file and fails closed on a damaged one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-pin-'));
    try {
      const file = path.join(dir, 'manager-pin.json');
      const { pin } = setup({ store: filePinStore(file) });
      await pin.set('9911');
      if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const reopened = setup({ store: filePinStore(file) }).pin;
      expect(await reopened.state()).toMatchObject({ configured: true, unlocked: false });
      fs.writeFileSync(file, '{"version":1,"hash":');
      const damaged = setup({ store: filePinStore(file) }).pin;
      await expect(damaged.state()).rejects.toMatchObject({ code: 'PIN_UNREADABLE' });
      await expect(damaged.set('1234')).rejects.toMatchObject({ code: 'PIN_UNREADABLE' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('setting and changing the PIN', () => {
  it('sets the first PIN without a current one and opens a session', async () => {
    const { pin } = setup();
    expect(await pin.state()).toMatchObject({ configured: false, unlocked: false });
    expect(await pin.set('4321')).toMatchObject({ configured: true, unlocked: true });
  });

  it('requires the current PIN to change it', async () => {
    const { pin } = setup();
    await pin.set('4321');
    await expect(pin.set('5555')).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await expect(pin.set('5555', '0000')).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await pin.set('5555', '4321');
    await pin.lock();
    expect((await pin.verify('4321')).result).toBe('wrong');
    expect((await pin.verify('5555')).result).toBe('unlocked');
  });

  it('rejects malformed PINs', async () => {
    const { pin } = setup();
    for (const bad of ['', '123', '12a4', '1234567890123', ' 1234']) await expect(pin.set(bad)).rejects.toMatchObject({ code: 'PIN_INVALID' });
  });

  it('reports not-set when verifying before a PIN exists', async () => {
    const { pin } = setup();
    expect((await pin.verify('1234')).result).toBe('not-set');
  });
});

describe('lockout', () => {
  it('locks out after 5 wrong PINs, for an escalating time, and survives a restart', async () => {
    const { pin, clock, store } = setup();
    await pin.set('2580');
    await pin.lock();
    for (let i = 4; i >= 1; i--) expect(await pin.verify('1111')).toMatchObject({ result: 'wrong', attemptsLeft: i });
    const fifth = await pin.verify('1111');
    expect(fifth).toMatchObject({ result: 'locked-out', retryAt: '2026-11-25T10:01:00.000Z' });

    // Even the right PIN is refused while locked out, and nothing is counted.
    expect((await pin.verify('2580')).result).toBe('locked-out');

    // A restart does not reset it.
    const restarted = createManagerPin({ store, clock, autoLockMinutes: () => 5, scrypt: FAST });
    expect((await restarted.verify('2580')).result).toBe('locked-out');
    expect((await restarted.state()).lockedOutUntil).toBe('2026-11-25T10:01:00.000Z');

    // Second lockout lasts twice as long.
    clock.t += 61_000;
    for (let i = 0; i < 5; i++) await restarted.verify('1111');
    const second = await restarted.state();
    expect(Date.parse(second.lockedOutUntil!) - clock.t).toBe(120_000);

    // After it, the right PIN works and resets the escalation.
    clock.t += 121_000;
    expect((await restarted.verify('2580')).result).toBe('unlocked');
    expect(await restarted.state()).toMatchObject({ failedAttempts: 0, lockedOutUntil: null });
  });

  it('caps a lockout stretched by a clock set back', async () => {
    const { pin, clock } = setup();
    await pin.set('2580');
    for (let i = 0; i < 5; i++) await pin.verify('1111');
    clock.t -= 10 * 3600_000; // clock jumps back ten hours
    const state = await pin.verify('2580');
    expect(state.result).toBe('locked-out');
    if (state.result === 'locked-out') expect(Date.parse(state.retryAt) - clock.t).toBeLessThanOrEqual(3600_000);
  });

  it('counts wrong current PINs on change toward the lockout', async () => {
    const { pin } = setup();
    await pin.set('2580');
    for (let i = 0; i < 4; i++) await expect(pin.set('1212', '0000')).rejects.toMatchObject({ code: 'PIN_WRONG' });
    await expect(pin.set('1212', '0000')).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
    await expect(pin.set('1212', '2580')).rejects.toMatchObject({ code: 'PIN_LOCKED_OUT' });
  });

  it('counts concurrent guesses one by one', async () => {
    const { pin } = setup();
    await pin.set('2580');
    const results = await Promise.all(Array.from({ length: 7 }, () => pin.verify('1111')));
    expect(results.filter((r) => r.result === 'wrong')).toHaveLength(4);
    expect(results.filter((r) => r.result === 'locked-out')).toHaveLength(3);
  });
});

describe('auto-lock', () => {
  it('locks after N minutes without manager activity, and activity pushes it back', async () => {
    const { pin, clock } = setup({ autoLock: 5 });
    const events: LockState[] = [];
    pin.subscribe((s) => events.push(s));
    await pin.set('2580');
    expect(pin.isUnlocked()).toBe(true);
    expect((await pin.state()).unlockExpiresAt).toBe('2026-11-25T10:05:00.000Z');

    clock.t += 4 * 60_000;
    pin.touch();
    clock.t += 4 * 60_000;
    expect(pin.isUnlocked()).toBe(true);

    clock.t += 60_000;
    pin.checkExpiry();
    expect(pin.isUnlocked()).toBe(false);
    expect(events.at(-1)).toMatchObject({ unlocked: false });
    // touch() while locked does not reopen.
    pin.touch();
    expect(pin.isUnlocked()).toBe(false);
  });

  it('starts locked after a restart', async () => {
    const { pin, store, clock } = setup();
    await pin.set('2580');
    const restarted = createManagerPin({ store, clock, autoLockMinutes: () => 5, scrypt: FAST });
    expect((await restarted.state()).unlocked).toBe(false);
  });

  it('a wrong PIN closes an open session; lock() closes it explicitly', async () => {
    const { pin } = setup();
    await pin.set('2580');
    await pin.verify('1111');
    expect(pin.isUnlocked()).toBe(false);
    await pin.verify('2580');
    expect((await pin.lock()).unlocked).toBe(false);
  });

  it('authorises manager channels only in an open session, touching it', async () => {
    const { pin, clock } = setup({ autoLock: 1 });
    const authorise = managerAuthoriser(pin);
    expect(authorise('cashier')).toBe(true);
    expect(authorise('manager')).toBe(false);
    await pin.set('2580');
    clock.t += 50_000;
    expect(authorise('manager')).toBe(true); // and pushes the lock back
    clock.t += 50_000;
    expect(authorise('manager')).toBe(true);
    clock.t += 61_000;
    expect(authorise('manager')).toBe(false);
  });
});
