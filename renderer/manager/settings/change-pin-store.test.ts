import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { createSessionStore } from '../../state/session-store.ts';
import { createFakeBridge, deferred, fail, flush, lockStateFixture, ok } from '../../testing/fake-bridge.ts';
import { createChangePinStore } from './change-pin-store.ts';

const UNLOCKED = lockStateFixture({ unlocked: true, unlockExpiresAt: '2030-01-01T00:05:00.000Z' });

function setup(t?: ReturnType<typeof createTranslator>['t']) {
  const fake = createFakeBridge();
  const session = createSessionStore(fake.bridge, { translator: tillIn() });
  const form = createChangePinStore({ session, t });
  return { fake, form };
}

function fill(form: ReturnType<typeof setup>['form'], current: string, next: string, repeat = next) {
  form.getState().set('current', current);
  form.getState().set('next', next);
  form.getState().set('repeat', repeat);
}


describe('change-PIN form store', () => {
  it('keeps only digits, shows every problem before sending, and sends nothing then', async () => {
    const { fake, form } = setup();
    fill(form, '48 29-13', '12a', '13');
    expect(form.getState()).toMatchObject({ current: '482913', next: '12', repeat: '13' });
    await form.getState().submit();
    expect(form.getState()).toMatchObject({ busy: false, failure: null, errors: { next: 'A PIN is 6 to 12 digits.', repeat: 'The two new PINs differ.' } });
    expect(form.getState().current).toBe('482913');
    expect(fake.callsTo('pinSet')).toHaveLength(0);
  });

  it('a wrong current PIN is cleared to be typed again; the new one stays', async () => {
    const { fake, form } = setup();
    fake.handle('pinSet', () => fail('PIN_WRONG', 'That is not the current PIN.'));
    fill(form, '111222', '381652');
    await form.getState().submit();
    expect(form.getState()).toMatchObject({ current: '', next: '381652', repeat: '381652', errors: { current: 'That is not the current PIN.' }, failure: null, busy: false });
  });

  it('a refusal that is no field’s fault is said above the button, and the PINs stay', async () => {
    const { fake, form } = setup();
    fake.handle('pinSet', () => fail('PIN_LOCKED_OUT', 'Too many wrong PINs. Try again in 5 minutes.'));
    fill(form, '482913', '381652');
    await form.getState().submit();
    expect(form.getState()).toMatchObject({ current: '', next: '381652', errors: {}, failure: expect.stringMatching(/Too many wrong PINs/) as unknown });
  });

  it('changes once while the first change is out, then empties the form and says so', async () => {
    const { fake, form } = setup();
    const answer = deferred();
    fake.handle('pinSet', () => answer.promise);
    fill(form, '482913', '381652');
    const first = form.getState().submit();
    const second = form.getState().submit();
    await flush();
    expect(form.getState().busy).toBe(true);
    answer.resolve(ok(UNLOCKED));
    await Promise.all([first, second]);
    expect(fake.callsTo('pinSet')).toEqual([{ newPin: '381652', currentPin: '482913' }]);
    expect(form.getState()).toMatchObject({ current: '', next: '', repeat: '', errors: {}, failure: null, busy: false, status: 'The manager PIN was changed.' });
    form.getState().set('current', '1');
    expect(form.getState().status).toBeNull();
  });

  it('the console closed while the change was out: the form stays empty', async () => {
    const { fake, form } = setup();
    const answer = deferred();
    fake.handle('pinSet', () => answer.promise);
    fill(form, '111222', '381652');
    const sending = form.getState().submit();
    await flush();
    form.getState().reset();
    answer.resolve(fail('PIN_WRONG', 'That is not the current PIN.'));
    await sending;
    expect(form.getState()).toMatchObject({ current: '', next: '', repeat: '', errors: {}, busy: false, status: null });
  });

  it('says it in the console language', async () => {
    const de = createTranslator('de');
    const { fake, form } = setup(de.t);
    fake.handle('pinSet', () => ok(UNLOCKED));
    fill(form, '482913', '381652');
    await form.getState().submit();
    expect(form.getState().status).not.toBeNull();
    expect(form.getState().status).not.toBe('The manager PIN was changed.');
  });
});
