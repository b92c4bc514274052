/** createEngine(): wires the modules behind the public API (see index.ts for the contract). */
import type { Engine, EngineConfig } from './types.ts';
import { adjust } from './adjust.ts';
import { award } from './award.ts';
import { clawback } from './clawback.ts';
import { createContext } from './context.ts';
import { Drainer } from './drainer.ts';
import { requeueCorrected, resend, resolve, verifyNow } from './manager.ts';
import { recover } from './recover.ts';
import { couponVerdict, redeem } from './redeem.ts';
import { saleAward, saleSummary } from './summary.ts';

export function createEngine(config: EngineConfig): Engine {
  const ctx = createContext(config);
  const drainer = new Drainer(ctx);
  // Before anything that keys a sale or reads back / resends a row: the journal is still keyed by
  // this engine's settled claim (JournalKeyingError otherwise); the record re-checks in its transaction.
  const keyed = async <T>(op: () => T | Promise<T>): Promise<T> => {
    ctx.requireKeying();
    return op();
  };
  return {
    award: (input) => keyed(() => award(ctx, drainer, input)),
    clawback: (input) => keyed(() => clawback(ctx, drainer, input)),
    redeem: (input) => keyed(() => redeem(ctx, input)),
    adjust: (input) => keyed(() => adjust(ctx, drainer, input)),
    saleSummary: (posTxnId, businessDate) => saleSummary(ctx, posTxnId, businessDate),
    saleAward: (posTxnId, businessDate) => saleAward(ctx, posTxnId, businessDate),
    businessDate: () => ctx.businessDate(),
    txnIdScope: () => ctx.txnIdScope,
    keying: () => ctx.keying,
    keyingRefusal: () => ctx.keyingRefusal(),
    couponVerdict: (couponId) => couponVerdict(ctx, couponId),
    verifyNow: (id) => keyed(() => verifyNow(ctx, id)),
    resend: (id) => keyed(() => resend(ctx, id)),
    resolve: (id, reason, by) => resolve(ctx, id, reason, by),
    requeueCorrected: (id, input) => keyed(() => requeueCorrected(ctx, drainer, id, input)),
    recover: (options) => keyed(() => recover(ctx, drainer, options)),
    drainOnce: (options) => drainer.drainOnce(options?.max),
    start: () => drainer.start(),
    stop: () => drainer.stop(),
    status: () => ({
      online: ctx.link.online && ctx.link.blocked === null,
      onlineSince: ctx.link.blocked === null ? ctx.link.onlineSince : null,
      detail: ctx.link.detail,
      sendingBlocked: ctx.link.blocked,
      rateLimitedUntil: ctx.link.rateLimitedUntil,
      draining: drainer.running,
      queue: ctx.journal.stats(),
      storeId: ctx.storeId,
      tillId: ctx.tillId,
    }),
    setClient: (client) => {
      ctx.client = client;
      ctx.link.unblock();
      drainer.wake();
    },
  };
}
