/**
 * The exactly-once engine as the CLI runs it: one process, one write, stopped before exit.
 * Loaded on demand, so the read-only commands (reconcile, stores, export) never load it.
 */
import type { Engine } from '../../core/engine/index.ts';
import type { CommandContext } from '../context.ts';

export async function cliEngine(ctx: CommandContext): Promise<Engine> {
  const { config } = ctx;
  const { createEngine } = await import('../../core/engine/index.ts');
  const engine = createEngine({
    journal: ctx.journal(),
    client: ctx.writeClient(),
    storeId: ctx.storeId(),
    tillId: ctx.tillId(),
    // Only what was given explicitly: the rest follows the journal (or its defaults, when new).
    txnIdScope: config.txnIdScope,
    dayStart: config.dayStart,
    idsUniquePer: config.idsUniquePer,
    timeZone: config.explicitTimeZone,
    requestTimeoutMs: config.timeoutMs,
    owner: ctx.owner,
    ...(config.settleMs !== undefined && { settleMs: config.settleMs }),
    ...(config.earnRule !== undefined && { earnRule: config.earnRule }),
  });
  ctx.onClose(() => engine.stop());
  return engine;
}
