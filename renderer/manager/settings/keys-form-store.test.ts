import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createKeysStore } from './keys-store.ts';
import { createFakeBridge, fail, keysStatusFixture, NO_KEYRING, ok } from '../../testing/fake-bridge.ts';
import { createKeysFormStore } from './keys-form-store.ts';

const KEY = 'fl_test_abcdefghijklmnop';

const WRITE_SET = keysStatusFixture({ write: { configured: true, mask: 'fl_test_…mnop', setAt: '2030-01-01T00:00:00.000Z', origin: null } });

function setup() {
  const fake = createFakeBridge();
  fake.handle('keysStatus', () => ok(keysStatusFixture()));
  const keys = createKeysStore(fake.bridge, { translator: tillIn() });
  const form = createKeysFormStore({ keys });
  return { fake, keys, form };
}

describe('API keys form store', () => {
  it('a key refused before it crosses stays in its field to be corrected; the other field is untouched', async () => {
    const { fake, keys, form } = setup();
    form.getState().type('write', 'sk_live_123');
    form.getState().type('read', KEY);
    await form.getState().save('write');
    expect(form.getState().typed).toEqual({ write: 'sk_live_123', read: KEY });
    expect(keys.getState().slots.write.fieldError).toMatch(/key/);
    expect(fake.callsTo('keysSet')).toHaveLength(0);
  });

  it('a key that crossed leaves its field, whether main took it or not', async () => {
    const { fake, keys, form } = setup();
    fake.handle('keysSet', () => fail('KEY_INVALID', 'SocialHub does not know this key.'));
    form.getState().type('write', KEY);
    await form.getState().save('write');
    expect(form.getState().typed.write).toBe('');
    expect(keys.getState().slots.write.fieldError).toBe('SocialHub does not know this key.');

    fake.handle('keysSet', () => ok(WRITE_SET));
    form.getState().type('write', KEY);
    await form.getState().save('write');
    expect(form.getState().typed.write).toBe('');
    expect(keys.getState().slots.write.saved).toBe('Saved: fl_test_…mnop.');
    expect(fake.callsTo('keysSet')).toEqual([
      { kind: 'write', key: KEY },
      { kind: 'write', key: KEY },
    ]);
  });

  it('removing asks first, per key, and the question closes once answered', async () => {
    const { fake, keys, form } = setup();
    fake.handle('keysClear', () => ok(keysStatusFixture()));
    form.getState().askClear('write', true);
    expect(form.getState().confirmClear).toEqual({ write: true, read: false });
    form.getState().askClear('write', false);
    expect(form.getState().confirmClear.write).toBe(false);
    expect(fake.callsTo('keysClear')).toHaveLength(0);

    form.getState().askClear('write', true);
    await form.getState().clear('write');
    expect(fake.callsTo('keysClear')).toEqual([{ kind: 'write' }]);
    expect(form.getState().confirmClear.write).toBe(false);
    expect(keys.getState().slots.write.saved).toBe('Key removed.');
  });

  it('storing keys without a keyring needs the acknowledgement first', async () => {
    const { fake, keys, form } = setup();
    fake.handle('keysAllowPlainText', () => ok(keysStatusFixture({ storage: { ...NO_KEYRING, optedInPlainText: true, optedInAt: '2030-01-01T00:00:00.000Z' } })));
    await form.getState().allowPlainText();
    expect(fake.callsTo('keysAllowPlainText')).toHaveLength(0);
    form.getState().acknowledge(true);
    await form.getState().allowPlainText();
    expect(fake.callsTo('keysAllowPlainText')).toEqual([{ acknowledge: true }]);
    expect(keys.getState().status?.storage.optedInPlainText).toBe(true);
  });

  it('reset empties every typed key and question (the console closed)', () => {
    const { form } = setup();
    form.getState().type('read', KEY);
    form.getState().askClear('read', true);
    form.getState().acknowledge(true);
    form.getState().reset();
    expect(form.getState()).toMatchObject({ typed: { write: '', read: '' }, confirmClear: { write: false, read: false }, ack: false });
  });
});
