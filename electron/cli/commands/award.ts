/** `award`: points for a sale, exactly once per (store, POS transaction). */
import type { Command } from '../command.ts';
import { usageError } from '../errors.ts';
import { cliEngine } from './engine.ts';
import { businessDate, memberId, money, points, posId } from './inputs.ts';
import { writeResult } from './outcome.ts';

export const awardCommand: Command = {
  name: 'award',
  summary: 'award points for a sale, exactly once (write key)',
  usage: 'socialhub-till award --member ID --txn POS_TXN_ID (--points N | --total AMOUNT [--points-per-unit R --rounding floor|round|ceil]) [--business-date YYYY-MM-DD]',
  help: [
    'Journals the award before sending it; the same --txn again is a "duplicate", never a second award.',
    '--total alone uses the earn rule (--points-per-unit, --rounding; no tier multiplier); with',
    '--points it is kept for proportional clawback. Prints {"status": confirmed|duplicate|queued|unknown|rejected, ...}.',
    'Exit 0 confirmed/duplicate, 1 rejected, 3 queued/unknown (recorded: run `recover`, do not re-enter).',
  ].join('\n'),
  options: { member: { type: 'string' }, txn: { type: 'string' }, points: { type: 'string' }, total: { type: 'string' }, 'business-date': { type: 'string' } },
  async run(ctx) {
    const member = memberId(ctx);
    const txn = posId(ctx, 'txn', true);
    const pts = points(ctx);
    const total = money(ctx, 'total');
    if (pts === undefined && total === undefined) throw usageError('give --points N or --total AMOUNT');
    if (pts === undefined && ctx.config.earnRule === undefined) throw usageError('--total needs the earn rule: --points-per-unit (and --rounding)');
    const date = businessDate(ctx);
    const outcome = await (await cliEngine(ctx)).award({
      memberId: member,
      posTxnId: txn,
      ...(pts !== undefined && { points: pts }),
      ...(total !== undefined && { saleTotalMinor: total, currency: ctx.config.currency }),
      ...(date !== undefined && { businessDate: date }),
    });
    return writeResult('award', outcome, { memberId: member, posTxnId: txn });
  },
};
