import { describe, expect, it } from 'vitest';
import { tillIn } from '../testing/translators.ts';
import type { CashierPosSale } from '../../shared/ipc/schemas/pos-link.ts';
import type { SaleStatus } from '../../shared/pos/schemas.ts';
import { avaCard, createFakeBridge, fail, flush, ok, outcome } from '../testing/fake-bridge.ts';
import { createMemberStore } from './member-store.ts';
import type { OutcomeView } from './outcome.ts';
import { createPosSaleStore, isWaiting } from './pos-sale-store.ts';
import type { Timers } from './timers.ts';

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
function manualTimers(start: number) {
  let now = start;
  const pending = new Set<{ at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout(fn, ms) {
      const h = { at: now + ms, fn };
      pending.add(h);
      return h;
    },
    clearTimeout(h) {
      pending.delete(h as { at: number; fn: () => void });
    },
  };
  return {
    timers,
    advance(ms: number) {
      now += ms;
      for (const h of [...pending].sort((a, b) => a.at - b.at)) {
        if (h.at <= now) {
          pending.delete(h);
          h.fn();
        }
      }
    },
  };
}

const T0 = 1_765_000_000_000;

function sale(overrides: Partial<SaleStatus> = {}, receivedAt = T0): CashierPosSale {
  return {
    sale: {
      posTxnId: '90871',
      state: 'waiting-for-member',
      total: '19.99',
      currency: 'USD',
      earnBase: '9.99',
      member: null,
      points: null,
      balanceAfter: null,
      pointsReversed: 0,
      receiptLines: [],
      version: 1,
      updatedAt: new Date(receivedAt).toISOString(),
      ...overrides,
    },
    receivedAt,
    cashierId: null,
  };
}

function setup(options: { autoAward?: boolean; nudgeSeconds?: number } = {}) {
  const fake = createFakeBridge();
  const clock = manualTimers(T0);
  let fetches = 0;
  // Each fetch is a new card (main stamps when it fetched it).
  fake.handle('memberCard', (req) => ok(avaCard({ memberId: (req as { memberId: string }).memberId, fetchedAt: T0 + ++fetches })));
  fake.handle('awardPreview', (req) => {
    const minor = Math.round(Number((req as { saleTotal: string }).saleTotal) * 100);
    return ok({ points: Math.floor(minor / 10), saleTotalMinor: minor, base: minor / 10, multiplier: 1, tierApplied: false, explanation: `${minor} → points` });
  });
  fake.handle('posSaleAward', () => ok(outcome('confirmed', { points: 124 })));
  const member = createMemberStore(fake.bridge);
  const outcomes: OutcomeView[] = [];
  const store = createPosSaleStore({
    bridge: fake.bridge,
    member,
    timers: clock.timers,
    translator: tillIn(),
    autoAward: () => options.autoAward ?? false,
    nudgeSeconds: () => options.nudgeSeconds ?? 45,
    onOutcome: (v) => outcomes.push(v),
  });
  return { fake, clock, member, store, outcomes };
}

