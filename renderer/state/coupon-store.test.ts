import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCouponStore, pendingChecks, reasonText, type CouponCheck } from './coupon-store.ts';
import { createTranslator } from '../../shared/i18n/translator.ts';
import type { CashierLocale } from './money-entry.ts';
import { realTimers } from './timers.ts';
import { createFakeBridge, fail, flush, ok } from '../testing/fake-bridge.ts';

const verdict = (v: 'honor' | 'do-not-honor' | 'checking', reason = `reason ${v}`) => ({ verdict: v, reason, couponId: 'cp_ava_coffee', redeemedByThisTillAt: null, row: null });

function setup() {
  const fake = createFakeBridge();
  const verdicts: CouponCheck[] = [];
  const notYet: CouponCheck[] = [];
  const store = createCouponStore({ bridge: fake.bridge, timers: realTimers, onVerdict: (c) => verdicts.push(c), onNotYet: (c) => notYet.push(c) });
  return { fake, store, verdicts, notYet };
}

describe('coupon store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows HONOR only for an explicit honor verdict, with the link to the open sale', async () => {
    const { fake, store, verdicts } = setup();
    fake.handle('couponRedeem', () => ok(verdict('honor', 'Redeemed.')));
    const p = store.getState().redeem({ couponId: 'cp_ava_coffee', title: 'Free coffee', memberId: 'mb_ava_chen', linkedPosTxnId: 'T-1001' });
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('redeeming');
    await p;
    expect(fake.callsTo('couponRedeem')).toEqual([{ couponId: 'cp_ava_coffee', memberId: 'mb_ava_chen', linkedPosTxnId: 'T-1001' }]);
    expect(store.getState().shown).toBe('cp_ava_coffee');
    expect(store.getState().checks.cp_ava_coffee).toMatchObject({ phase: 'honor', reason: 'Redeemed.', linkedPosTxnId: 'T-1001' });
    expect(verdicts).toHaveLength(1);
    store.getState().close();
    expect(store.getState().shown).toBeNull();
    expect(store.getState().checks.cp_ava_coffee).toBeUndefined();
  });

  it('omits optional fields it does not have', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => ok(verdict('do-not-honor', 'Already redeemed')));
    await store.getState().redeem({ couponId: 'cp_x' });
    expect(fake.callsTo('couponRedeem')).toEqual([{ couponId: 'cp_x' }]);
    expect(store.getState().checks.cp_x?.phase).toBe('do-not-honor');
  });

  it('turns `checking` into NOT YET and polls couponVerdict until the verdict', async () => {
    const { fake, store, verdicts, notYet } = setup();
    fake.handle('couponRedeem', () => ok(verdict('checking', 'SocialHub did not answer in time.')));
    let answer = verdict('checking');
    fake.handle('couponVerdict', () => ok(answer));
    await store.getState().redeem({ couponId: 'cp_ava_coffee' });
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('not-yet');
    expect(notYet).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_600);
    expect(fake.callsTo('couponVerdict')).toHaveLength(1);
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('not-yet');
    answer = verdict('honor', 'Redeemed (verified).');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.getState().checks.cp_ava_coffee).toMatchObject({ phase: 'honor', reason: 'Redeemed (verified).' });
    expect(verdicts.map((v) => v.phase)).toEqual(['honor']);
    const polls = fake.callsTo('couponVerdict').length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.callsTo('couponVerdict')).toHaveLength(polls);
  });

  it('never reads a timeout or server error as honor: NOT YET, keeps checking through poll failures', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => fail('INTERNAL', 'Something went wrong.'));
    fake.handle('couponVerdict', () => fail('OFFLINE', 'SocialHub cannot be reached.'));
    await store.getState().redeem({ couponId: 'cp_ava_coffee' });
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('not-yet');
    await vi.advanceTimersByTimeAsync(20_000);
    const check = store.getState().checks.cp_ava_coffee;
    expect(check?.phase).toBe('not-yet');
    expect(check?.pollError).toBe('SocialHub cannot be reached.');
    expect(fake.callsTo('couponVerdict').length).toBeGreaterThan(1);
  });

  it('a rejected bridge call (no answer at all) is NOT YET too', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => Promise.reject(new Error('socket hang up\n    at foo')));
    fake.handle('couponVerdict', () => ok(verdict('do-not-honor', 'Not redeemed.')));
    await store.getState().redeem({ couponId: 'cp_ava_coffee' });
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('not-yet');
    expect(store.getState().checks.cp_ava_coffee?.pollError).not.toMatch(/socket|at foo/);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('do-not-honor');
  });

  it('failures that prove nothing was sent are DO NOT HONOR with the reason', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => fail('JOURNAL_UNAVAILABLE', 'The journal cannot be read; writes are stopped.'));
    await store.getState().redeem({ couponId: 'cp_ava_coffee' });
    expect(store.getState().checks.cp_ava_coffee).toMatchObject({ phase: 'do-not-honor', reason: 'Not redeemed: The journal cannot be read; writes are stopped.' });
  });

  it('a coupon scanned without a card shown is refused, not left checking', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => fail('CARD_NOT_SHOWN', "Show the member's card first, so the coupon can be checked against their coupons."));
    await store.getState().redeem({ couponId: 'cp_grace_1' });
    expect(store.getState().checks.cp_grace_1).toMatchObject({ phase: 'do-not-honor', reason: expect.any(String) as string });
    expect(store.getState().checks.cp_grace_1?.reason).toMatch(/^Not redeemed: Show the member/);
    expect(fake.callsTo('couponVerdict')).toHaveLength(0);
  });

  it('a verdict poll that finds no record of the attempt is DO NOT HONOR', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => fail('API_UNAVAILABLE', 'No SocialHub.'));
    fake.handle('couponVerdict', () => fail('NOT_FOUND', 'No redemption of this coupon is recorded.'));
    await store.getState().redeem({ couponId: 'cp_ava_coffee' });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('do-not-honor');
  });

  it('closing NOT YET keeps checking; the verdict comes back on screen when it lands', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => ok(verdict('checking')));
    let answer = verdict('checking');
    fake.handle('couponVerdict', () => ok(answer));
    await store.getState().redeem({ couponId: 'cp_ava_coffee', title: 'Free coffee' });
    store.getState().close();
    expect(store.getState().shown).toBeNull();
    expect(pendingChecks(store.getState()).map((c) => c.couponId)).toEqual(['cp_ava_coffee']);
    answer = verdict('do-not-honor', 'Already redeemed.');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(store.getState().shown).toBe('cp_ava_coffee');
    expect(store.getState().checks.cp_ava_coffee?.phase).toBe('do-not-honor');
    expect(pendingChecks(store.getState())).toEqual([]);
  });

  it('does not send a second redemption while one is pending; "Check now" polls at once', async () => {
    const { fake, store } = setup();
    fake.handle('couponRedeem', () => ok(verdict('checking')));
    fake.handle('couponVerdict', () => ok(verdict('checking')));
    await store.getState().redeem({ couponId: 'cp_ava_coffee' });
    store.getState().close();
    await store.getState().redeem({ couponId: 'cp_ava_coffee' });
    expect(fake.callsTo('couponRedeem')).toHaveLength(1);
    expect(store.getState().shown).toBe('cp_ava_coffee');
    store.getState().checkNow('cp_ava_coffee');
    await flush(20);
    expect(fake.callsTo('couponVerdict')).toHaveLength(1);
  });
});

