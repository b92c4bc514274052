/**
 * The write commands as an OMS would drive them: a child process per call, the sandbox over
 * HTTP, a journal file shared by every call. Exactly-once is checked on the sandbox's ledger.
 */
import { describe, expect, it } from 'vitest';
import { formatDescription } from '../../shared/ledger/sale-token.ts';
import { closedPortUrl } from '../core/api/testing/loopback-servers.ts';
import { DEMO } from '../sandbox/server.ts';
import { expectNoKeys, runChecked, useCliSandbox } from './testing/cli-runner.ts';
import type { CliRun } from './testing/cli-runner.ts';

const fx = useCliSandbox('cli-write-');
const TILL = 'T5';
const ava = DEMO.memberWithCoupons;
const grace = DEMO.spareCouponMember;

const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => fx.writeEnv(TILL, 1000, extra);

async function cli(args: string[], e: NodeJS.ProcessEnv = env()): Promise<CliRun> {
  const run = await runChecked(args, e);
  expectNoKeys(run, fx.sandbox);
  return run;
}

const marker = (txn: string): string => formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: TILL, posTxnId: txn });
const entries = (memberId: string, description: string): number => fx.sandbox.ledger(memberId).filter((t) => t.description === description).length;

describe('award', () => {
  it('confirms once; the same sale again is a duplicate and never a second award', async () => {
    const before = fx.sandbox.balance(ava);
    const first = await cli(['award', '--member', ava, '--txn', 'A1', '--points', '40']);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ status: 'confirmed', points: 40, balance: before + 40, memberId: ava, posTxnId: 'A1', state: 'confirmed' });
    expect(first.json!.journalId).toEqual(expect.any(Number));
    const again = await cli(['award', '--member', ava, '--txn', 'A1', '--points', '40']);
    expect(again.code).toBe(0);
    expect(again.json).toMatchObject({ status: 'duplicate', journalId: first.json!.journalId });
    expect(entries(ava, marker('A1'))).toBe(1);
    expect(fx.sandbox.balance(ava)).toBe(before + 40);
  });

  it('computes points from --total with the earn rule', async () => {
    const floor = await cli(['award', '--member', ava, '--txn', 'T1', '--total', '19.99', '--points-per-unit', '10', '--rounding', 'floor']);
    expect(floor.json).toMatchObject({ status: 'confirmed', points: 199 });
    const round = await cli(['award', '--member', ava, '--txn', 'T2', '--total', '19.99', '--points-per-unit', '10', '--rounding', 'round']);
    expect(round.json).toMatchObject({ status: 'confirmed', points: 200 });
    const noRule = await cli(['award', '--member', ava, '--txn', 'T3', '--total', '19.99']);
    expect(noRule.code).toBe(2);
    expect(noRule.stderr).toMatch(/--points-per-unit/);
    const badMoney = await cli(['award', '--member', ava, '--txn', 'T4', '--total', '19.999', '--points-per-unit', '10']);
    expect(badMoney.code).toBe(2);
    expect(badMoney.stderr).toMatch(/at most 2 decimal places/);
  });

  it('--total is in the store currency (--currency / SOCIALHUB_CURRENCY): yen whole, dinar to 3 decimals, unknown refused', async () => {
    const yen = await cli(['award', '--member', ava, '--txn', 'Y1', '--total', '1980', '--points-per-unit', '0.01', '--currency', 'JPY']);
    expect(yen.code).toBe(0);
    expect(yen.json).toMatchObject({ status: 'confirmed', points: 19 });
    const rows = await cli(['journal', '--search', 'Y1']);
    expect(rows.json!.rows).toEqual([expect.objectContaining({ saleTotal: 1980, amount: 19 })]);

    const decimals = await cli(['award', '--member', ava, '--txn', 'Y2', '--total', '19.80', '--points-per-unit', '0.01'], env({ SOCIALHUB_CURRENCY: 'JPY' }));
    expect(decimals.code).toBe(2);
    expect(decimals.stderr).toMatch(/^socialhub-till: award: --total has no decimals in JPY: enter a whole number/m);
    expect(entries(ava, marker('Y2'))).toBe(0);

    const dinar = await cli(['award', '--member', ava, '--txn', 'K1', '--total', '12.345', '--points-per-unit', '1', '--currency', 'kwd']);
    expect(dinar.code).toBe(0);
    expect(dinar.json).toMatchObject({ status: 'confirmed', points: 12 });
    const dinarRows = await cli(['journal', '--search', 'K1']);
    expect(dinarRows.json!.rows).toEqual([expect.objectContaining({ saleTotal: 12345 })]);

    const unknown = await cli(['award', '--member', ava, '--txn', 'X1', '--total', '10', '--points-per-unit', '1', '--currency', 'XYZ']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^socialhub-till: award: --currency must be an ISO 4217 currency code .*"XYZ"/m);
    expect(entries(ava, marker('X1'))).toBe(0);
  });

  it('--returned is in the store currency too: half of a yen sale takes back half its points', async () => {
    const yenEnv = env({ SOCIALHUB_CURRENCY: 'JPY' });
    const sale = await cli(['award', '--member', ava, '--txn', 'Y3', '--total', '2000', '--points-per-unit', '0.1'], yenEnv);
    expect(sale.json).toMatchObject({ status: 'confirmed', points: 200 });
    const back = await cli(['clawback', '--txn', 'Y3', '--return', 'R1', '--returned', '1000'], yenEnv);
    expect(back.code).toBe(0);
    expect(back.json).toMatchObject({ status: 'confirmed', points: -100 });
  });

  it('an unknown member is rejected with SocialHub’s reason (exit 1)', async () => {
    const run = await cli(['award', '--member', 'mb_nobody_here', '--txn', 'U1', '--points', '10']);
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ status: 'rejected' });
    expect(run.stderr).toMatch(/^socialhub-till: award rejected: .*\S/m);
    expect(run.stderr).toMatch(/404|not found/i);
  });

  it('without a write key: exit 2, nothing journaled or sent', async () => {
    const run = await cli(['award', '--member', ava, '--txn', 'K1', '--points', '10'], env({ SOCIALHUB_API_KEY: undefined, SOCIALHUB_READ_KEY: fx.sandbox.keys.read }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SOCIALHUB_API_KEY or --key-file FILE/);
    expect(fx.sandbox.audit()).toHaveLength(0);
  });

  it('bad ids are refused before anything is journaled', async () => {
    for (const args of [
      ['--member', '../stores', '--txn', 'X1', '--points', '1'],
      ['--member', ava, '--txn', 'txn 1', '--points', '1'],
      ['--member', ava, '--txn', 'X1', '--points', '-5'],
      ['--member', ava, '--txn', 'X1', '--points', '1', '--business-date', '2026-13-01'],
    ]) {
      const run = await cli(['award', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
    }
    expect(fx.sandbox.audit()).toHaveLength(0);
  });

  it('SocialHub unreachable → queued (exit 3); recover sends it later, exactly once', async () => {
    const offline = env({ SOCIALHUB_BASE_URL: await closedPortUrl() });
    const queued = await cli(['award', '--member', ava, '--txn', 'Q1', '--points', '12'], offline);
    expect(queued.code).toBe(3);
    expect(queued.json).toMatchObject({ status: 'queued' });
    expect(queued.stderr).toMatch(/recover/);
    expect(entries(ava, marker('Q1'))).toBe(0);
    const rec = await cli(['recover']);
    expect(rec.code).toBe(0);
    expect(rec.json).toMatchObject({ examined: 1, confirmed: 1, remaining: 0 });
    expect(entries(ava, marker('Q1'))).toBe(1);
  });

  it('applied-then-dropped → unknown (exit 3); recover finds the marker instead of resending', async () => {
    fx.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const run = await cli(['award', '--member', grace, '--txn', 'D1', '--points', '9']);
    expect(run.code).toBe(3);
    expect(run.json).toMatchObject({ status: 'unknown' });
    const rec = await cli(['recover', '--settle-ms', '2000']);
    expect(rec.code).toBe(0);
    expect(rec.json).toMatchObject({ confirmed: 1, remaining: 0 });
    expect(entries(grace, marker('D1'))).toBe(1);
    const posts = fx.sandbox.audit().filter((e) => e.method === 'POST');
    expect(posts).toHaveLength(1);
  }, 40_000);
});

describe('business-day transaction ids', () => {
  it('the same POS id on another business day is a new sale; on the same day a duplicate', async () => {
    const day = (d: string, extra: string[] = []): Promise<CliRun> =>
      cli(['award', '--member', ava, '--txn', '17', '--points', '3', '--txn-scope', 'business-day', '--business-date', d, ...extra]);
    expect((await day('2026-01-05')).json).toMatchObject({ status: 'confirmed' });
    expect((await day('2026-01-06')).json).toMatchObject({ status: 'confirmed' });
    expect((await day('2026-01-05')).json).toMatchObject({ status: 'duplicate' });
    const dayMarker = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: TILL, businessDate: '2026-01-05', posTxnId: '17' });
    expect(entries(ava, dayMarker)).toBe(1);
  });
});

