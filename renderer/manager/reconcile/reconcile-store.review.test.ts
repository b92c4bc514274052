import { describe, expect, it } from 'vitest';
import { tillIn } from '../../testing/translators.ts';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import type { Timers } from '../../state/timers.ts';
import { realTimers } from '../../state/timers.ts';
import { createFakeBridge, flush, ok, row } from '../../testing/fake-bridge.ts';
import { createAdjustConfirmStore } from '../adjust/adjust-confirm-store.ts';
import { createRowBus } from '../row-bus.ts';
import { createReconcileStore, dupKey } from './reconcile-store.ts';
import { compensationRef } from './summary.ts';

/** The sale T-1001 (249 points) landed three times on SocialHub: 498 too many. */
const DUP3 = { memberId: 'mb_ava_chen', token: 'SH-T-1001', description: 'Sale T-1001', amount: 249, journalId: 7, serverTxnIds: ['tx_1', 'tx_2', 'tx_3'], at: 1_760_000_000_000, extraPoints: 498 };

function report(): ReconcileReport {
  return {
    date: '2026-03-14',
    generatedAt: 1_760_000_000_000,
    matched: [],
    missingOnServer: [],
    duplicatedOnServer: [DUP3],
    unexpectedOnServer: [],
    totals: { journalPoints: 249, serverPoints: 747, matched: 0, missing: 0, duplicated: 1, unexpected: 0 },
    incomplete: [],
  };
}

const EARLY: Timers = { ...realTimers, now: () => new Date(2026, 2, 14, 3, 0).getTime() };

describe('review: a duplicate that grew after it was compensated', () => {
  it('still offers to take back what the first compensation did not, under a reference not yet used', async () => {
    // An earlier run saw two copies (249 too many) and took back 249 under the duplicate's reference.
    const base = await compensationRef(DUP3, '2026-03-14');
    const first = row({ id: 70, kind: 'adjustment', memberId: DUP3.memberId, ref: `adj-${base}`, state: 'confirmed', amount: -249, reasonCode: 'DUPLICATE_FIX' });
    const fake = createFakeBridge();
    const confirm = createAdjustConfirmStore({ bridge: fake.bridge, rows: createRowBus(), translator: tillIn() });
    const reconcile = createReconcileStore({ bridge: fake.bridge, timers: EARLY, businessDayStartsAt: () => '04:00', confirm, translator: tillIn(), saveCsv: (f) => f.filename });
    fake.handle('journalList', () => ok({ rows: [first], next: null, total: 1 }));
    fake.handle('reconcileRun', () => ok(report()));
    reconcile.getState().setDate('2026-03-14');
    await reconcile.getState().run();
    await flush();

    // 249 of the 498 are still over-awarded: the compensation must stay on offer…
    expect(reconcile.getState().recorded.has(dupKey(DUP3))).toBe(false);
    // …and be sent under a reference main has not recorded (base would come back `duplicate`, nothing taken back).
    await reconcile.getState().compensate(DUP3);
    expect(confirm.getState().open?.request.ref).not.toBe(base);
  });
});
