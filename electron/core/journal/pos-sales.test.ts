/** The POS link's sales table and the indexed reads the POS link and the drainer lean on. */
import { afterEach, describe, expect, it } from 'vitest';
import { JournalConflictError, buildDedupKey, openJournal } from './index.ts';
import type { PosSaleInput } from './pos-sales.ts';
import { T0, award, bulkInsert, tempDir, testJournal } from './testing/fixtures.ts';
import type { BulkRow, TestJournal } from './testing/fixtures.ts';

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
});
function journal(): TestJournal {
  const t = testJournal();
  disposers.push(() => t.dispose());
  return t;
}
const sale = (posTxnId: string, over: Partial<PosSaleInput> = {}): PosSaleInput => ({
  posTxnId,
  saleDate: '',
  body: JSON.stringify({ currency: 'USD', total: '1.00' }),
  totalMinor: 100,
  earnBaseMinor: 100,
  currency: 'USD',
  cashierId: null,
  ...over,
});

describe('acceptPosSale', () => {
  it('closes the sales the POS moved on from as no-member in the same write as the new one', () => {
    const { journal: j } = journal();
    const a = j.acceptPosSale(sale('A')).row;
    const b = j.acceptPosSale(sale('B')).row;
    const c = j.acceptPosSale(sale('C'), [a.id, b.id]);
    expect(c).toMatchObject({ created: true, closed: [a.id, b.id] });
    expect(j.posSaleById(a.id)).toMatchObject({ status: 'no-member', version: 2 });
    expect(j.openPosSales().map((r) => r.posTxnId)).toEqual(['C']);
  });

  it('a replay closes nothing, and a sale closed already is not closed again', () => {
    const { journal: j } = journal();
    const a = j.acceptPosSale(sale('A')).row;
    const b = j.acceptPosSale(sale('B')).row;
    expect(j.closePosSale(a.id, 'cancelled')).toBe(true);
    expect(j.acceptPosSale(sale('B'), [a.id])).toMatchObject({ created: false, closed: [], row: { id: b.id } });
    expect(j.acceptPosSale(sale('C'), [a.id, b.id])).toMatchObject({ created: true, closed: [b.id] });
    expect(j.posSaleById(a.id)).toMatchObject({ status: 'cancelled' });
  });

  it('a refused input writes nothing, not even the closes', () => {
    const { journal: j } = journal();
    const a = j.acceptPosSale(sale('A')).row;
    expect(() => j.acceptPosSale(sale('B', { totalMinor: 1.5 }), [a.id])).toThrow(/whole cents/);
    expect(j.posSaleById(a.id)).toMatchObject({ status: 'open' });
    expect(j.posSale('B')).toBeUndefined();
  });
});

describe('one sale per transaction id', () => {
  it('by id and date where ids restart daily; by id alone (anyDate) where they never repeat', () => {
    const { journal: j } = journal();
    const a = j.acceptPosSale(sale('A', { saleDate: '2026-12-01' })).row;
    expect(j.acceptPosSale(sale('A', { saleDate: '2026-12-02' }))).toMatchObject({ created: true });
    const b = j.acceptPosSale(sale('B', { saleDate: '2026-12-01' })).row;
    expect(j.acceptPosSale(sale('B', { saleDate: '2026-12-02', body: '{"other":1}' }), [], { anyDate: true })).toMatchObject({ created: false, row: { id: b.id, saleDate: '2026-12-01' } });
    expect(j.posSale('A', '2026-12-01')).toMatchObject({ id: a.id });
  });
});

describe('award and cancel of one sale cannot both win', () => {
  const key = buildDedupKey({ kind: 'award', storeId: 'st_1', posTxnId: 'A' });

  it('an award is recorded only while its sale is open: after a cancel, refused and nothing written', () => {
    const { journal: j } = journal();
    const a = j.acceptPosSale(sale('A')).row;
    expect(j.cancelPosSaleUnlessAwarded(a.id, key)).toEqual({ cancelled: true, awardId: null });
    const refused = (() => {
      try {
        j.record(award('A'), { whilePosSaleOpen: a.id });
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(refused).toBeInstanceOf(JournalConflictError);
    expect(refused).toMatchObject({ reason: 'pos-sale-closed', message: expect.stringContaining('cancelled') as unknown });
    expect(j.getByDedupKey(key)).toBeUndefined();
    expect(() => j.recordAndClaim(award('A'), { owner: 'w', leaseMs: 10_000 }, { whilePosSaleOpen: a.id })).toThrow(JournalConflictError);
    expect(j.getByDedupKey(key)).toBeUndefined();
  });

  it('a cancel finding an award recorded leaves the sale open and names the award', () => {
    const { journal: j } = journal();
    const a = j.acceptPosSale(sale('A')).row;
    const rec = j.record(award('A'), { whilePosSaleOpen: a.id });
    expect(rec.created).toBe(true);
    expect(j.cancelPosSaleUnlessAwarded(a.id, key)).toEqual({ cancelled: false, awardId: rec.row.id });
    expect(j.posSaleById(a.id)).toMatchObject({ status: 'open' });
  });

  it('an award is refused for a sale closed as no-member too', () => {
    const { journal: j } = journal();
    const a = j.acceptPosSale(sale('A')).row;
    j.acceptPosSale(sale('B'), [a.id]);
    expect(() => j.record(award('A'), { whilePosSaleOpen: a.id })).toThrow(/without a member/);
  });
});

describe('openPosSales', () => {
  it('reads only the newest open sales, oldest first', () => {
    const { journal: j } = journal();
    for (let i = 0; i < 30; i++) j.acceptPosSale(sale(`S${i}`));
    expect(j.openPosSales().map((r) => r.posTxnId)).toEqual(Array.from({ length: 20 }, (_, i) => `S${i + 10}`));
    expect(j.openPosSales(1).map((r) => r.posTxnId)).toEqual(['S29']);
  });
});

describe('redeemsInFlight', () => {
  it('lists the redeems in sending, unknown or verifying, newest first, and nothing else', () => {
    const dir = tempDir();
    disposers.push(() => dir.remove());
    const path = dir.file();
    openJournal({ path }).close();
    const rows: BulkRow[] = [];
    const states = ['queued', 'sending', 'unknown', 'verifying', 'confirmed', 'needs-attention', 'rejected'] as const;
    for (let i = 0; i < 70; i++) {
      rows.push({ kind: i % 2 === 0 ? 'redeem' : 'award', state: states[i % states.length] ?? 'confirmed', createdAt: T0 + i * 1000, posTxnId: `T${i}`, memberId: 'm_1', couponId: `CP${i}` });
    }
    bulkInsert(path, rows);
    const j = openJournal({ path });
    disposers.unshift(() => j.close());
    const want = rows.filter((r) => r.kind === 'redeem' && ['sending', 'unknown', 'verifying'].includes(r.state)).map((r) => r.createdAt).sort((x, y) => y - x);
    expect(want.length).toBeGreaterThan(5);
    const got = j.redeemsInFlight(50);
    expect(got.map((r) => r.kind)).toEqual(want.map(() => 'redeem'));
    expect(got.map((r) => r.createdAt)).toEqual(want);
    expect(j.redeemsInFlight(2)).toHaveLength(2);
  });
});
