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
  // Each new write reads the journal's keying first and builds its intent from it with no await
  // before the record, so no other write of this process can move ctx.keying in between.
  const fresh = <T>(write: () => T): T => {
    ctx.refreshKeying();
    return write();
  };
  return {
    award: async (input) => fresh(() => award(ctx, drainer, input)),
    clawback: async (input) => fresh(() => clawback(ctx, drainer, input)),
    redeem: async (input) => fresh(() => redeem(ctx, input)),
    adjust: async (input) => fresh(() => adjust(ctx, drainer, input)),
    saleSummary: (posTxnId, businessDate) => saleSummary(ctx, posTxnId, businessDate),
    saleAward: (posTxnId, businessDate) => saleAward(ctx, posTxnId, businessDate),
    businessDate: () => fresh(() => ctx.businessDate()),
    txnIdScope: () => fresh(() => ctx.txnIdScope),
    couponVerdict: (couponId) => couponVerdict(ctx, couponId),
    verifyNow: (id) => verifyNow(ctx, id),
    resend: (id) => resend(ctx, id),
    resolve: (id, reason, by) => resolve(ctx, id, reason, by),
    requeueCorrected: async (id, input) => fresh(() => requeueCorrected(ctx, drainer, id, input)),
    recover: (options) => recover(ctx, drainer, options),
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
