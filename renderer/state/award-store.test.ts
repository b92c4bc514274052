import { createTranslator } from '../../shared/i18n/translator.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwardStore, openSaleTxnId, validateTotal, validateTxnId } from './award-store.ts';
import { createMemberStore } from './member-store.ts';
import { createRowFollower } from './row-follower.ts';
import { realTimers } from './timers.ts';
import { avaCard, createFakeBridge, fail, flush, ok, outcome, row } from '../testing/fake-bridge.ts';
import type { OutcomeView } from './outcome.ts';

function setup() {
  const fake = createFakeBridge();
  fake.handle('memberCard', (req) => ok(avaCard({ memberId: (req as { memberId: string }).memberId })));
  fake.handle('awardPreview', () => ok({ points: 249, saleTotalMinor: 1999, base: 199.9, multiplier: 1.25, tierApplied: true, explanation: '19.99 × 10 pts × 1.25 (Silver) = 249 pts' }));
  const member = createMemberStore(fake.bridge);
  const follower = createRowFollower(fake.bridge, realTimers);
  const outcomes: OutcomeView[] = [];
  const award = createAwardStore({ bridge: fake.bridge, member, follower, timers: realTimers, onOutcome: (v) => outcomes.push(v) });
  return { fake, member, award, follower, outcomes };
}

describe('award store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is blocked until the member card is loaded', async () => {
    const { award, fake } = setup();
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    await award.getState().submit();
    expect(fake.callsTo('awardSubmit')).toHaveLength(0);
    expect(award.getState().errors.form).toMatch(/scan the member card/i);
  });

  it('validates the transaction id and total before asking main', async () => {
    const { award, member, fake } = setup();
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T 1001');
    award.getState().setTotal('19.999');
    await award.getState().submit();
    expect(award.getState().errors.txnId).toMatch(/letters, digits/);
    expect(award.getState().errors.total).toMatch(/decimal|cents|2/i);
    expect(fake.callsTo('awardSubmit')).toHaveLength(0);
  });

  it('⏎ during a typed-ahead preview waits for it instead of starting a second one', async () => {
    const { award, member, fake } = setup();
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    const typedAhead = award.getState().requestPreview();
    const enter = award.getState().requestPreview();
    expect(await Promise.all([typedAhead, enter])).toEqual([true, true]);
    expect(fake.callsTo('awardPreview')).toHaveLength(1);
  });

  it('previews, then submits once and locks the sale on confirmed', async () => {
    const { award, member, fake, outcomes } = setup();
    fake.handle('awardSubmit', () => ok(outcome('confirmed')));
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId(' T-1001 ');
    award.getState().setTotal('19.99');
    expect(await award.getState().requestPreview()).toBe(true);
    expect(award.getState().preview).toMatchObject({ phase: 'ready', value: { points: 249 } });
    await award.getState().submit();
    expect(fake.callsTo('awardSubmit')).toEqual([{ memberId: 'mb_ava_chen', posTxnId: 'T-1001', saleTotal: '19.99' }]);
    expect(award.getState().banner).toMatchObject({ status: 'confirmed', balance: 5199, memberName: 'Ava Chen', posTxnId: 'T-1001' });
    expect(award.getState().saleOutcomeKey).not.toBeNull();
    expect(outcomes.map((o) => o.status)).toEqual(['confirmed']);
    // Locked: a second submit (double Enter) sends nothing.
    await award.getState().submit();
    award.getState().setTotal('99');
    expect(award.getState().total).toBe('19.99');
    expect(fake.callsTo('awardSubmit')).toHaveLength(1);
    award.getState().newSale();
    expect(award.getState()).toMatchObject({ txnId: '', total: '', saleOutcomeKey: null });
    expect(award.getState().banner?.status).toBe('confirmed');
  });

  it('drops a stale preview when the total changes', async () => {
    const { award, member } = setup();
    await member.getState().load('mb_ava_chen');
    award.getState().setTotal('19.99');
    await award.getState().requestPreview();
    award.getState().setTotal('20');
    expect(award.getState().preview.phase).toBe('none');
  });

  it('follows a checking outcome until the journal row is final', async () => {
    const { award, member, fake, outcomes } = setup();
    fake.handle('awardSubmit', () => ok(outcome('checking')));
    let state: 'verifying' | 'confirmed' = 'verifying';
    fake.handle('journalDetail', () => ok({ row: row({ state, balance: state === 'confirmed' ? 5199 : null }), attempts: [], history: [], children: [], actions: { verify: false, resend: false, resolve: false, requeue: false } }));
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    await award.getState().submit();
    expect(award.getState().banner?.status).toBe('checking');
    expect(award.getState().saleOutcomeKey).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1_600);
    expect(fake.callsTo('journalDetail').length).toBeGreaterThanOrEqual(1);
    expect(award.getState().banner?.status).toBe('checking');
    state = 'confirmed';
    await vi.advanceTimersByTimeAsync(5_000);
    expect(award.getState().banner).toMatchObject({ status: 'confirmed', balance: 5199 });
    expect(outcomes.map((o) => o.status)).toEqual(['checking', 'confirmed']);
    const reads = fake.callsTo('journalDetail').length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.callsTo('journalDetail').length).toBe(reads); // stopped once final
  });

  it('re-reads a followed row at once on journalChanged', async () => {
    const { award, member, fake, follower } = setup();
    fake.handle('awardSubmit', () => ok(outcome('queued')));
    fake.handle('journalDetail', () => ok({ row: row({ state: 'confirmed' }), attempts: [], history: [], children: [], actions: { verify: false, resend: false, resolve: false, requeue: false } }));
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    await award.getState().submit();
    expect(award.getState().banner?.status).toBe('queued');
    follower.changed(['7']);
    await flush(20);
    expect(award.getState().banner?.status).toBe('confirmed');
  });

  it('keeps the outcome when the next member is scanned while the award is in flight', async () => {
    const { award, member, fake } = setup();
    let release: (v: unknown) => void = () => undefined;
    fake.handle('awardSubmit', () => new Promise((resolve) => (release = resolve)));
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    const pending = award.getState().submit();
    await flush(20);
    expect(award.getState().submitting).toBe(true);
    // Next customer.
    award.getState().memberChanged();
    fake.handle('memberCard', () => ok(avaCard({ memberId: 'mb_marcus_webb', member: { ok: true, value: { id: 'mb_marcus_webb', name: 'Marcus Webb', status: 'active', joinedAt: '2022-01-01T00:00:00Z' } } })));
    await member.getState().load('mb_marcus_webb');
    release(ok(outcome('confirmed')));
    await pending;
    expect(award.getState().banner).toMatchObject({ status: 'confirmed', memberName: 'Ava Chen', posTxnId: 'T-1001' });
    expect(award.getState().recent[0]?.memberName).toBe('Ava Chen');
    // The new member's form is not locked by the old sale.
    expect(award.getState().saleOutcomeKey).toBeNull();
  });

  it('does not lock the form on a rejection, so the cashier can correct it', async () => {
    const { award, member, fake } = setup();
    fake.handle('awardSubmit', () => ok(outcome('rejected', { message: 'Member is suspended', row: null })));
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    await award.getState().submit();
    expect(award.getState().banner).toMatchObject({ status: 'rejected', message: 'Member is suspended' });
    expect(award.getState().saleOutcomeKey).toBeNull();
  });

  it('reloads the card when main says it was not shown recently', async () => {
    const { award, member, fake } = setup();
    fake.handle('awardSubmit', () => fail('CARD_NOT_SHOWN', 'Show the card first.'));
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    await award.getState().submit();
    await flush(20);
    expect(award.getState().errors.form).toMatch(/reloaded/);
    expect(fake.callsTo('memberCard')).toHaveLength(2);
  });

  it('puts a field error from main next to its field', async () => {
    const { award, member, fake } = setup();
    fake.handle('awardSubmit', () => fail('INVALID_PAYLOAD', 'bad', [{ path: ['posTxnId'], message: 'must be 1–64 letters, digits, _ or -' }]));
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1001');
    award.getState().setTotal('19.99');
    await award.getState().submit();
    expect(award.getState().errors.txnId).toBe('Transaction id: must be 1–64 letters, digits, _ or -');
  });

  it('refuses while writes are stopped', async () => {
    const fake = createFakeBridge();
    fake.handle('memberCard', () => ok(avaCard()));
    const member = createMemberStore(fake.bridge);
    const award = createAwardStore({ bridge: fake.bridge, member, follower: createRowFollower(fake.bridge, realTimers), timers: realTimers, writesStopped: () => 'The journal cannot be read.' });
    await member.getState().load('mb_ava_chen');
    award.getState().setTxnId('T-1');
    award.getState().setTotal('1');
    await award.getState().submit();
    expect(award.getState().errors.form).toBe('The journal cannot be read.');
    expect(fake.callsTo('awardSubmit')).toHaveLength(0);
  });
});

