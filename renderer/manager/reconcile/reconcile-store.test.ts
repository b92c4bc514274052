import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import type { ReconcileReport, TillStatus } from '../../../shared/ipc/schemas/till.ts';
import type { TillEventPayload } from '../../../shared/ipc/bridge-types.ts';
import { createFakeBridge, fail, flush, ok, outcome, row } from '../../testing/fake-bridge.ts';
import { createTranslator, englishText } from '../../../shared/i18n/translator.ts';
import { createAdjustConfirmStore } from '../adjust/adjust-confirm-store.ts';
import { createRowBus } from '../row-bus.ts';
import { compensationContext, createReconcileStore, dupKey, reconcileDay } from './reconcile-store.ts';
import { compensationRef } from './summary.ts';

const DUP = { memberId: 'mb_ava_chen', token: 'SH-T-1001', description: 'Sale T-1001', amount: 249, journalId: 7, serverTxnIds: ['tx_1', 'tx_2'], at: 1_760_000_000_000, extraPoints: 249 };

/** The sale T-1001 (249 points) landed three times on SocialHub: 498 too many. */
const DUP3 = { memberId: 'mb_ava_chen', token: 'SH-T-1001', description: 'Sale T-1001', amount: 249, journalId: 7, serverTxnIds: ['tx_1', 'tx_2', 'tx_3'], at: 1_760_000_000_000, extraPoints: 498 };

function report(overrides: Partial<ReconcileReport> = {}): ReconcileReport {
  return {
    date: '2026-03-14',
    generatedAt: 1_760_000_000_000,
    matched: [],
    missingOnServer: [],
    duplicatedOnServer: [DUP],
    unexpectedOnServer: [],
    totals: { journalPoints: 249, serverPoints: 498, matched: 0, missing: 0, duplicated: 1, unexpected: 0 },
    incomplete: [],
    ...overrides,
  };
}

/** What `status:get` answers: main names today's business day (the journal's zone and day start). */
const statusOn = (businessDate: string): TillStatus => ({
  mode: 'sandbox',
  online: true,
  onlineSince: 1,
  detail: null,
  queue: { counts: { queued: 0, sending: 0, unknown: 0, verifying: 0, 'needs-attention': 0 }, unfinished: 0, oldestUnfinishedAt: null },
  storeId: 'st_1',
  tillId: 'till_1',
  writesStopped: null,
  businessDate,
});

function setup(translator = tillIn()) {
  const fake = createFakeBridge();
  const bus = createRowBus();
  const saved: string[] = [];
  const confirm = createAdjustConfirmStore({ bridge: fake.bridge, rows: bus, translator: tillIn() });
  const reconcile = createReconcileStore({
    bridge: fake.bridge,
    confirm,
    translator,
    saveCsv: (f) => {
      saved.push(f.filename);
      return f.filename;
    },
  });
  fake.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
  fake.handle('statusGet', () => ok(statusOn('2026-03-13')));
  return { fake, reconcile, confirm, saved };
}