describe('POS sale store', () => {
  it('shows the sale still open at start, and a newer sale from the event', async () => {
    const { fake, store } = setup();
    fake.handle('posSaleCurrent', () => ok(sale()));
    await store.getState().load();
    expect(store.getState().current?.sale.posTxnId).toBe('90871');
    expect(isWaiting(store.getState())).toBe(true);

    fake.emit('posSale', sale({ posTxnId: '90872', total: '5.00', earnBase: '5.00' }));
    // The store listens through the runtime; here the event is applied as the runtime does.
    store.getState().apply(sale({ posTxnId: '90872', total: '5.00', earnBase: '5.00' }));
    expect(store.getState().current?.sale.posTxnId).toBe('90872');
  });

  it('keeps the newest status of the sale on screen and ignores other sales that are not new', async () => {
    const { fake, store } = setup();
    // At start the open sale is shown even when its points are already on their way.
    fake.handle('posSaleCurrent', () => ok(sale({ version: 3, state: 'pending' })));
    await store.getState().load();
    // A later status of a sale not on screen that is not waiting (say, another sale's return): ignored.
    store.getState().apply(sale({ posTxnId: '777', state: 'awarded', version: 9 }));
    expect(store.getState().current?.sale.posTxnId).toBe('90871');
    // A late, older status of the same sale never replaces the newer one.
    store.getState().apply(sale({ version: 2, state: 'waiting-for-member' }));
    expect(store.getState().current?.sale.state).toBe('pending');
    store.getState().apply(sale({ version: 4, state: 'awarded', receiptLines: ['Points earned: 124'] }));
    expect(store.getState().current?.sale.receiptLines).toEqual(['Points earned: 124']);
  });

  it('awards nothing before the card is shown, then previews the earning part and awards the sale to the member on the card', async () => {
    const { fake, member, store, outcomes } = setup();
    store.getState().apply(sale());
    await store.getState().award();
    expect(fake.callsTo('posSaleAward')).toHaveLength(0);
    expect(store.getState().error).toMatch(/scan the member card/i);

    await member.getState().load('mb_ava_chen');
    await flush();
    expect(fake.callsTo('awardPreview')).toEqual([{ memberId: 'mb_ava_chen', saleTotal: '9.99' }]);
    expect(store.getState().preview).toMatchObject({ memberId: 'mb_ava_chen', phase: 'ready', value: { points: 99 } });

    await store.getState().award();
    expect(fake.callsTo('posSaleAward')).toEqual([{ posTxnId: '90871', memberId: 'mb_ava_chen' }]);
    expect(store.getState().outcome).toMatchObject({ status: 'confirmed', posTxnId: '90871', memberName: 'Ava Chen' });
    expect(outcomes.map((o) => o.status)).toEqual(['confirmed']);
  });

  it('without the auto-award option, a loaded card does not award by itself', async () => {
    const { fake, member, store } = setup({ autoAward: false });
    store.getState().apply(sale());
    await member.getState().load('mb_ava_chen');
    await flush();
    expect(fake.callsTo('posSaleAward')).toHaveLength(0);
  });

  it('with "award as soon as the card is shown", the card alone awards it, once', async () => {
    const { fake, member, store } = setup({ autoAward: true });
    store.getState().apply(sale());
    await member.getState().load('mb_ava_chen');
    await flush();
    expect(fake.callsTo('posSaleAward')).toEqual([{ posTxnId: '90871', memberId: 'mb_ava_chen' }]);
    // Reloading the card is not a second "card shown" for this sale.
    await member.getState().refresh();
    await flush();
    expect(fake.callsTo('posSaleAward')).toHaveLength(1);
  });

  it('a reloaded card (its tier may have changed) gets its own preview', async () => {
    const { fake, member, store } = setup();
    store.getState().apply(sale());
    await member.getState().load('mb_ava_chen');
    await flush();
    expect(fake.callsTo('awardPreview')).toHaveLength(1);
    await member.getState().refresh();
    await flush();
    expect(fake.callsTo('awardPreview')).toHaveLength(2);
    expect(store.getState().preview?.phase).toBe('ready');
  });

  it('auto-award never gives the next sale to the card left on screen from the last one: the card is scanned again first', async () => {
    const { fake, member, store } = setup({ autoAward: true });
    store.getState().apply(sale());
    await member.getState().load('mb_ava_chen');
    await flush();
    expect(fake.callsTo('posSaleAward')).toHaveLength(1);
    store.getState().apply(sale({ posTxnId: '90872', version: 1 }));
    await flush();
    expect(fake.callsTo('posSaleAward')).toHaveLength(1);
    expect(store.getState().preview?.phase).toBe('ready'); // the cashier can still confirm by hand
    await member.getState().load('mb_ava_chen'); // scanned again for this sale
    await flush();
    expect(fake.callsTo('posSaleAward')).toEqual([
      { posTxnId: '90871', memberId: 'mb_ava_chen' },
      { posTxnId: '90872', memberId: 'mb_ava_chen' },
    ]);
  });

  it('an outdated card is reloaded and the cashier told, with nothing awarded', async () => {
    const { fake, member, store } = setup();
    fake.handle('posSaleAward', () => fail('CARD_NOT_SHOWN', 'The member card must be shown again before awarding.'));
    store.getState().apply(sale());
    await member.getState().load('mb_ava_chen');
    await flush();
    const cardsBefore = fake.callsTo('memberCard').length;
    await store.getState().award();
    await flush();
    expect(store.getState().outcome).toBeNull();
    expect(store.getState().error).not.toBeNull();
    expect(fake.callsTo('memberCard').length).toBe(cardsBefore + 1);
  });

  it('nudges when the sale waits past the set time without a member, and stops once the card is shown', async () => {
    const { clock, member, store } = setup({ nudgeSeconds: 30 });
    store.getState().apply(sale());
    clock.advance(29_000);
    expect(store.getState().nudge).toBe(false);
    clock.advance(1_000);
    expect(store.getState().nudge).toBe(true);
    await member.getState().load('mb_ava_chen');
    await flush();
    expect(store.getState().nudge).toBe(false);
  });

  it('a sale that arrived longer ago than the nudge time (the till restarted) nudges at once', () => {
    const { store } = setup({ nudgeSeconds: 10 });
    store.getState().apply(sale({}, T0 - 60_000));
    expect(store.getState().nudge).toBe(true);
  });

  it('Done takes a finished sale off the screen, never a waiting one', () => {
    const { store } = setup();
    store.getState().apply(sale());
    store.getState().dismiss();
    expect(store.getState().current).not.toBeNull();
    store.getState().apply(sale({ state: 'cancelled', version: 2 }));
    store.getState().dismiss();
    expect(store.getState().current).toBeNull();
  });

  it('reads a receipt code through main: both fields, or why not', async () => {
    const { fake, store } = setup();
    fake.handle('posReceiptCode', (req) => ok((req as { code: string }).code === 'SALE-90871-19.99' ? { posTxnId: '90871', total: '19.99' } : null));
    expect(await store.getState().readReceiptCode('SALE-90871-19.99')).toEqual({ ok: true, posTxnId: '90871', total: '19.99' });
    const miss = await store.getState().readReceiptCode('SALE-x');
    expect(miss.ok).toBe(false);
    expect(miss.ok ? '' : miss.message).toMatch(/does not match the receipt-code format/);
    fake.handle('posReceiptCode', () => fail('INVALID_STATE', 'No receipt-code format is set: a manager sets one in Settings → POS link.'));
    const unset = await store.getState().readReceiptCode('SALE-90871-19.99');
    expect(unset.ok).toBe(false);
  });
});
