/** `recover`: drive every unfinished row as far as it can go now (after a crash, or from cron). */
import type { Command } from '../command.ts';
import { flag } from '../command.ts';
import { positiveInt } from '../config.ts';
import { EXIT } from '../errors.ts';
import { cliEngine } from './engine.ts';

export const recoverCommand: Command = {
  name: 'recover',
  summary: 'drive every unfinished journal row towards a final state (write key)',
  usage: 'socialhub-till recover [--max-wait-ms N]',
  help: [
    'Sends what is queued, verifies unknown outcomes against the ledger (after the settle time),',
    'never resends blindly. Prints counts by final state and what is still unfinished.',
    'Exit 0 when nothing is left that the engine could still drive (needs-attention rows wait for a',
    'manager, queued coupon redeems for a new scan: both are only counted), 3 when rows remain',
    'queued or unproven (run again later). A coupon redeem is never sent by recover.',
  ].join('\n'),
  options: { 'max-wait-ms': { type: 'string' } },
  async run(ctx) {
    const wait = flag(ctx, 'max-wait-ms');
    const engine = await cliEngine(ctx);
    const report = await engine.recover(wait === undefined ? {} : { timeoutMs: positiveInt(wait, '--max-wait-ms', 3_600_000) });
    const stats = ctx.journal().stats();
    const waitingForManager = stats.counts['needs-attention'];
    // A queued redeem waits for the customer's next scan: recover never sends one.
    const waitingForScan = ctx.journal().count({ kinds: ['redeem'], states: ['queued'] });
    const stillDriveable = stats.unfinished - waitingForManager - waitingForScan;
    const output = { ...report, remaining: stats.unfinished, remainingByState: stats.counts, oldestUnfinishedAt: stats.oldestUnfinishedAt };
    if (stillDriveable > 0) {
      return { output, exitCode: EXIT.pending, reason: `recover: ${stillDriveable} row(s) still unfinished (offline, rate-limited or not yet provable); run recover again later` };
    }
    return { output, exitCode: EXIT.ok };
  },
};