describe('clawback', () => {
  it('takes back points for a return once; a full return takes the rest; then nothing is left', async () => {
    await cli(['award', '--member', ava, '--txn', 'S1', '--points', '100']);
    const part = await cli(['clawback', '--txn', 'S1', '--return', 'R1', '--points', '30']);
    expect(part.code).toBe(0);
    expect(part.json).toMatchObject({ status: 'confirmed', points: -30, posTxnId: 'S1', returnId: 'R1' });
    const dup = await cli(['clawback', '--txn', 'S1', '--return', 'R1', '--points', '30']);
    expect(dup.json).toMatchObject({ status: 'duplicate' });
    const rest = await cli(['clawback', '--txn', 'S1', '--return', 'R2']);
    expect(rest.json).toMatchObject({ status: 'confirmed', points: -70 });
    const none = await cli(['clawback', '--txn', 'S1', '--return', 'R3']);
    expect(none.code).toBe(1);
    expect(none.json).toMatchObject({ status: 'rejected' });
    const ret = (r: string): string => formatDescription({ kind: 'return', storeId: DEMO.storeId, tillId: TILL, posTxnId: 'S1', returnId: r });
    expect([entries(ava, ret('R1')), entries(ava, ret('R2')), entries(ava, ret('R3'))]).toEqual([1, 1, 0]);
  });

  it('a return of a sale this journal never saw is refused', async () => {
    const run = await cli(['clawback', '--txn', 'NEVER', '--return', 'R1', '--points', '5']);
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({ status: 'rejected' });
  });
});

