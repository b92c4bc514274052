/**
 * The manager console's channels through the real door: locked without the PIN, then the journal
 * list / export / actions, adjustments, API activity, stores and reconciliation against a real
 * sandbox, journal and engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeContract } from '../../../shared/ipc/contract.ts';
import type { InvokeKey } from '../../../shared/ipc/contract.ts';
import { DEMO } from '../../sandbox/server.ts';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import { formulaCells, readCsv } from '../export/testing/csv-readers.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { businessDateAt } from '../../../shared/time/business-day.ts';

let kit: TillKit;
beforeAll(async () => {
  kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } });
});
afterAll(() => kit.close());

let n = 0;
const txn = (): string => `M${Date.now().toString(36)}${++n}`;
// The business date the till keys its writes by (the default 04:00 day start), as the console offers it.
const today = (): string => businessDateAt(Date.now());

async function award(memberId: string, saleTotal: string) {
  await kit.call('memberCard', { memberId });
  const r = await kit.call('awardSubmit', { memberId, posTxnId: txn(), saleTotal });
  if (!r.ok || r.value.row === null) throw new Error(`award failed: ${JSON.stringify(r)}`);
  return r.value;
}

describe('without a manager session', () => {
  it('answers LOCKED on every manager channel, before touching anything', async () => {
    await kit.unlock();
    await kit.pin.lock();
    const before = kit.sandbox().audit().length;
    const manager = (Object.keys(invokeContract) as InvokeKey[]).filter((k) => invokeContract[k].access === 'manager');
    expect(manager).toEqual(expect.arrayContaining(['journalList', 'journalRow', 'journalExport', 'journalVerify', 'journalResend', 'journalResolve', 'adjustmentSubmit', 'exceptionsList', 'exceptionResolve', 'apiActivityList', 'apiActivityExport', 'reconcileRun', 'reconcileExport', 'storesList']));
    for (const key of manager) expect(await kit.call(key, {}), key).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(kit.sandbox().audit().length).toBe(before);
  });
});

describe('with a manager session', () => {
  beforeAll(() => kit.unlock());

  it('lists the journal with a filter and a total, newest first, page by page', async () => {
    const a = await award(DEMO.goldMember, '10.00');
    const b = await award(DEMO.goldMember, '20.00');
    const page = await kit.call('journalList', { filter: { kinds: ['award'], search: DEMO.goldMember }, limit: 1 });
    expect(page).toMatchObject({ ok: true, value: { rows: [{ id: b.row!.id }], total: 2 } });
    const next = page.ok ? page.value.next : null;
    expect(await kit.call('journalList', { filter: { kinds: ['award'], search: DEMO.goldMember }, limit: 1, before: next })).toMatchObject({ ok: true, value: { rows: [{ id: a.row!.id }] } });
  });

  it('exports the filter as RFC 4180 CSV in which no reader finds a formula, with either separator', async () => {
    const notes = ['=HYPERLINK("http://evil.example","click")', 'Goodwill x;=1+1 for the wait', 'Two lines\n=cmd|" /C calc"!A0', 'Full width ＝SUM(A1:A9)'];
    for (const [i, note] of notes.entries()) {
      expect(await kit.call('adjustmentSubmit', { memberId: DEMO.zeroBalanceMember, points: 5, reasonCode: 'GOODWILL', note, ref: `csv-note-${i}-form` })).toMatchObject({ ok: true, value: { status: 'confirmed', points: 5 } });
    }
    const csv = await kit.call('journalExport', { filter: { kinds: ['adjustment'], search: DEMO.zeroBalanceMember } });
    expect(csv).toMatchObject({ ok: true, value: { rows: notes.length, filename: expect.stringMatching(/^journal-.*\.csv$/) as unknown } });
    if (!csv.ok) return;
    const strict = readCsv(csv.value.csv, ',', 'strict');
    expect(strict[0]!.slice(0, 4)).toEqual(['id', 'created_at', 'kind', 'state']);
    const noteColumn = strict[0]!.indexOf('note');
    expect(strict.slice(1).map((r) => r[noteColumn])).toContain(`'=HYPERLINK("http://evil.example","click") (by manager@T1)`);
    for (const separator of [',', ';'] as const) expect(formulaCells(readCsv(csv.value.csv, separator, 'spreadsheet')), separator).toEqual([]);
    // Points stay plain numbers a spreadsheet sums.
    expect(strict.slice(1).map((r) => r[strict[0]!.indexOf('points')])).toEqual(notes.map(() => '5'));
    expect(csv.value.csv.endsWith('\r\n')).toBe(true);
  });

  it('makes an adjustment exactly once, even when the same form is sent twice', async () => {
    const balance = kit.sandbox().balance(DEMO.goldMember);
    const form = { memberId: DEMO.goldMember, points: -3, reasonCode: 'CORRECTION', note: 'Double scan on Tuesday', ref: 'double-scan-form' } as const;
    expect(await kit.call('adjustmentSubmit', form)).toMatchObject({ ok: true, value: { status: 'confirmed', points: -3 } });
    expect(await kit.call('adjustmentSubmit', form)).toMatchObject({ ok: true, value: { status: 'duplicate' } });
    expect(kit.sandbox().balance(DEMO.goldMember)).toBe(balance - 3);
    expect(await kit.call('adjustmentSubmit', { ...form, points: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('shows a row with attempts, history, children and the actions its state allows', async () => {
    const sale = await award(DEMO.platinumMember, '5.00');
    await kit.call('saleReturn', { posTxnId: sale.row!.posTxnId!, returnId: 'R1', mode: 'points', points: 1 });
    const detail = await kit.call('journalRow', { id: sale.row!.id });
    expect(detail).toMatchObject({
      ok: true,
      value: {
        row: { state: 'confirmed' },
        attempts: [{ n: 1, kind: 'send', classification: 'applied' }],
        history: [{ type: 'recorded' }, { type: 'transition', toState: 'sending' }, { type: 'transition', toState: 'confirmed' }],
        children: [{ kind: 'clawback', returnId: 'R1' }],
        actions: { verify: false, resend: false, resolve: false, requeue: false },
      },
    });
    expect(await kit.call('journalRow', { id: 999_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('re-queues a sale SocialHub refused for certain under the corrected member, with a reason', async () => {
    const posTxnId = txn();
    const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T1', posTxnId });
    const journal = kit.core.journal.journal();
    const { row } = journal.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T1', memberId: 'mb_mistyped', posTxnId, amount: 9, description, token: description });
    journal.transition(row.id, { from: ['queued'], to: 'sending', owner: 'test', leaseMs: 1000 });
    journal.transition(row.id, { from: ['sending'], to: 'rejected', owner: 'test', outcome: { httpStatus: 404 } });
    expect(await kit.call('journalRow', { id: row.id })).toMatchObject({ ok: true, value: { actions: { requeue: true } } });
    expect(await kit.call('journalRequeue', { id: row.id, memberId: DEMO.platinumMember, reason: 'no' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    const r = await kit.call('journalRequeue', { id: row.id, memberId: DEMO.platinumMember, reason: 'Card was mistyped at the till' });
    expect(r).toMatchObject({ ok: true, value: { row: { memberId: DEMO.platinumMember, posTxnId, amount: 9, state: 'confirmed' } } });
    expect(r.ok && r.value.row.id).not.toBe(row.id);
    const old = await kit.call('journalRow', { id: row.id });
    expect(old).toMatchObject({ ok: true, value: { row: { state: 'rejected', memberId: 'mb_mistyped' }, actions: { requeue: false } } });
    expect(old.ok && old.value.history.some((h) => h.type === 'note' && h.actor === 'manager@T1' && (h.detail ?? '').includes('Card was mistyped'))).toBe(true);
    expect(await kit.call('journalRequeue', { id: row.id, memberId: DEMO.goldMember, reason: 'Card was mistyped at the till' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('verifies an unknown outcome against the ledger on request, recording who asked', async () => {
    await kit.call('memberCard', { memberId: DEMO.memberWithCoupons });
    kit.sandbox().addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const r = await kit.call('awardSubmit', { memberId: DEMO.memberWithCoupons, posTxnId: txn(), saleTotal: '8.00' });
    expect(r).toMatchObject({ ok: true, value: { status: 'checking' } });
    const id = r.ok ? r.value.row!.id : 0;
    const verified = await kit.call('journalVerify', { id });
    expect(verified).toMatchObject({ ok: true, value: { row: { id, state: 'confirmed' } } });
    expect(verified.ok && verified.value.history.some((h) => h.type === 'note' && h.actor === 'manager@T1')).toBe(true);
    expect(await kit.call('journalResend', { id })).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(INVALID_STATE|UNSAFE_RESEND)$/) as unknown } });
    expect(await kit.call('journalResolve', { id, reason: 'nothing to do' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await kit.call('journalResolve', { id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('lists and exports the API activity, failures only on request', async () => {
    kit.sandbox().addFault({ route: 'GET /members/:id/tier', kind: 'error5xx', count: 1 });
    await kit.call('memberCard', { memberId: DEMO.inactiveMember });
    const failures = await kit.call('apiActivityList', { onlyFailures: true });
    expect(failures.ok && failures.value.calls[0]).toMatchObject({ endpoint: 'GET /members/{id}/tier', status: 503 });
    expect(failures.ok && failures.value.calls.every((c) => c.outcome !== 'ok')).toBe(true);
    const some = await kit.call('apiActivityList', { limit: 2 });
    expect(some.ok && some.value.calls.length).toBe(2);
    const older = await kit.call('apiActivityList', { limit: 2, beforeId: some.ok ? some.value.nextBeforeId! : 0 });
    expect(older.ok && older.value.calls[0]!.id).toBeLessThan(some.ok ? some.value.calls[1]!.id : 0);
    const csv = await kit.call('apiActivityExport', { from: Date.now() - 60_000 });
    expect(csv).toMatchObject({ ok: true, value: { filename: expect.stringMatching(/^api-activity-/) as unknown } });
    expect(csv.ok && csv.value.csv).toContain('GET /members/{id}/tier');
  });

  it('lists stores with the read-only key', async () => {
    const before = kit.sandbox().audit().length;
    expect(await kit.call('storesList', { limit: 2, offset: 1 })).toMatchObject({ ok: true, value: { total: DEMO.storeIds.length, stores: [{ id: DEMO.storeIds[1] }, { id: DEMO.storeIds[2] }] } });
    expect(kit.sandbox().audit().slice(before).map((a) => a.keyId)).toEqual(['key_demo_read']);
  });

  it('reconciles today with progress events, using only the read-only key', async () => {
    const before = kit.sandbox().audit().length;
    const report = await kit.call('reconcileRun', { date: today() });
    expect(report).toMatchObject({ ok: true, value: { date: today(), missingOnServer: [], duplicatedOnServer: [] } });
    expect(report.ok && report.value.matched.length).toBeGreaterThan(3);
    expect(new Set(kit.sandbox().audit().slice(before).map((a) => a.keyId))).toEqual(new Set(['key_demo_read']));
    expect(kit.sent.filter((e) => e.channel === 'event:reconcile-progress').at(-1)).toMatchObject({ payload: { phase: 'done' } });
    const csv = await kit.call('reconcileExport', { date: today() });
    expect(csv).toMatchObject({ ok: true, value: { filename: `reconcile-${today()}.csv` } });
    expect(csv.ok && report.ok && csv.value.rows).toBe(report.ok ? report.value.matched.length : -1);
  });
});
