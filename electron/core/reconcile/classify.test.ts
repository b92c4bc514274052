import { describe, expect, it } from 'vitest';
import type { LedgerTransaction } from '../../../shared/api/schemas.ts';
import { reconcileReportSchema } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { testRow } from '../../../shared/journal/testing/test-row.ts';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import type { SaleToken } from '../../../shared/ledger/sale-token.ts';
import { classify } from './classify.ts';
import type { ClassifyInput } from './classify.ts';

const DAY = { start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 26) };
const NOON = DAY.start + 12 * 3_600_000;
const sale = (txn: string, till = 'T1', store = 'st_1'): SaleToken => ({ kind: 'purchase', storeId: store, tillId: till, posTxnId: txn });
const ret = (txn: string, r: string): SaleToken => ({ kind: 'return', storeId: 'st_1', tillId: 'T1', posTxnId: txn, returnId: r });

let nextId = 1;
function row(token: SaleToken | string, amount: number, over: Partial<JournalRow> = {}): JournalRow {
  const description = typeof token === 'string' ? token : formatDescription(token);
  const id = nextId++;
  // The journal's own builder, with what classify reads set for this day.
  return testRow({
    id,
    dedupKey: `k${nextId}`,
    kind: amount < 0 ? 'clawback' : 'award',
    tillId: 'T1',
    posTxnId: null,
    memberId: 'm_1',
    amount,
    description,
    token: description,
    saleTotal: null,
    maybeApplied: true,
    createdAt: NOON,
    updatedAt: NOON,
    finishedAt: NOON,
    serverTxnId: null,
    balance: null,
    version: 3,
    ...over,
  });
}
let txn = 1;
const entry = (token: SaleToken | string, amount: number, at = NOON + 1000): LedgerTransaction => ({
  id: `txn_${txn++}`,
  amount,
  description: typeof token === 'string' ? token : formatDescription(token),
  createdAt: new Date(at).toISOString(),
  balanceAfter: 1000,
});

function run(over: Partial<ClassifyInput>): ReturnType<typeof classify> {
  const report = classify({
    date: '2026-11-25',
    generatedAt: NOON,
    window: DAY,
    storeId: 'st_1',
    tillId: 'T1',
    writes: [],
    ledgers: new Map(),
    incomplete: new Map(),
    findRow: () => undefined,
    ...over,
  });
  expect(reconcileReportSchema.safeParse(report).success).toBe(true);
  return report;
}

