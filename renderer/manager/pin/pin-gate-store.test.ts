import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import type { LockState } from '../../../shared/ipc/contract.ts';
import { createSessionStore } from '../../state/session-store.ts';
import { createFakeBridge, deferred, fail, flush, lockStateFixture, ok } from '../../testing/fake-bridge.ts';
import { createPinGateStore } from './pin-gate-store.ts';

const UNLOCKED = lockStateFixture({ unlocked: true, unlockExpiresAt: '2030-01-01T00:05:00.000Z' });
const FIRST_RUN = lockStateFixture({ configured: false, setup: 'first-run', setupCode: '7KQ4-M2XD-9PRT' });

async function setup(initial: LockState = lockStateFixture()) {
  const fake = createFakeBridge();
  fake.handle('pinStatus', () => ok(initial));
  fake.handle('pinLock', () => ok(initial));
  fake.handle('pinVerify', (req) =>
    (req as { pin: string }).pin === '482913'
      ? ok({ result: 'unlocked', state: UNLOCKED })
      : ok({ result: 'wrong', attemptsLeft: 2, state: lockStateFixture({ failedAttempts: 1 }) }),
  );
  const session = createSessionStore(fake.bridge, { translator: tillIn() });
  const gate = createPinGateStore({ session });
  await session.getState().open();
  return { fake, session, gate };
}

describe('PIN gate form store', () => {
  it('keeps digits only, from the field or the keypad, up to the longest PIN', async () => {
    const { gate } = await setup();
    gate.getState().typePin('48 29-1a');
    expect(gate.getState().pin).toBe('48291');
    for (const d of '3456789012') gate.getState().press(d);
    expect(gate.getState().pin).toBe('482913456789');
    gate.getState().backspace();
    expect(gate.getState().pin).toBe('48291345678');
    gate.getState().clearPin();
    expect(gate.getState().pin).toBe('');
  });

  it('a malformed PIN stays to be corrected and is never sent', async () => {
    const { fake, session, gate } = await setup();
    gate.getState().typePin('12');
    await gate.getState().verify();
    expect(gate.getState().pin).toBe('12');
    expect(session.getState().message).toBe('A PIN is 6 to 12 digits.');
    expect(fake.callsTo('pinVerify')).toHaveLength(0);
  });

  it('a wrong PIN is cleared and said; the right one opens the console', async () => {
    const { fake, session, gate } = await setup();
    gate.getState().typePin('000000');
    await gate.getState().verify();
    expect(gate.getState().pin).toBe('');
    expect(session.getState()).toMatchObject({ phase: 'locked', message: 'Wrong PIN. 2 attempts left before the manager console locks for a while.' });

    gate.getState().typePin('482913');
    await gate.getState().verify();
    expect(gate.getState().pin).toBe('');
    expect(session.getState().phase).toBe('open');
    expect(fake.callsTo('pinVerify')).toEqual([{ pin: '000000' }, { pin: '482913' }]);
  });

  it('sends one PIN while one is being checked', async () => {
    const { fake, gate } = await setup();
    const answer = deferred();
    fake.handle('pinVerify', () => answer.promise);
    gate.getState().typePin('482913');
    const first = gate.getState().verify();
    await flush();
    gate.getState().typePin('000000');
    const second = gate.getState().verify();
    answer.resolve(ok({ result: 'unlocked', state: UNLOCKED }));
    await Promise.all([first, second]);
    expect(fake.callsTo('pinVerify')).toEqual([{ pin: '482913' }]);
  });

  it('during a lockout the typed PIN stays and nothing is sent', async () => {
    const until = '2999-01-01T00:00:00.000Z';
    const { fake, session, gate } = await setup(lockStateFixture({ lockedOutUntil: until }));
    expect(session.getState().lockedOutUntil).toBe(Date.parse(until));
    gate.getState().typePin('482913');
    await gate.getState().verify();
    expect(gate.getState().pin).toBe('482913');
    expect(fake.callsTo('pinVerify')).toHaveLength(0);
  });

  it('sets the first PIN with the set-up code: a wrong code keeps the form, the right one empties it', async () => {
    const { fake, session, gate } = await setup(FIRST_RUN);
    fake.handle('pinSet', (req) =>
      (req as { setupCode: string }).setupCode === '7KQ4-M2XD-9PRT' ? ok(UNLOCKED) : fail('SETUP_CODE_WRONG', 'That set-up code is not the one for this till.'),
    );
    gate.getState().setField('code', 'AAAA-BBBB-CCCC');
    gate.getState().setField('pin', '38 16-52');
    gate.getState().setField('repeat', '381652');
    expect(gate.getState()).toMatchObject({ code: 'AAAA-BBBB-CCCC', newPin: '381652', repeat: '381652' });
    await gate.getState().setPin();
    expect(session.getState().fieldErrors).toEqual({ code: 'That set-up code is not the one for this till.' });
    expect(gate.getState()).toMatchObject({ code: 'AAAA-BBBB-CCCC', newPin: '381652', repeat: '381652' });

    gate.getState().setField('code', '7KQ4-M2XD-9PRT');
    await gate.getState().setPin();
    expect(fake.callsTo('pinSet')).toEqual([
      { newPin: '381652', setupCode: 'AAAA-BBBB-CCCC' },
      { newPin: '381652', setupCode: '7KQ4-M2XD-9PRT' },
    ]);
    expect(session.getState().phase).toBe('open');
    expect(gate.getState()).toMatchObject({ code: '', newPin: '', repeat: '' });
  });

  it('the forgotten-PIN form opens with the gate’s messages cleared, goes back, and closes on an unlock', async () => {
    const { fake, session, gate } = await setup();
    gate.getState().typePin('000000');
    await gate.getState().verify();
    expect(session.getState().message).not.toBeNull();

    gate.getState().forgotPin();
    expect(gate.getState().forgot).toBe(true);
    expect(session.getState().message).toBeNull();
    gate.getState().setField('code', '7KQ4');
    gate.getState().backFromForgot();
    expect(gate.getState()).toMatchObject({ forgot: false, code: '' });

    fake.handle('pinSet', () => ok(UNLOCKED));
    gate.getState().forgotPin();
    gate.getState().setField('code', '7KQ4-M2XD-9PRT');
    gate.getState().setField('pin', '381652');
    gate.getState().setField('repeat', '381652');
    await gate.getState().setPin();
    expect(session.getState().phase).toBe('open');
    expect(gate.getState()).toMatchObject({ forgot: false, code: '', newPin: '', repeat: '' });
  });

  it('clearing the till: the question is asked once, and a new set-up code starts an empty form', async () => {
    const { fake, session, gate } = await setup(lockStateFixture({ configured: false, setup: 'reset-required' }));
    fake.handle('tillReset', () => ok(lockStateFixture({ configured: false, setup: 'first-run', setupCode: 'NEW0-CODE-0001' })));
    gate.getState().setField('code', 'OLD0-CODE');
    gate.getState().askClear(true);
    expect(gate.getState().askingClear).toBe(true);
    await session.getState().clearTill();
    expect(gate.getState()).toMatchObject({ askingClear: false, code: '' });
  });

  it('reset empties everything (the console closed)', async () => {
    const { gate } = await setup();
    gate.getState().typePin('4829');
    gate.getState().forgotPin();
    gate.getState().setField('pin', '381652');
    gate.getState().reset();
    expect(gate.getState()).toMatchObject({ pin: '', code: '', newPin: '', repeat: '', forgot: false, askingClear: false });
  });
});
