import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createKeysStore } from './keys-store.ts';
import { createFakeBridge, deferred, fail, keysStatusFixture, ok } from '../../testing/fake-bridge.ts';

const SAVED = keysStatusFixture({ write: { configured: true, mask: 'fl_test_…mnop', setAt: '2030-01-01T00:00:00.000Z', origin: null } });

describe('review: keys store', () => {
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
  });

  it("main's KEY_INVALID beside the field is in the till's language", async () => {
    const fake = createFakeBridge();
    fake.handle('keysSet', () => fail('KEY_INVALID', 'SocialHub refused the key (HTTP 401); a manager should check the keys.'));
    const keys = createKeysStore(fake.bridge, { translator: tillIn('de') });
    await keys.getState().setKey('write', 'fl_test_abcdefghijklmnop');
    expect(keys.getState().slots.write.fieldError).not.toMatch(/SocialHub refused/);
  });
});