describe('award helpers', () => {
  it('validates ids and totals in the cashier’s words', () => {
    expect(validateTxnId('')).toMatch(/Enter or scan/);
    expect(validateTxnId('T-1001')).toBeNull();
    expect(validateTxnId('a/b')).toMatch(/letters/);
    const empty = validateTotal('');
    expect(empty.ok ? '' : empty.message).toMatch(/Enter the sale total/);
    const zero = validateTotal('0');
    expect(zero.ok ? '' : zero.message).toMatch(/zero/);
    expect(validateTotal('12.50')).toEqual({ ok: true, machine: '12.50' });
    expect(validateTotal('-3').ok).toBe(false);
  });

  it('reads the total the local way and says why not in the cashier’s language', () => {
    const de = { translator: () => createTranslator('de'), currency: () => 'EUR' };
    expect(validateTotal('19,99', de)).toEqual({ ok: true, machine: '19.99' });
    expect(validateTotal('1.234,50', de)).toEqual({ ok: true, machine: '1234.50' });
    const ambiguous = validateTotal('1,234', de);
    expect(ambiguous.ok).toBe(false);
    expect(ambiguous.ok ? '' : ambiguous.message).toContain('1,234');
    expect(ambiguous.ok ? '' : ambiguous.message).not.toMatch(/can be read/);
    const jp = { translator: () => createTranslator('en'), currency: () => 'JPY' };
    expect(validateTotal('¥1,980', jp)).toEqual({ ok: true, machine: '1980' });
    expect(validateTotal('19.5', jp).ok).toBe(false);
  });

  it('links coupons to the open sale only when a card is loaded and the id is valid', () => {
    expect(openSaleTxnId({ txnId: 'T-1' }, { phase: 'loaded' })).toBe('T-1');
    expect(openSaleTxnId({ txnId: 'T-1' }, { phase: 'idle' })).toBeNull();
    expect(openSaleTxnId({ txnId: '' }, { phase: 'loaded' })).toBeNull();
    expect(openSaleTxnId({ txnId: 'T 1' }, { phase: 'loaded' })).toBeNull();
  });
});
