import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import { createStorePickerStore, STORES_PAGE, storeStatusText } from './store-picker-store.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { createFakeBridge, fail, ok } from '../../testing/fake-bridge.ts';

const stores = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `st_${from + i}`, name: `Store ${from + i}`, status: 'active' }));

describe('store picker store', () => {
  it('pages through SocialHub’s stores', async () => {
    const fake = createFakeBridge();
    fake.handle('storesList', (req) => {
      const { offset } = req as { offset: number };
      return ok({ stores: stores(offset, Math.min(STORES_PAGE, 45 - offset)), total: 45 });
    });
    const picker = createStorePickerStore(fake.bridge, tillIn());
    await picker.getState().show(0);
    expect(picker.getState().page).toMatchObject({ offset: 0, total: 45 });
    await picker.getState().show(40);
    expect(picker.getState().page?.stores.map((s) => s.id)).toEqual(['st_40', 'st_41', 'st_42', 'st_43', 'st_44']);
    expect(fake.callsTo('storesList')).toEqual([
      { limit: STORES_PAGE, offset: 0 },
      { limit: STORES_PAGE, offset: 40 },
    ]);
  });

  it('keeps the answer for the page last asked for', async () => {
    const fake = createFakeBridge();
    let release: () => void = () => undefined;
    fake.handle('storesList', (req) => {
      const { offset } = req as { offset: number };
      const answer = ok({ stores: stores(offset, 1), total: 100 });
      return offset === 0 ? new Promise((resolve) => (release = () => resolve(answer))) : answer;
    });
    const picker = createStorePickerStore(fake.bridge, tillIn());
    const first = picker.getState().show(0);
    await picker.getState().show(20);
    release();
    await first;
    expect(picker.getState().page?.offset).toBe(20);
  });

  it('says why the list cannot be read, and tries again', async () => {
    const fake = createFakeBridge();
    fake.handle('storesList', () => fail('READ_KEY_MISSING', 'No read key is set.'));
    const picker = createStorePickerStore(fake.bridge, tillIn());
    await picker.getState().show(0);
    expect(picker.getState()).toMatchObject({ page: null, error: 'No read key is set.' });
    fake.handle('storesList', () => ok({ stores: stores(0, 1), total: 1 }));
    await picker.getState().retry();
    expect(picker.getState()).toMatchObject({ error: null, page: { total: 1 } });
  });

  it('shows a store’s status as words in the till’s language, never SocialHub’s raw word', () => {
    const de = createTranslator('de');
    expect(storeStatusText('inactive', de)).toBe('Inaktiv');
    expect(storeStatusText('inactive', createTranslator('en'))).toBe('Inactive');
    expect(storeStatusText('pending_review', de)).toBe('Nicht aktiv');
  });

  it('says why in the till’s language, not in main’s English', async () => {
    const fake = createFakeBridge();
    fake.handle('storesList', () => fail('READ_KEY_MISSING', 'No read key is set.'));
    const picker = createStorePickerStore(fake.bridge, tillIn('de'));
    await picker.getState().show(0);
    expect(picker.getState().error).toBe('Zuerst einen Leseschlüssel setzen (Leitung: Einstellungen → Schlüssel).');
  });
});
