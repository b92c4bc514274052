import { describe, expect, it } from 'vitest';
import type { SaleSummary } from '../../shared/ipc/schemas/till.ts';
import { blockerText, createReturnStore, estimateReturn, returnedSoFar } from './return-store.ts';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { createRowFollower } from './row-follower.ts';
import { realTimers } from './timers.ts';
import { createFakeBridge, fail, ok, outcome, row } from '../testing/fake-bridge.ts';

function summary(overrides: Partial<SaleSummary> = {}): SaleSummary {
  return {
    found: true,
    posTxnId: 'T-1001',
    award: row(),
    awarded: 120,
    clawedBack: 30,
    pendingClawback: 10,
    reversible: 80,
    saleTotalMinor: 6000,
    clawbacks: [],
    redemptions: [],
    blocker: null,
    ...overrides,
  };
}

function setup() {
  const fake = createFakeBridge();
  const store = createReturnStore({ bridge: fake.bridge, follower: createRowFollower(fake.bridge, realTimers), timers: realTimers, rounding: () => 'floor' });
  return { fake, store };
}

describe('return estimate', () => {
  it('says why in the cashier’s language: more than the sale, or a sale main cannot return', () => {
    const de = createTranslator('de');
    const german = { translator: () => de, currency: () => 'EUR' };
    expect(estimateReturn(summary(), 'proportional', '61', '', 'floor', german)).toEqual({ ok: false, message: 'Der Rückgabebetrag ist höher als der Verkaufsbetrag.' });
    const blocked = summary({ blocker: 'All 120 points of sale T-1001 have already been taken back.', blockerLocalized: { messageId: 'write.outcome.nothingLeft', values: { sale: 'T-1001' } } });
    expect(blockerText(blocked, de)).toBe(de.t('write.outcome.nothingLeft', { sale: 'T-1001' }));
    expect(blockerText(blocked, de)).not.toBe(blocked.blocker);
    expect(blockerText({ blocker: 'Old main, English only.' }, de)).toBe('Old main, English only.');
  });

  it('counts pending clawbacks as returned', () => {
    expect(returnedSoFar(summary())).toBe(40);
  });

  it('is proportional to the returned amount, capped at what is reversible', () => {
    // 120 awarded for 60.00; returning 20.00 → 40 points.
    expect(estimateReturn(summary(), 'proportional', '20.00', '', 'floor')).toEqual({ ok: true, points: 40, capped: false, remainingAfter: 40 });
    // Returning everything takes back only the 80 still reversible.
    expect(estimateReturn(summary(), 'proportional', '60', '', 'floor')).toEqual({ ok: true, points: 80, capped: true, remainingAfter: 0 });
    expect(estimateReturn(summary(), 'proportional', '61', '', 'floor')).toMatchObject({ ok: false });
  });

  it('caps points mode and refuses non-numbers', () => {
    expect(estimateReturn(summary(), 'points', '', '100', 'floor')).toEqual({ ok: true, points: 80, capped: true, remainingAfter: 0 });
    expect(estimateReturn(summary(), 'points', '', '25', 'floor')).toEqual({ ok: true, points: 25, capped: false, remainingAfter: 55 });
    expect(estimateReturn(summary(), 'points', '', '2.5', 'floor')).toMatchObject({ ok: false });
    expect(estimateReturn(summary({ blocker: 'Never confirmed' }), 'points', '', '5', 'floor')).toBeNull();
  });
});

describe('return store', () => {
  it('finds the sale, then takes back the proportional share', async () => {
    const { fake, store } = setup();
    fake.handle('saleLookup', () => ok(summary()));
    fake.handle('saleReturn', () => ok(outcome('confirmed', { points: -40, balance: 5000, row: row({ id: 9, kind: 'clawback', amount: -40, state: 'confirmed' }) })));
    store.getState().setField('txnId', 'T-1001');
    await store.getState().lookup();
    expect(store.getState()).toMatchObject({ lookupPhase: 'done', foundSeq: 1 });
    store.getState().setField('returnId', 'R-55');
    store.getState().setField('amount', '20');
    await store.getState().submit();
    expect(fake.callsTo('saleReturn')).toEqual([{ posTxnId: 'T-1001', returnId: 'R-55', mode: 'proportional', returnedAmount: '20.00' }]);
    expect(store.getState().outcome).toMatchObject({ kind: 'return', status: 'confirmed', returnId: 'R-55', posTxnId: 'T-1001' });
  });

  it('"whole sale" fills the sale total', async () => {
    const { fake, store } = setup();
    fake.handle('saleLookup', () => ok(summary()));
    store.getState().setField('txnId', 'T-1001');
    await store.getState().lookup();
    store.getState().returnEverything();
    expect(store.getState()).toMatchObject({ mode: 'proportional', amount: '60.00' });
  });

  it('sends points mode capped at what is reversible', async () => {
    const { fake, store } = setup();
    fake.handle('saleLookup', () => ok(summary()));
    fake.handle('saleReturn', () => ok(outcome('queued')));
    store.getState().setField('txnId', 'T-1001');
    await store.getState().lookup();
    store.getState().setMode('points');
    store.getState().setField('returnId', 'R-1');
    store.getState().setField('points', '500');
    await store.getState().submit();
    expect(fake.callsTo('saleReturn')).toEqual([{ posTxnId: 'T-1001', returnId: 'R-1', mode: 'points', points: 80 }]);
  });

  it('explains a sale that is not found or cannot be returned', async () => {
    const { fake, store } = setup();
    fake.handle('saleLookup', () => fail('SALE_NOT_FOUND', 'not found'));
    store.getState().setField('txnId', 'T-9');
    await store.getState().lookup();
    expect(store.getState().errors.txnId).toMatch(/No sale T-9/);
    fake.handle('saleLookup', () => ok(summary({ blocker: 'This sale’s award was never confirmed.' })));
    await store.getState().lookup();
    store.getState().setField('returnId', 'R-1');
    store.getState().setField('amount', '1');
    await store.getState().submit();
    expect(store.getState().errors.form).toMatch(/never confirmed/);
    expect(fake.callsTo('saleReturn')).toHaveLength(0);
  });

  it('asks for the return id and amount', async () => {
    const { fake, store } = setup();
    fake.handle('saleLookup', () => ok(summary()));
    store.getState().setField('txnId', 'T-1001');
    await store.getState().lookup();
    await store.getState().submit();
    expect(store.getState().errors.returnId).toMatch(/return/);
    expect(store.getState().errors.amount).toMatch(/amount/);
  });

  it('changing the sale id forgets the summary', async () => {
    const { fake, store } = setup();
    fake.handle('saleLookup', () => ok(summary()));
    store.getState().setField('txnId', 'T-1001');
    await store.getState().lookup();
    store.getState().setField('txnId', 'T-1002');
    expect(store.getState().summary).toBeNull();
  });
});