describe('reconciliation store', () => {
  it('runs for the current business day by default, following progress for that day only', async () => {
    const { fake, reconcile } = setup();
    let answer: (v: unknown) => void = () => undefined;
    fake.handle('reconcileRun', () => new Promise((resolve) => (answer = resolve)));
    const running = reconcile.getState().run();
    expect(reconcile.getState().running).toBe(true);
    await flush(); // main named the day and the run is out
    const progress = (p: TillEventPayload<'reconcileProgress'>) => fake.emit('reconcileProgress', p);
    progress({ date: '2026-03-12', phase: 'ledger', done: 1, total: 9, etaMs: null });
    expect(reconcile.getState().progress).toBeNull();
    progress({ date: '2026-03-13', phase: 'ledger', done: 3, total: 9, etaMs: 1200 });
    expect(reconcile.getState().progress).toMatchObject({ done: 3, total: 9 });
    answer(ok(report({ date: '2026-03-13' })));
    await running;
    await flush();
    expect(fake.callsTo('reconcileRun')).toEqual([{ date: '2026-03-13' }]);
    expect(reconcile.getState()).toMatchObject({ running: false, error: null, report: { date: '2026-03-13' } });
    // Progress after the run is not for this screen any more.
    progress({ date: '2026-03-13', phase: 'done', done: 9, total: 9, etaMs: null });
    expect(reconcile.getState().progress).toMatchObject({ done: 3 });
  });

  it('refuses a day that is not a calendar date and reports a failed run in words', async () => {
    const { fake, reconcile } = setup();
    reconcile.getState().setDate('2026-13-40');
    await reconcile.getState().run();
    expect(reconcile.getState().dateError).toBe('Choose a day.');
    expect(fake.callsTo('reconcileRun')).toHaveLength(0);
    reconcile.getState().setDate('2026-03-10');
    fake.handle('reconcileRun', () => fail('API_UNAVAILABLE', 'SocialHub cannot be reached.'));
    await reconcile.getState().run();
    expect(reconcile.getState()).toMatchObject({ running: false, dateError: null, error: 'SocialHub cannot be reached.', report: null });
  });

  it('finds earlier compensations, warns before another, and records the one sent', async () => {
    const { fake, reconcile, confirm } = setup();
    const earlier = row({ id: 55, kind: 'adjustment', memberId: DUP.memberId, reasonCode: 'DUPLICATE_FIX', note: `Duplicate on SocialHub: ${DUP.token}`, state: 'confirmed', amount: -249 });
    fake.handle('journalList', () => ok({ rows: [earlier, row({ id: 56, kind: 'adjustment', memberId: DUP.memberId, reasonCode: 'GOODWILL', note: 'x' })], next: null, total: 2 }));
    fake.handle('reconcileRun', () => ok(report()));
    fake.handle('adjustmentSubmit', () => ok(outcome('confirmed', { row: row({ id: 60, kind: 'adjustment' }), message: 'Sent.' })));
    reconcile.getState().setDate('2026-03-14');
    await reconcile.getState().run();
    await flush();
    expect(fake.callsTo('journalList')).toEqual([{ filter: { kinds: ['adjustment'], search: DUP.memberId }, limit: 200 }]);
    expect(reconcile.getState().earlier.get(dupKey(DUP))?.map((r) => r.id)).toEqual([55]);

    await reconcile.getState().compensate(DUP);
    const open = confirm.getState().open;
    expect(open).toMatchObject({ owner: 'reconcile', noteEditable: true, request: { memberId: DUP.memberId, points: -249, reasonCode: 'DUPLICATE_FIX' } });
    expect(open?.context).toMatch(/^Warning: an adjustment for this duplicate already exists \(#55/);
    await confirm.getState().submit();
    expect(fake.callsTo('adjustmentSubmit')).toHaveLength(1);
    expect(reconcile.getState().compensated.get(dupKey(DUP))).toBe('#60: Sent.');
  });

  it('sends a compensation under the same reference on every press, console and restart, past only refused ones', async () => {
    // The first 8 bytes of sha256('mb_ava_chen|SH-T-1001') and the two copies: the reference depends on nothing else.
    const base = 'dupfix-20260314-e43236fb81b38345-c2';
    const sentRefs: unknown[] = [];
    for (const earlierRows of [[], [], [row({ id: 70, kind: 'adjustment', memberId: DUP.memberId, ref: `adj-${base}`, state: 'confirmed', amount: -249, note: 'edited, no token' })]]) {
      // A fresh store each time stands for another console or a restarted till.
      const { fake, reconcile, confirm } = setup();
      fake.handle('journalList', () => ok({ rows: earlierRows, next: null, total: earlierRows.length }));
      fake.handle('reconcileRun', () => ok(report()));
      fake.handle('adjustmentSubmit', () => ok(outcome('duplicate', { row: row({ id: 70, kind: 'adjustment' }) })));
      reconcile.getState().setDate('2026-03-14');
      await reconcile.getState().run();
      await flush();
      // Pressed twice on this console.
      for (let press = 0; press < 2; press++) {
        await reconcile.getState().compensate(DUP);
        await confirm.getState().submit();
        confirm.getState().close();
      }
      sentRefs.push(...fake.callsTo('adjustmentSubmit').map((c) => (c as { ref: string }).ref));
      // An earlier one under the reference is found even when its note was edited, and another is not offered.
      expect(reconcile.getState().earlier.get(dupKey(DUP))?.map((r) => r.id)).toEqual(earlierRows.length > 0 ? [70] : undefined);
      expect(reconcile.getState().recorded.has(dupKey(DUP))).toBe(earlierRows.length > 0);
    }
    expect(sentRefs).toEqual(Array.from({ length: 6 }, () => base));

    // SocialHub refused the one sent: nothing was taken back, so the next one is a new compensation.
    const { fake, reconcile, confirm } = setup();
    fake.handle('journalList', () => ok({ rows: [row({ id: 71, kind: 'adjustment', memberId: DUP.memberId, ref: `adj-${base}`, state: 'rejected' })], next: null, total: 1 }));
    fake.handle('reconcileRun', () => ok(report()));
    reconcile.getState().setDate('2026-03-14');
    await reconcile.getState().run();
    await flush();
    expect(reconcile.getState().recorded.has(dupKey(DUP))).toBe(false);
    await reconcile.getState().compensate(DUP);
    expect(confirm.getState().open?.request.ref).toBe(`${base}-r1`);
  });

  it("records the compensation's outcome in the console language", async () => {
    const { fake, reconcile, confirm } = setup(() => createTranslator('de'));
    fake.handle('reconcileRun', () => ok(report()));
    fake.handle('adjustmentSubmit', () =>
      ok(outcome('confirmed', { row: row({ id: 61, kind: 'adjustment' }), message: 'Adjusted by -249 points.', localized: { messageId: 'write.outcome.confirmed', values: { kind: 'adjustment', points: -249 } } })),
    );
    reconcile.getState().setDate('2026-03-14');
    await reconcile.getState().run();
    await flush();
    await reconcile.getState().compensate(DUP);
    await confirm.getState().submit();
    expect(reconcile.getState().compensated.get(dupKey(DUP))).toBe('#61: Um -249 Punkte angepasst.');
  });

  it('still offers, for a duplicate that grew after it was compensated, to take back what the first compensation did not, under a reference not yet used', async () => {
    // An earlier run saw two copies (249 too many) and took back 249 under the duplicate's reference.
    const base = await compensationRef(DUP3, '2026-03-14');
    const first = row({ id: 70, kind: 'adjustment', memberId: DUP3.memberId, ref: `adj-${base}`, state: 'confirmed', amount: -249, reasonCode: 'DUPLICATE_FIX' });
    const fake = createFakeBridge();
    const confirm = createAdjustConfirmStore({ bridge: fake.bridge, rows: createRowBus(), translator: tillIn() });
    const reconcile = createReconcileStore({ bridge: fake.bridge, confirm, translator: tillIn(), saveCsv: (f) => f.filename });
    fake.handle('journalList', () => ok({ rows: [first], next: null, total: 1 }));
    fake.handle('reconcileRun', () => ok(report({ duplicatedOnServer: [DUP3], totals: { journalPoints: 249, serverPoints: 747, matched: 0, missing: 0, duplicated: 1, unexpected: 0 } })));
    reconcile.getState().setDate('2026-03-14');
    await reconcile.getState().run();
    await flush();

    // 249 of the 498 are still over-awarded: the compensation must stay on offer…
    expect(reconcile.getState().recorded.has(dupKey(DUP3))).toBe(false);
    // …and be sent under a reference main has not recorded (base would come back `duplicate`, nothing taken back).
    await reconcile.getState().compensate(DUP3);
    expect(confirm.getState().open?.request).toMatchObject({ ref: `${base}-r1`, points: -249 });
  });

  it('takes today from main, not from this screen’s clock, and asks again at each run (the day may have turned)', async () => {
    const { fake, reconcile } = setup();
    // Main keys the journal in a zone already on the 15th while this screen's clock may say the 14th.
    let today = '2026-03-15';
    fake.handle('statusGet', () => ok(statusOn(today)));
    fake.handle('reconcileRun', (r) => ok(report({ date: (r as { date: string }).date })));
    await reconcile.getState().loadToday();
    expect(reconcileDay(reconcile.getState().date, reconcile.getState().today)).toBe('2026-03-15');
    await reconcile.getState().run();
    today = '2026-03-16';
    await reconcile.getState().run();
    expect(fake.callsTo('reconcileRun')).toEqual([{ date: '2026-03-15' }, { date: '2026-03-16' }]);
  });

  it('runs nothing when main cannot say which day it is, and says why rather than "choose a day"', async () => {
    const { fake, reconcile } = setup();
    fake.handle('statusGet', () => fail('INTERNAL', 'down'));
    await reconcile.getState().run();
    expect(fake.callsTo('reconcileRun')).toEqual([]);
    const state = reconcile.getState();
    expect(state).toMatchObject({ running: false, today: null, dateError: null });
    expect(state.error).toEqual(expect.any(String));
    expect(state.error).not.toBe('Choose a day.');
    // A day the manager chose needs no answer from main.
    reconcile.getState().setDate('2026-03-10');
    fake.handle('reconcileRun', () => ok(report({ date: '2026-03-10' })));
    await reconcile.getState().run();
    expect(fake.callsTo('reconcileRun')).toEqual([{ date: '2026-03-10' }]);
  });

  it('exports the day of the report', async () => {
    const { fake, reconcile, saved } = setup();
    fake.handle('reconcileExport', () => ok({ filename: 'reconcile-2026-03-13.csv', csv: 'x\n', rows: 4 }));
    await reconcile.getState().exportCsv();
    expect(fake.callsTo('reconcileExport')).toEqual([{ date: '2026-03-13' }]);
    expect(saved).toEqual(['reconcile-2026-03-13.csv']);
  });

  it('exports the report on screen when main cannot say today’s date at the press', async () => {
    const { fake, reconcile, saved } = setup();
    fake.handle('reconcileRun', () => ok(report({ date: '2026-03-13' })));
    fake.handle('reconcileExport', () => ok({ filename: 'reconcile-2026-03-13.csv', csv: 'x\n', rows: 4 }));
    await reconcile.getState().run();
    await flush();
    expect(reconcile.getState().report).toMatchObject({ date: '2026-03-13' });
    // The export is of the report's day, known already: a failed status:get must not refuse it.
    fake.handle('statusGet', () => fail('INTERNAL', 'down'));
    await reconcile.getState().exportCsv();
    expect(fake.callsTo('reconcileExport')).toEqual([{ date: '2026-03-13' }]);
    expect(saved).toEqual(['reconcile-2026-03-13.csv']);
    expect(reconcile.getState()).toMatchObject({ exporting: false, dateError: null });
  });

  it('keeps the day of the latest status answer when an earlier ask (the tab opening) answers last', async () => {
    const { fake, reconcile } = setup();
    const answers: ((v: unknown) => void)[] = [];
    fake.handle('statusGet', () => new Promise((resolve) => answers.push(resolve)));
    fake.handle('reconcileRun', (r) => ok(report({ date: (r as { date: string }).date })));
    // Opened just before the day turned: that ask is still out when the manager presses Run after it.
    const opening = reconcile.getState().loadToday();
    const running = reconcile.getState().run();
    await flush();
    answers[1]?.(ok(statusOn('2026-03-14')));
    await running;
    await flush();
    answers[0]?.(ok(statusOn('2026-03-13')));
    await opening;
    expect(reconcile.getState().report).toMatchObject({ date: '2026-03-14' });
    // The date field above the report must not go back to the day the stale answer named.
    expect(reconcileDay(reconcile.getState().date, reconcile.getState().today)).toBe('2026-03-14');
  });

  it('names the day and the warning in words', () => {
    expect(reconcileDay(null, '2026-03-14')).toBe('2026-03-14');
    expect(reconcileDay('2026-01-02', '2026-03-14')).toBe('2026-01-02');
    expect(reconcileDay(null, null)).toBe('');
    expect(compensationContext([], englishText, 'en')).toMatch(/^Takes back/);
  });
});
