import { describe, expect, it } from 'vitest';
import { createFakeBridge, fail, ok } from '../../testing/fake-bridge.ts';
import { createSupportStore } from './support-store.ts';

describe('support store', () => {
  it('says where the bundle was saved, and that a cancelled dialog saved nothing', async () => {
    const fake = createFakeBridge();
    fake.handle('supportSaveBundle', () => ok({ saved: true, path: '/data/support/till-support.zip', bytes: 2048, entries: ['versions.json', 'settings.json'] }));
    const store = createSupportStore(fake.bridge);
    await store.getState().save();
    expect(store.getState()).toMatchObject({ saving: false, last: { kind: 'saved', path: '/data/support/till-support.zip', bytes: 2048, entries: ['versions.json', 'settings.json'] } });
    fake.handle('supportSaveBundle', () => ok({ saved: false }));
    await store.getState().save();
    expect(store.getState().last).toEqual({ kind: 'cancelled' });
  });

  it('keeps main’s reason when the bundle could not be written', async () => {
    const fake = createFakeBridge();
    fake.handle('supportSaveBundle', () => fail('SUPPORT_BUNDLE_FAILED', 'The support bundle could not be saved there (EACCES). Choose another folder.'));
    const store = createSupportStore(fake.bridge);
    await store.getState().save();
    expect(store.getState().last).toMatchObject({ kind: 'failed', error: { code: 'SUPPORT_BUNDLE_FAILED', message: expect.stringContaining('EACCES') as unknown } });
  });

  it('runs one save at a time', async () => {
    const fake = createFakeBridge();
    let release: () => void = () => undefined;
    fake.handle('supportSaveBundle', () => new Promise((resolve) => (release = () => resolve(ok({ saved: false })))));
    const store = createSupportStore(fake.bridge);
    const first = store.getState().save();
    await store.getState().save();
    release();
    await first;
    expect(fake.callsTo('supportSaveBundle')).toHaveLength(1);
  });
});
