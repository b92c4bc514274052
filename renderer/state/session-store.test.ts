import { describe, expect, it } from 'vitest';
import { tillIn } from '../testing/translators.ts';
import { createRuntime } from '../app/runtime.ts';
import { autoLockNotice, changePinProblems, createSessionStore, SESSION_ENDED } from './session-store.ts';
import { createFakeBridge, fail, flush, lockStateFixture, ok, settingsFixture } from '../testing/fake-bridge.ts';

const UNLOCKED = lockStateFixture({ unlocked: true, unlockExpiresAt: '2030-01-01T00:05:00.000Z' });

function setup(initial = lockStateFixture()) {
  const fake = createFakeBridge();
  let lock = initial;
  fake.handle('pinStatus', () => ok(lock));
  fake.handle('pinLock', () => {
    lock = { ...lock, unlocked: false, unlockExpiresAt: null };
    return ok(lock);
  });
  fake.handle('pinVerify', (req) => {
    if ((req as { pin: string }).pin === '482913') {
      lock = UNLOCKED;
      return ok({ result: 'unlocked', state: lock });
    }
    lock = { ...lock, failedAttempts: lock.failedAttempts + 1 };
    return ok({ result: 'wrong', attemptsLeft: 2, state: lock });
  });
  const session = createSessionStore(fake.bridge, { translator: tillIn() });
  return { fake, session };
}

async function openAndUnlock(s: ReturnType<typeof setup>) {
  await s.session.getState().open();
  expect(await s.session.getState().verify('482913')).toBe(true);
}

