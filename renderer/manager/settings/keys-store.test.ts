import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createKeysStore, keyProblem } from './keys-store.ts';
import { createFakeBridge, fail, keysStatusFixture, NO_KEYRING, ok } from '../../testing/fake-bridge.ts';

function setup() {
  const fake = createFakeBridge();
  let storageChanges = 0;
  fake.handle('keysStatus', () => ok(keysStatusFixture()));
  const keys = createKeysStore(fake.bridge, { translator: tillIn(), onStorageChanged: () => storageChanges++ });
  return { fake, keys, changes: () => storageChanges };
}

describe('keys store', () => {
  it('checks a typed key before it crosses, and says what is wrong', async () => {
    const { keys, fake } = setup();
    expect(keyProblem('fl_test_abcdefghijklmnop')).toBeNull();
    expect(await keys.getState().setKey('write', 'sk_live_123')).toBe(false);
    expect(keys.getState().slots.write.fieldError).toMatch(/key/);
    expect(fake.callsTo('keysSet')).toHaveLength(0);
  });

  it('saves a key and keeps only its mask; main’s KEY_INVALID goes next to the field', async () => {
    const { keys, fake, changes } = setup();
    await keys.getState().load();
    fake.handle('keysSet', () => fail('KEY_INVALID', 'SocialHub does not know this key.'));
    expect(await keys.getState().setKey('write', ' fl_test_abcdefghijklmnop ')).toBe(true);
    expect(keys.getState().slots.write).toMatchObject({ busy: null, fieldError: 'SocialHub does not know this key.', saved: null });
    expect(fake.callsTo('keysSet')).toEqual([{ kind: 'write', key: 'fl_test_abcdefghijklmnop' }]);

    fake.handle('keysSet', () => ok(keysStatusFixture({ write: { configured: true, mask: 'fl_test_…mnop', setAt: '2030-01-01T00:00:00.000Z', origin: null } })));
    await keys.getState().setKey('write', 'fl_test_abcdefghijklmnop');
    expect(keys.getState().slots.write).toMatchObject({ fieldError: null, saved: 'Saved: fl_test_…mnop.' });
    expect(keys.getState().status?.write.configured).toBe(true);
    expect(JSON.stringify(keys.getState())).not.toContain('abcdefghijklmnop');
    expect(changes()).toBe(1);
    // The other key's slot is untouched.
    expect(keys.getState().slots.read).toMatchObject({ saved: null, error: null });
  });

  it('tests and removes a key, each with its answer or its reason', async () => {
    const { keys, fake } = setup();
    fake.handle('keysTest', () => ok({ kind: 'read', outcome: 'accepted', httpStatus: 200, message: '' }));
    await keys.getState().test('read');
    expect(keys.getState().slots.read.test).toMatchObject({ outcome: 'accepted' });
    fake.handle('keysClear', () => fail('OFFLINE', 'SocialHub cannot be reached.'));
    expect(await keys.getState().clear('read')).toBe(false);
    expect(keys.getState().slots.read).toMatchObject({ error: 'SocialHub cannot be reached.', test: null, busy: null });
    fake.handle('keysClear', () => ok(keysStatusFixture()));
    expect(await keys.getState().clear('read')).toBe(true);
    expect(keys.getState().slots.read.saved).toBe('Key removed.');
  });

  it('the opt-in to store keys without a keyring updates the tier, or says why not', async () => {
    const { keys, fake, changes } = setup();
    fake.handle('keysAllowPlainText', () => fail('LOCKED', 'Unlock the manager functions with the manager PIN first.'));
    await keys.getState().allowPlainText();
    expect(keys.getState().optIn).toEqual({ busy: false, error: 'The manager console locked itself. Enter the PIN to continue.' });
    fake.handle('keysAllowPlainText', () => ok(keysStatusFixture({ storage: { ...NO_KEYRING, optedInPlainText: true, optedInAt: '2030-01-01T00:00:00.000Z' } })));
    await keys.getState().allowPlainText();
    expect(keys.getState()).toMatchObject({ optIn: { busy: false, error: null }, status: { storage: { optedInPlainText: true } } });
    expect(changes()).toBe(1);
  });
});
