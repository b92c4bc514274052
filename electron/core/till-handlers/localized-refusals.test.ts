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
import { engineCall } from './engine-call.ts';

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

describe('the engine’s input refusals in the till’s language', () => {
  // The real engine and journal of the kit: what the channels run their engine calls through.
  const engineDeps = () => ({ engine: () => kit.core.engine.get(), journal: kit.core.journal });

  it('carry a catalogue id through the IPC mapping, English kept in message', async () => {
    const adjust = engineCall(engineDeps(), (engine) => engine.adjust({ memberId: DEMO.memberWithCoupons, points: 0, reasonCode: 'GOODWILL', note: 'why not', ref: 'adj-l10n-1' }));
    await expect(adjust).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'An adjustment must be a whole number of points, not zero, at most 1,000,000 either way.',
      localized: { messageId: 'engine.input.adjustPoints', values: { max: 1_000_000 } },
    });
    const note = await engineCall(engineDeps(), (engine) => engine.adjust({ memberId: DEMO.memberWithCoupons, points: 5, reasonCode: 'GOODWILL', note: ' ', ref: 'adj-l10n-2' })).catch((e: unknown) => e);
    expect(inGerman((note as { localized: { messageId: string; values?: Record<string, string | number> } }).localized)).toBe('Notiz schreiben (bis 1.000 Zeichen), warum.');
  });

  it('name the field in the till’s language', async () => {
    const bad = await engineCall(engineDeps(), (engine) => engine.award({ memberId: DEMO.memberWithCoupons, posTxnId: 'bad id', points: 1 })).catch((e: unknown) => e);
    expect(bad).toMatchObject({ message: 'The POS transaction id "bad id" is not valid: use 1–64 letters, digits, _ or -.' });
    expect(inGerman((bad as { localized: { messageId: string; values?: Record<string, string | number> } }).localized)).toBe('Die Kassenbon-Nummer "bad id" ist ungültig: 1–64 Buchstaben, Ziffern, _ oder - verwenden.');
    const none = await engineCall(engineDeps(), (engine) => engine.award({ memberId: DEMO.memberWithCoupons, posTxnId: 'NOPTS-1' })).catch((e: unknown) => e);
    expect(none).toMatchObject({ localized: { messageId: 'engine.input.pointsOrTotal' } });
  });

  it('a sale that cannot be returned says why in German (the summary’s blocker)', async () => {
    const r = await kit.call('saleLookup', { posTxnId: 'NOPE-3' });
    expect(r).toMatchObject({ ok: true, value: { found: false, blockerLocalized: { messageId: 'write.outcome.saleNotFound', values: { sale: 'NOPE-3' } } } });
    const value = (r as { ok: true; value: { blockerLocalized: { messageId: string; values: Record<string, string | number> } } }).value;
    expect(inGerman(value.blockerLocalized)).toContain('NOPE-3');
  });
});

/** A value's catalogue message in German, checked to be a translation (not the English). */
function inGerman(localized: { messageId: string; values?: Record<string, string | number> }): string {
  expect(de.has(localized.messageId)).toBe(true);
  const text = de.text(localized);
  expect(text).not.toBe(createTranslator('en').text(localized));
  return text;
}

describe('verdicts and write outcomes from main in the till’s language', () => {
  it('a coupon SocialHub refuses: DO NOT HONOR with the reason in German, English kept for the CLI', async () => {
    await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    const r = await kit.call('couponRedeem', { couponId: DEMO.expiredCoupon, memberId: DEMO.memberWithCoupons });
    expect(r).toMatchObject({ ok: true, value: { verdict: 'do-not-honor', localized: { messageId: 'coupon.verdict.rejected' } } });
    const verdict = (r as { ok: true; value: { reason: string; localized: { messageId: string } } }).value;
    expect(verdict.reason).toMatch(/^SocialHub refused this coupon/);
    expect(inGerman(verdict.localized)).toMatch(/Rabatt/);
  });

  it('a coupon HONOR shown once, then "already redeemed by this till at …" with the time as a value', async () => {
    const couponId = DEMO.spareCoupons[4] ?? '';
    await kit.call('memberCard', { memberId: DEMO.spareCouponMember });
    const first = await kit.call('couponRedeem', { couponId, memberId: DEMO.spareCouponMember });
    expect(first).toMatchObject({ ok: true, value: { verdict: 'honor', localized: { messageId: 'coupon.verdict.honor' } } });
    const again = await kit.call('couponRedeem', { couponId, memberId: DEMO.spareCouponMember });
    expect(again).toMatchObject({ ok: true, value: { verdict: 'do-not-honor', localized: { messageId: 'coupon.verdict.alreadyRedeemed', values: { today: 'yes' } } } });
    const value = (again as { ok: true; value: { redeemedByThisTillAt: number; localized: { messageId: string; values: Record<string, number | string> } } }).value;
    expect(value.localized.values.at).toBe(value.redeemedByThisTillAt);
    expect(inGerman(value.localized)).toContain(new Intl.DateTimeFormat('de', { timeStyle: 'short' }).format(value.redeemedByThisTillAt));
  });

  it('an award and its repeat: confirmed and duplicate outcomes in German', async () => {
    await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    const posTxnId = `LOC-${Date.now()}`;
    const first = await kit.call('awardSubmit', { memberId: DEMO.memberWithCoupons, posTxnId, saleTotal: '12.00' });
    expect(first).toMatchObject({ ok: true, value: { status: 'confirmed', localized: { messageId: 'write.outcome.confirmedBalance', values: { kind: 'award' } } } });
    const outcome = (first as { ok: true; value: { points: number; localized: { messageId: string; values: Record<string, number | string> } } }).value;
    expect(outcome.localized.values.points).toBe(outcome.points);
    expect(inGerman(outcome.localized)).toMatch(/gutgeschrieben/);
    const again = await kit.call('awardSubmit', { memberId: DEMO.memberWithCoupons, posTxnId, saleTotal: '12.00' });
    expect(again).toMatchObject({ ok: true, value: { status: 'duplicate', localized: { messageId: 'write.outcome.duplicate', values: { stale: 'no' } } } });
    inGerman((again as { ok: true; value: { localized: { messageId: string } } }).value.localized);
  });
});
