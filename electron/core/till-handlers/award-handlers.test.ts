/**
 * Award preview and submit through the real door: real sandbox, real journal, real engine.
 * Main enforces the card rule and the amount; the renderer is untrusted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';

const clock = { offset: 0, now: () => Date.now() + clock.offset };
let kit: TillKit;
beforeAll(async () => {
  kit = await createTillKit({ clock, settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } });
});
afterAll(() => kit.close());

const posts = (): number => kit.sandbox().audit().filter((a) => a.method === 'POST').length;
let txn = 0;
const nextTxn = (): string => `A${Date.now().toString(36)}${++txn}`;

describe('the card rule', () => {
  it('refuses an award for a member whose card this session never fetched', async () => {
    const before = posts();
    const r = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: nextTxn(), saleTotal: '10.00' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN' } });
    expect(await kit.call('awardPreview', { memberId: DEMO.goldMember, saleTotal: '10.00' })).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN' } });
    expect(posts()).toBe(before);
    expect(kit.core.journal.journal().count({ kinds: ['award'] })).toBe(0);
  });

  it('refuses when the card came back incomplete (tier missing)', async () => {
    kit.sandbox().addFault({ route: 'GET /members/:id/tier', kind: 'error5xx', count: 1 });
    await kit.call('memberCard', { memberId: DEMO.zeroBalanceMember });
    expect(await kit.call('awardSubmit', { memberId: DEMO.zeroBalanceMember, posTxnId: nextTxn(), saleTotal: '10.00' })).toMatchObject({
      ok: false,
      error: { code: 'CARD_NOT_SHOWN' },
    });
  });

  it('refuses a stale card, and honours the configured window', async () => {
    await kit.call('memberCard', { memberId: DEMO.newMember });
    clock.offset += 10 * 60_000 + 1_000; // default window: 10 minutes
    expect(await kit.call('awardPreview', { memberId: DEMO.newMember, saleTotal: '5' })).toMatchObject({ ok: false, error: { code: 'CARD_NOT_SHOWN', message: expect.stringContaining('10 minutes') as unknown } });
    kit.settings.update({ cardFreshnessMinutes: 30 });
    expect(await kit.call('awardPreview', { memberId: DEMO.newMember, saleTotal: '5' })).toMatchObject({ ok: true, value: { points: 5 } });
    kit.settings.update({ cardFreshnessMinutes: 10 });
    clock.offset = 0;
  });
});

describe('amounts', () => {
  it('answers AMOUNT_INVALID for what the earn rule cannot use, without a network call', async () => {
    await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    const before = kit.sandbox().audit().length;
    for (const saleTotal of ['abc', '-5', '1.999', '100000000.01', '1e3', '0x10']) {
      expect(await kit.call('awardSubmit', { memberId: DEMO.memberWithCoupons, posTxnId: nextTxn(), saleTotal }), saleTotal).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID' } });
      expect(await kit.call('awardPreview', { memberId: DEMO.memberWithCoupons, saleTotal }), saleTotal).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID' } });
    }
    expect(await kit.call('awardSubmit', { memberId: DEMO.memberWithCoupons, posTxnId: nextTxn(), saleTotal: '0.50' })).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID', message: expect.stringContaining('no points') as unknown } });
    expect(kit.sandbox().audit().length).toBe(before);
  });

  it('refuses a bad payload at the door: nothing reaches SocialHub or the journal', async () => {
    const before = kit.sandbox().audit().length;
    const rows = kit.core.journal.journal().count({});
    for (const payload of [
      { memberId: DEMO.memberWithCoupons, posTxnId: 'a b', saleTotal: '10' },
      { memberId: DEMO.memberWithCoupons, posTxnId: 'x'.repeat(65), saleTotal: '10' },
      { memberId: '../stores', posTxnId: 'T1', saleTotal: '10' },
      { memberId: DEMO.memberWithCoupons, posTxnId: 'T1', saleTotal: 10 },
      { memberId: DEMO.memberWithCoupons, posTxnId: 'T1', saleTotal: '10', points: 99_999 },
      { memberId: DEMO.memberWithCoupons, posTxnId: 'T1', saleTotal: '10', businessDate: '25-11-2026' },
    ]) {
      expect(await kit.call('awardSubmit', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    expect(kit.sandbox().audit().length).toBe(before);
    expect(kit.core.journal.journal().count({})).toBe(rows);
  });
});

describe('award', () => {
  it('previews with the earn rule and the tier multiplier of the card main fetched', async () => {
    await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    expect(await kit.call('awardPreview', { memberId: DEMO.memberWithCoupons, saleTotal: ' 19.99 ' })).toEqual({
      ok: true,
      value: {
        points: 24,
        saleTotalMinor: 1999,
        base: 19.99,
        multiplier: 1.25,
        tierApplied: true,
        explanation: '19.99 × 1 pts × 1.25 (Silver) = 24 pts',
        explanationLocalized: { messageId: 'till.award.explanation', values: { amount: '19.99', perUnit: 1, tierApplied: 'yes', multiplier: 1.25, tierName: 'Silver', points: 24 } },
      },
    });
  });

  it('awards once: confirmed, then duplicate for the same sale', async () => {
    const card = await kit.call('memberCard', { memberId: DEMO.platinumMember });
    expect(card.ok && card.value.tier.ok && card.value.tier.value.tier.multiplier).toBe(2);
    const balance = kit.sandbox().balance(DEMO.platinumMember);
    const posTxnId = nextTxn();
    const first = await kit.call('awardSubmit', { memberId: DEMO.platinumMember, posTxnId, saleTotal: '12.34' });
    expect(first).toMatchObject({ ok: true, value: { status: 'confirmed', points: 24, balance: balance + 24, row: { kind: 'award', posTxnId, saleTotal: 1234, state: 'confirmed' } } });
    const again = await kit.call('awardSubmit', { memberId: DEMO.platinumMember, posTxnId, saleTotal: '12.34' });
    expect(again).toMatchObject({ ok: true, value: { status: 'duplicate' } });
    expect(kit.sandbox().balance(DEMO.platinumMember)).toBe(balance + 24);
    expect(kit.sent.some((e) => e.channel === 'event:journal-changed')).toBe(true);
    expect(kit.sent.filter((e) => e.channel === 'event:queue-size').length).toBeGreaterThan(0);
  });

  it('never tells the cashier "done" when SocialHub did not answer: the row is checked instead', async () => {
    await kit.call('memberCard', { memberId: DEMO.goldMember });
    kit.sandbox().addFault({ route: 'POST /members/:id/points', kind: 'dropBeforeApply' });
    const r = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: nextTxn(), saleTotal: '3.00' });
    kit.sandbox().clearFaults();
    expect(r).toMatchObject({ ok: true, value: { status: expect.stringMatching(/^(queued|checking)$/) as unknown, row: { kind: 'award' } } });
    if (!r.ok || r.value.row === null) return;
    expect(await kit.call('journalDetail', { id: r.value.row.id })).toMatchObject({ ok: true, value: { row: { id: r.value.row.id }, attempts: [{ n: 1, kind: 'send' }] } });
  });
});
