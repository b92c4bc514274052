import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createKeysStore } from './keys-store.ts';
import { createFakeBridge, keysStatusFixture, ok } from '../../testing/fake-bridge.ts';

describe('review #14: a key refused by main on a German manager console', () => {
  it('the field says why in German (main’s catalogue id), not main’s English message', async () => {
    const fake = createFakeBridge();
    fake.handle('keysStatus', () => ok(keysStatusFixture()));
    // What the key vault answers (electron/core/keys/key-vault.ts: vaultError('KEY_INVALID', notAKey)).
    fake.handle('keysSet', () => ({ ok: false, error: { code: 'KEY_INVALID', message: 'That is not a valid SocialHub API key.', messageId: 'keys.vault.notAKey' } }));
    const keys = createKeysStore(fake.bridge, { translator: tillIn('de') });
    await keys.getState().load();
    await keys.getState().setKey('write', 'fl_test_abcdefghijklmnop');
    const fieldError = keys.getState().slots.write.fieldError;
    expect(fieldError).not.toBeNull();
    expect(fieldError).not.toBe('That is not a valid SocialHub API key.');
  });
});
