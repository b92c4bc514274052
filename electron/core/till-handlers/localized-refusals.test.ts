/**
 * Refusals from main reach the renderer as catalogue ids: through the real door (sandbox,
 * journal, engine) a refusal carries `messageId`/`values`, and a German translator renders it in
 * German while `message` stays English for logs and the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';

let kit: TillKit;
beforeAll(async () => {
  kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } });
});
afterAll(() => kit.close());

const de = createTranslator('de');

function german(answer: unknown): string {
  const error = (answer as { ok: false; error: { messageId?: string; values?: Record<string, string | number> } }).error;
  expect(error.messageId).toEqual(expect.any(String));
  expect(de.has(error.messageId ?? '')).toBe(true);
  return de.text({ messageId: error.messageId ?? '', ...(error.values === undefined ? {} : { values: error.values }) });
}

describe('refusals from main in the till’s language', () => {
  it('a return for an unknown sale', async () => {
    const r = await kit.call('saleReturn', { posTxnId: 'NOPE-1', returnId: 'R1', mode: 'points', points: 5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'SALE_NOT_FOUND', messageId: 'till.return.notFound', values: { sale: 'NOPE-1' } } });
    expect(german(r)).toBe('Verkauf NOPE-1 ist nicht im Journal dieser Kasse.');
  });

  it('a return of nothing', async () => {
    const r = await kit.call('saleReturn', { posTxnId: 'NOPE-2', returnId: 'R1', mode: 'proportional', returnedAmount: '0.00' });
    expect(r).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID', message: 'The returned amount must be more than zero.' } });
    expect(german(r)).toBe('Der zurückgegebene Betrag muss größer als null sein.');
  });

  it('a coupon without the member card', async () => {
    const r = await kit.call('couponRedeem', { couponId: DEMO.spareCoupons[0] });
    expect(r).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN' } });
    expect(german(r)).not.toBe((r as { ok: false; error: { message: string } }).error.message);
  });
});