describe('redeem', () => {
  it('honors a coupon once; the second scan and an unknown coupon are not honored', async () => {
    const coupon = DEMO.spareCoupons[0];
    const first = await cli(['redeem', '--coupon', coupon, '--member', grace]);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ honor: true, verdict: 'honor', couponId: coupon });
    const second = await cli(['redeem', '--coupon', coupon, '--member', grace]);
    expect(second.code).toBe(1);
    expect(second.json).toMatchObject({ honor: false });
    const unknown = await cli(['redeem', '--coupon', 'cp_does_not_exist', '--member', grace]);
    expect(unknown.code).toBe(1);
    expect(unknown.json).toMatchObject({ honor: false });
    const noMember = await cli(['redeem', '--coupon', DEMO.spareCoupons[1]]);
    expect(noMember.code).toBe(2);
  });
});

describe('journal + recover', () => {
  it('recover with nothing to do reports zeros; journal lists what the writes left', async () => {
    const idle = await cli(['recover']);
    expect(idle.code).toBe(0);
    expect(idle.json).toMatchObject({ examined: 0, remaining: 0 });
    await cli(['award', '--member', ava, '--txn', 'L1', '--points', '5']);
    const list = await cli(['journal', '--state', 'confirmed']);
    expect(list.json).toMatchObject({ total: 1 });
  });

  it('what the CLI wrote reconciles clean', async () => {
    await cli(['award', '--member', ava, '--txn', 'E1', '--points', '25']);
    await cli(['clawback', '--txn', 'E1', '--return', 'R1', '--points', '5']);
    await cli(['redeem', '--coupon', DEMO.spareCoupons[2], '--member', grace]);
    const run = await cli(['reconcile', '--tz', 'UTC'], env({ SOCIALHUB_READ_KEY: fx.sandbox.keys.read }));
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ clean: true, totals: { matched: 2, missing: 0, duplicated: 0, unexpected: 0, journalPoints: 20, serverPoints: 20 } });
  });
});