describe('classify', () => {
  it('one sale rung up at two tills (store-unique ids): a duplicate, never clean; per-till ids: two sales', () => {
    const w = row(sale('77', 'T1'), 10);
    const ledgers = new Map([['m_1', [entry(sale('77', 'T1'), 10), entry(sale('77', 'T2'), 10)]]]);
    const storeWide = run({ writes: [w], ledgers });
    expect(storeWide.duplicatedOnServer[0]).toMatchObject({ journalId: w.id, extraPoints: 10 });
    expect(storeWide.totals).toMatchObject({ matched: 0, duplicated: 1 });
    const perTill = run({ writes: [w], ledgers, idsPerTill: true });
    expect(perTill.totals).toMatchObject({ matched: 1, duplicated: 0, unexpected: 0 });
  });

  it('counts a duplicated clawback with negative extra points', () => {
    const w = row(ret('9', 'R1'), -50);
    const r = run({ writes: [w], ledgers: new Map([['m_1', [entry(ret('9', 'R1'), -50), entry(ret('9', 'R1'), -50)]]]) });
    expect(r.duplicatedOnServer[0]).toMatchObject({ journalId: w.id, extraPoints: -50 });
    expect(r.totals).toMatchObject({ journalPoints: -50, serverPoints: -100, duplicated: 1 });
  });

  it('never counts one ledger entry twice (offset paging over a growing ledger)', () => {
    const w = row(sale('1'), 10);
    const e = entry(sale('1'), 10);
    const r = run({ writes: [w], ledgers: new Map([['m_1', [e, { ...e }]]]) });
    expect(r.totals).toMatchObject({ matched: 1, duplicated: 0 });
  });

  it('does not match by substring: txn 9087 is not txn 90871, and a return is not its sale', () => {
    const w = row(sale('9087'), 10);
    const r = run({ writes: [w], ledgers: new Map([['m_1', [entry(sale('90871'), 10), entry(ret('9087', 'R1'), -10)]]]) });
    expect(r.totals).toMatchObject({ matched: 0, missing: 1, unexpected: 2 });
  });

  it('an entry with our marker on the wrong member is unexpected, and the write is missing', () => {
    const w = row(sale('5'), 10, { memberId: 'm_1' });
    const r = run({ writes: [w], ledgers: new Map([['m_1', []], ['m_2', [entry(sale('5'), 10)]]]) });
    expect(r.missingOnServer).toHaveLength(1);
    expect(r.unexpectedOnServer[0]).toMatchObject({ memberId: 'm_2', journalId: null });
  });

  it('places unexpected entries by the server clock: outside the day they are not this report’s', () => {
    const ledgers = new Map([['m_1', [entry(sale('x1'), 5, DAY.start - 1), entry(sale('x2'), 5, DAY.end), entry(sale('x3'), 5, DAY.start)]]]);
    expect(run({ ledgers }).unexpectedOnServer.map((i) => i.amount)).toEqual([5]);
  });

  it('a write whose entry landed after the day still matches (sent later from the offline queue)', () => {
    const w = row(sale('late'), 10);
    expect(run({ writes: [w], ledgers: new Map([['m_1', [entry(sale('late'), 10, DAY.end + 3_600_000)]]]) }).totals.matched).toBe(1);
  });

  it('leaves members with unreadable ledgers out of every category and total', () => {
    const w = row(sale('1'), 10, { memberId: 'm_bad' });
    const r = run({ writes: [w], incomplete: new Map([['m_bad', { reason: 'refused', message: 'GET /members/{id}/points: 503' }]]) });
    expect(r.totals).toMatchObject({ journalPoints: 0, missing: 0 });
    expect(r.incomplete).toEqual([{ memberId: 'm_bad', reason: 'refused', message: 'GET /members/{id}/points: 503' }]);
  });

  it('reports a row whose description carries no marker as missing with a null token', () => {
    const r = run({ writes: [row('Goodwill', 10)], ledgers: new Map([['m_1', [entry('Goodwill', 10)]]]) });
    expect(r.missingOnServer[0]).toMatchObject({ token: null });
  });

  it('a known row outside the confirmed set with two entries is duplicated', () => {
    const parked = row(sale('p'), 10, { state: 'needs-attention', reasonCode: 'duplicate-on-ledger' });
    const r = run({ ledgers: new Map([['m_1', [entry(sale('p'), 10), entry(sale('p'), 10)]]]), findRow: () => parked });
    expect(r.duplicatedOnServer).toEqual([expect.objectContaining({ journalId: parked.id, extraPoints: 10 })]);
    expect(r.totals).toMatchObject({ journalPoints: 10, serverPoints: 20, unexpected: 0 });
  });

  it('skips entries whose journal row is in flight or resolved, flags rejected ones', () => {
    const flying = row(sale('f'), 10, { state: 'unknown' });
    const resolved = row(sale('r'), 10, { state: 'resolved' });
    const rejected = row(sale('j'), 10, { state: 'rejected' });
    const rows = [flying, resolved, rejected];
    const r = run({
      ledgers: new Map([['m_1', [entry(sale('f'), 10), entry(sale('r'), 10), entry(sale('j'), 10)]]]),
      findRow: (t) => rows.find((x) => x.description === formatDescription(t)),
    });
    expect(r.unexpectedOnServer.map((i) => i.journalId)).toEqual([rejected.id]);
  });
});