describe('manager session store', () => {
  it('opening closes a session left open, then shows the gate', async () => {
    const { session, fake } = setup(UNLOCKED);
    const opening = session.getState().open();
    expect(session.getState().phase).toBe('checking');
    await opening;
    expect(fake.callsTo('pinLock')).toHaveLength(1);
    expect(session.getState()).toMatchObject({ phase: 'locked', lock: { unlocked: false }, startError: null });
  });

  it('says plainly when the console cannot start', async () => {
    const fake = createFakeBridge();
    fake.handle('pinStatus', () => Promise.reject(new Error('bridge gone')));
    const session = createSessionStore(fake.bridge, { translator: tillIn() });
    await session.getState().open();
    expect(session.getState().phase).toBe('checking');
    expect(session.getState().startError).toMatch(/^The manager console cannot start: The till could not finish that/);
  });

  it('checks the PIN before asking main, counts a wrong one, and opens on the right one', async () => {
    const s = setup();
    await s.session.getState().open();
    expect(await s.session.getState().verify('12')).toBe(false);
    expect(s.session.getState().message).toBe('A PIN is 6 to 12 digits.');
    expect(s.fake.callsTo('pinVerify')).toHaveLength(0);

    expect(await s.session.getState().verify('000000')).toBe(false);
    expect(s.session.getState()).toMatchObject({ phase: 'locked', message: 'Wrong PIN. 2 attempts left before the manager console locks for a while.', lock: { failedAttempts: 1 } });

    expect(await s.session.getState().verify('482913')).toBe(true);
    expect(s.session.getState()).toMatchObject({ phase: 'open', generation: 1, message: null, notice: null, lock: { unlocked: true } });
  });

  it('a lockout refuses further PINs until it ends', async () => {
    const s = setup();
    const until = '2999-01-01T00:00:00.000Z';
    s.fake.handle('pinVerify', () => ok({ result: 'locked-out', retryAt: until, state: lockStateFixture({ lockedOutUntil: until }) }));
    await s.session.getState().open();
    await s.session.getState().verify('000000');
    expect(s.session.getState().lockedOutUntil).toBe(Date.parse(until));
    expect(await s.session.getState().verify('482913')).toBe(false);
    expect(s.fake.callsTo('pinVerify')).toHaveLength(1);
  });

  it('auto-lock returns to the gate with the reason; the Lock button without one', async () => {
    const s = setup();
    await openAndUnlock(s);
    s.session.getState().applyLockState(lockStateFixture({ autoLockMinutes: 1 }));
    expect(s.session.getState()).toMatchObject({ phase: 'locked', notice: autoLockNotice(1) });
    expect(autoLockNotice(1)).toBe('Locked after 1 minute without manager activity.');

    await s.session.getState().verify('482913');
    expect(s.session.getState().generation).toBe(2);
    await s.session.getState().lockNow();
    expect(s.session.getState()).toMatchObject({ phase: 'locked', notice: null, lock: { unlocked: false } });
    // The event that follows the lock does not add a notice.
    s.session.getState().applyLockState(lockStateFixture());
    expect(s.session.getState().notice).toBeNull();
  });

  it('a lock state while the console is closed changes nothing but the state', () => {
    const s = setup();
    s.session.getState().applyLockState(lockStateFixture({ autoLockMinutes: 3 }));
    expect(s.session.getState()).toMatchObject({ phase: 'closed', notice: null, lock: { autoLockMinutes: 3 } });
  });

  it('sets the first PIN with the set-up code: local problems first, then main’s verdict', async () => {
    const s = setup(lockStateFixture({ configured: false, setup: 'first-run', setupCode: '7KQ4-M2XD-9PRT' }));
    s.fake.handle('pinSet', (req) => {
      const r = req as { newPin: string; setupCode: string };
      if (r.setupCode !== '7KQ4-M2XD-9PRT') return fail('SETUP_CODE_WRONG', 'That set-up code is not the one for this till.');
      return ok(UNLOCKED);
    });
    await s.session.getState().open();
    expect(await s.session.getState().setPinWithCode({ code: '', pin: '111111', repeat: '111111' })).toBe(false);
    expect(s.session.getState().fieldErrors).toEqual({ code: 'Enter the set-up code.', pin: 'Choose a PIN that is harder to guess than a repeated digit or a run.' });
    expect(s.fake.callsTo('pinSet')).toHaveLength(0);

    expect(await s.session.getState().setPinWithCode({ code: 'AAAA-BBBB-CCCC', pin: '381652', repeat: '381652' })).toBe(false);
    expect(s.session.getState().fieldErrors).toEqual({ code: 'That set-up code is not the one for this till.' });

    expect(await s.session.getState().setPinWithCode({ code: '7KQ4-M2XD-9PRT', pin: '381652', repeat: '381652' })).toBe(true);
    expect(s.session.getState()).toMatchObject({ phase: 'open', generation: 1, fieldErrors: {} });
  });

  it('clearing the till goes back to a first run (and has the settings read again), or says why not', async () => {
    const fake = createFakeBridge();
    fake.handle('pinStatus', () => ok(lockStateFixture({ configured: false, setup: 'reset-required', setupCodeUsable: false })));
    let cleared = 0;
    const s = { fake, session: createSessionStore(fake.bridge, { translator: tillIn(), onTillCleared: () => cleared++ }) };
    s.fake.handle('tillReset', () => fail('INTERNAL', 'The settings file could not be removed.'));
    await s.session.getState().open();
    await s.session.getState().clearTill();
    expect(s.session.getState().clearMessage).toBe('The settings file could not be removed.');
    s.fake.handle('tillReset', () => ok(lockStateFixture({ configured: false, setup: 'first-run', setupCode: 'NEW0-CODE-0001' })));
    expect(cleared).toBe(0);
    await s.session.getState().clearTill();
    expect(s.session.getState()).toMatchObject({ clearMessage: null, lock: { setup: 'first-run', setupCode: 'NEW0-CODE-0001' } });
    expect(cleared).toBe(1);
  });

  it('changes the PIN: checks first, a wrong current PIN goes next to its field', async () => {
    const s = setup();
    expect(changePinProblems('482913', '482913', '1')).toEqual({ next: 'Choose a PIN different from the current one.', repeat: 'The two new PINs differ.' });
    expect(await s.session.getState().changePin({ current: '', next: '12', repeat: '12' })).toEqual({
      ok: false,
      sent: false,
      errors: { current: 'Enter the current PIN.', next: 'A PIN is 6 to 12 digits.' },
      failure: null,
    });
    s.fake.handle('pinSet', () => fail('PIN_WRONG', 'That is not the current PIN.'));
    expect(await s.session.getState().changePin({ current: '111222', next: '381652', repeat: '381652' })).toEqual({ ok: false, sent: true, errors: { current: 'That is not the current PIN.' }, failure: null });
    s.fake.handle('pinSet', () => ok(UNLOCKED));
    expect(await s.session.getState().changePin({ current: '482913', next: '381652', repeat: '381652' })).toEqual({ ok: true });
    expect(s.fake.callsTo('pinSet')).toEqual([
      { newPin: '381652', currentPin: '111222' },
      { newPin: '381652', currentPin: '482913' },
    ]);
  });

  it('closing the console locks the session', async () => {
    const s = setup();
    await openAndUnlock(s);
    s.session.getState().close();
    await flush();
    expect(s.session.getState().phase).toBe('closed');
    expect(s.fake.callsTo('pinLock')).toHaveLength(1);
  });
});

describe('a call that finds the session locked', () => {
  it('sends the open console back to the PIN, whichever store made it', async () => {
    const fake = createFakeBridge();
    fake.handle('pinStatus', () => ok(lockStateFixture()));
    fake.handle('pinVerify', () => ok({ result: 'unlocked', state: UNLOCKED }));
    fake.handle('statusGet', () => fail('INTERNAL', 'not in this test'));
    fake.handle('settingsGet', () => ok(settingsFixture()));
    fake.handle('settingsUpdate', () => fail('LOCKED', 'Unlock the manager functions with the manager PIN first.'));
    const runtime = createRuntime(fake.bridge, { sound: { play: () => undefined } });
    const stop = runtime.start(new EventTarget() as unknown as Window);
    await runtime.session.getState().open();
    await runtime.session.getState().verify('482913');
    expect(runtime.session.getState().phase).toBe('open');

    const saved = await runtime.settings.getState().update({ kiosk: true });
    expect(saved).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(runtime.session.getState()).toMatchObject({ phase: 'locked', notice: SESSION_ENDED });

    // Once stopped, the runtime no longer listens.
    await runtime.session.getState().verify('482913');
    stop();
    await runtime.settings.getState().update({ kiosk: true });
    expect(runtime.session.getState().phase).toBe('open');
  });
});
