/**
 * Coupons through the CLI, a child process per call on one journal file: `recover` never sends a
 * redeem (nobody is at the counter to give the discount); the next `redeem` of the coupon — the
 * customer's scan — does, and HONOR is printed once.
 */
import { describe, expect, it } from 'vitest';
import { DEMO } from '../sandbox/server.ts';
import { runChecked, useCliSandbox } from './testing/cli-runner.ts';
import type { CliRun } from './testing/cli-runner.ts';

const fx = useCliSandbox('cli-redeem-');
const grace = DEMO.spareCouponMember;

const cli = (args: string[]): Promise<CliRun> => runChecked(args, fx.writeEnv('T6', 500));
const redeemPosts = (): number => fx.sandbox.audit().filter((a) => a.method === 'POST' && a.path.includes('/redeem')).length;

describe('redeem and recover', () => {
  it('5xx: exit 3; recover reads back and never resends; the next redeem sends it and prints HONOR once', async () => {
    const coupon = DEMO.spareCoupons[3];
    fx.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'error5xx', count: 1 });
    const first = await cli(['redeem', '--coupon', coupon, '--member', grace]);
    expect(first.code).toBe(3);
    expect(first.json).toMatchObject({ honor: false, verdict: 'checking' });
    const recovered = await cli(['recover']);
    // Nothing recover could still do: the coupon waits for the customer, not for a retry.
    expect(recovered.code).toBe(0);
    expect(recovered.json).toMatchObject({ remaining: 1, remainingByState: { queued: 1 } });
    expect(redeemPosts()).toBe(1);
    const journal = await cli(['journal', '--state', 'queued']);
    expect(journal.json).toMatchObject({ total: 1 });
    const scan = await cli(['redeem', '--coupon', coupon, '--member', grace]);
    expect(scan.code).toBe(0);
    expect(scan.json).toMatchObject({ honor: true });
    expect(redeemPosts()).toBe(2);
    const again = await cli(['redeem', '--coupon', coupon, '--member', grace]);
    expect(again.code).toBe(1);
    expect(again.json).toMatchObject({ honor: false });
    expect(String(again.json?.reason)).toMatch(/^Already redeemed by this till at/);
  });

  it('lost success proven by recover with nobody watching: in front of the manager until the next redeem prints HONOR', async () => {
    const coupon = DEMO.spareCoupons[4];
    fx.sandbox.addFault({ route: 'POST /coupons/:id/redeem', kind: 'applyThenDrop', count: 1 });
    expect((await cli(['redeem', '--coupon', coupon, '--member', grace])).code).toBe(3);
    await cli(['recover']);
    const waiting = await cli(['journal', '--state', 'needs-attention']);
    expect(waiting.json).toMatchObject({ total: 1 });
    const scan = await cli(['redeem', '--coupon', coupon, '--member', grace]);
    expect(scan.code).toBe(0);
    expect(scan.json).toMatchObject({ honor: true });
    expect(String(scan.json?.reason)).toMatch(/^Redeemed by this till at/);
    expect((await cli(['redeem', '--coupon', coupon, '--member', grace])).code).toBe(1);
    expect(redeemPosts()).toBe(1);
  });
});