describe('coupon store in the till’s language', () => {
  const german: CashierLocale = { translator: () => createTranslator('de'), currency: () => 'EUR' };
  const english = createTranslator('en');

  it('a German till shows main’s DO NOT HONOR reason in German (main’s English stays for support)', async () => {
    const fake = createFakeBridge();
    const store = createCouponStore({ bridge: fake.bridge, timers: realTimers, locale: german });
    const english_reason = 'SocialHub refused this coupon: it does not exist, has expired or was already used. Do not give the discount.';
    fake.handle('couponRedeem', () => ok({ ...verdict('do-not-honor', english_reason), localized: { messageId: 'coupon.verdict.rejected' } }));
    await store.getState().redeem({ couponId: 'cp_ava_summer' });
    const check = store.getState().checks.cp_ava_summer;
    expect(check).toMatchObject({ phase: 'do-not-honor', reason: english_reason, localized: { messageId: 'coupon.verdict.rejected' } });
    const shown = check === undefined ? null : reasonText(check, german.translator());
    expect(shown).toBe(createTranslator('de').messages['coupon.verdict.rejected']);
    expect(shown).not.toBe(english.messages['coupon.verdict.rejected']);
    expect(shown).toMatch(/Gutschein/);
    // The same check read by an English till: main's catalogue English.
    expect(check === undefined ? null : reasonText(check, english)).toBe(english.messages['coupon.verdict.rejected']);
  });

  it('a time in the reason follows the language’s own clock', async () => {
    const fake = createFakeBridge();
    const store = createCouponStore({ bridge: fake.bridge, timers: realTimers, locale: german });
    const at = new Date(2026, 10, 24, 14, 2).getTime();
    fake.handle('couponRedeem', () =>
      ok({ ...verdict('do-not-honor', 'Already redeemed by this till at 14:02.'), redeemedByThisTillAt: at, localized: { messageId: 'coupon.verdict.alreadyRedeemed', values: { at, today: 'yes' } } }),
    );
    await store.getState().redeem({ couponId: 'cp_x' });
    const check = store.getState().checks.cp_x;
    const shown = check === undefined ? null : reasonText(check, german.translator());
    expect(shown).toContain('14:02');
    expect(shown).toMatch(/^Bereits von dieser Kasse/);
  });

  it('an id this renderer does not know is not shown as an id: the screen falls back', async () => {
    const fake = createFakeBridge();
    const store = createCouponStore({ bridge: fake.bridge, timers: realTimers, locale: german });
    fake.handle('couponRedeem', () => ok({ ...verdict('honor', 'Redeemed.'), localized: { messageId: 'coupon.verdict.fromANewerMain' } }));
    await store.getState().redeem({ couponId: 'cp_y' });
    const check = store.getState().checks.cp_y;
    expect(check === undefined ? 'missing' : reasonText(check, german.translator())).toBeNull();
  });

  it('a refusal the store words itself is kept as a message, so it follows the language', async () => {
    const fake = createFakeBridge();
    const store = createCouponStore({ bridge: fake.bridge, timers: realTimers, locale: german });
    fake.handle('couponRedeem', () => fail('CARD_NOT_SHOWN', 'Scan the member card first.'));
    await store.getState().redeem({ couponId: 'cp_z' });
    const check = store.getState().checks.cp_z;
    expect(check?.localized?.messageId).toBe('cashier.coupon.notRedeemed');
    const shown = check === undefined ? null : reasonText(check, german.translator());
    expect(shown).not.toBeNull();
    expect(shown).not.toMatch(/Scan the member card/);
  });
});
