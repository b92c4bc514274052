/** `clawback`: take back points for a return, capped by what is left of the award. */
import type { Command } from '../command.ts';
import { EXIT, usageError } from '../errors.ts';
import { cliEngine } from './engine.ts';
import { businessDate, money, points, posId } from './inputs.ts';
import { writeResult } from './outcome.ts';

export const clawbackCommand: Command = {
  name: 'clawback',
  summary: 'take back points for a return of a journaled sale, exactly once per return id (write key)',
  usage: 'socialhub-till clawback --txn POS_TXN_ID --return RETURN_ID [--points N | --returned AMOUNT] [--business-date YYYY-MM-DD]',
  help: [
    '--points N takes back exactly N; --returned AMOUNT takes back the returned share of the award;',
    'neither: everything still reversible (a full return). Always capped at what is left.',
    'Exit codes as for award.',
  ].join('\n'),
  options: { txn: { type: 'string' }, return: { type: 'string' }, points: { type: 'string' }, returned: { type: 'string' }, 'business-date': { type: 'string' } },
  async run(ctx) {
    const txn = posId(ctx, 'txn', true);
    const returnId = posId(ctx, 'return', true);
    const pts = points(ctx);
    const returned = money(ctx, 'returned');
    if (pts !== undefined && returned !== undefined) throw usageError('give --points or --returned, not both');
    const date = businessDate(ctx);
    const engine = await cliEngine(ctx);
    const extra = { posTxnId: txn, returnId };
    let input: Parameters<typeof engine.clawback>[0];
    if (pts !== undefined) input = { posTxnId: txn, returnId, mode: 'points', points: pts };
    else if (returned !== undefined) input = { posTxnId: txn, returnId, mode: 'proportional', returnedAmountMinor: returned };
    else {
      // A full return: everything the journal says is still reversible.
      const summary = engine.saleSummary(txn, date);
      if (summary.reversible <= 0) {
        const message = summary.blocker ?? 'nothing is left to take back for this sale';
        return {
          output: { status: 'rejected', journalId: null, state: null, points: 0, balance: null, message, stale: false, ...extra },
          exitCode: EXIT.failed,
          reason: `clawback rejected: ${message}`,
        };
      }
      input = { posTxnId: txn, returnId, mode: 'points', points: summary.reversible };
    }
    const outcome = await engine.clawback({ ...input, currency: ctx.config.currency, ...(date !== undefined && { businessDate: date }) });
    return writeResult('clawback', outcome, extra);
  },
};
