import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createKeysStore, keyProblem } from './keys-store.ts';
import { createFakeBridge, deferred, fail, keysStatusFixture, NO_KEYRING, ok } from '../../testing/fake-bridge.ts';

const SAVED = keysStatusFixture({ write: { configured: true, mask: 'fl_test_…mnop', setAt: '2030-01-01T00:00:00.000Z', origin: null } });

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

  it('a status read that started before a key was saved does not show the key as missing again', async () => {
    const fake = createFakeBridge();
    const read = deferred();
    fake.handle('keysStatus', () => read.promise);
    fake.handle('keysSet', () => ok(SAVED));
    const keys = createKeysStore(fake.bridge, { translator: tillIn() });
    // The section opens (a read in flight) and the manager saves a key at once.
    const loading = keys.getState().load();
    await keys.getState().setKey('write', 'fl_test_abcdefghijklmnop');
    read.resolve(ok(keysStatusFixture()));
    await loading;
    expect(keys.getState().status?.write).toMatchObject({ configured: true, mask: 'fl_test_…mnop' });
    // A read started after the save lands as usual.
    fake.handle('keysStatus', () => ok(keysStatusFixture()));
    await keys.getState().load();
    expect(keys.getState().status?.write.configured).toBe(false);
  });
});

describe('keys store on a German manager console', () => {
  it("main's KEY_INVALID beside the field is the code's sentence in German, not main's English", async () => {
    const fake = createFakeBridge();
    fake.handle('keysSet', () => fail('KEY_INVALID', 'SocialHub refused the key (HTTP 401); a manager should check the keys.'));
    const keys = createKeysStore(fake.bridge, { translator: tillIn('de') });
    await keys.getState().setKey('write', 'fl_test_abcdefghijklmnop');
    expect(keys.getState().slots.write.fieldError).toBe('SocialHub lehnt den API-Schlüssel ab; die Filialleitung soll die Schlüssel prüfen.');
  });

  it('a key the vault refuses: the field says why in German (main’s catalogue id)', async () => {
    const fake = createFakeBridge();
    fake.handle('keysStatus', () => ok(keysStatusFixture()));
    // What the key vault answers (electron/core/keys/key-vault.ts: vaultError('KEY_INVALID', notAKey)).
    fake.handle('keysSet', () => ({ ok: false, error: { code: 'KEY_INVALID', message: 'That is not a valid SocialHub API key.', messageId: 'keys.vault.notAKey' } }));
    const keys = createKeysStore(fake.bridge, { translator: tillIn('de') });
    await keys.getState().load();
    await keys.getState().setKey('write', 'fl_test_abcdefghijklmnop');
    expect(keys.getState().slots.write.fieldError).toBe('Das ist kein gültiger SocialHub-API-Schlüssel.');
  });
});
