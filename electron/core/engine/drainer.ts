/**
 * The background queue worker: claims the oldest due row (journal.claimNextDue, creation order)
 * and drives it; verifies unknown redeems; parks redeems nobody is waiting for; probes while
 * offline. Several processes may run one on the same journal: leases keep them apart.
 */
import type { JournalRow } from '../journal/index.ts';
import type { DrainReport } from './types.ts';
import type { Ctx } from './context.ts';
import { parkRedeem, redeemWindowOpen, releaseIfHeld, step } from './step.ts';

const POINT_KINDS = ['award', 'clawback', 'adjustment'] as const;

export type TickResult = 'worked' | 'idle' | 'offline' | 'key-rejected' | 'rate-limited' | 'backoff';

export class Drainer {
  readonly #ctx: Ctx;
  #running = false;
  #loops: Promise<void>[] = [];
  readonly #wakers = new Set<() => void>();
  #lastHousekeeping = 0;

  constructor(ctx: Ctx) {
    this.#ctx = ctx;
  }

  get running(): boolean {
    return this.#running;
  }

  /** One unit of work, if any is due and sending is allowed. */
  async tick(): Promise<TickResult> {
    const ctx = this.#ctx;
    if (ctx.link.blocked !== null) return 'key-rejected';
    if (!ctx.link.online) {
      if (!ctx.link.probeDue()) return 'offline';
      ctx.link.probed(await ctx.client.getStore(ctx.storeId));
      if (!ctx.link.online) return 'offline';
    }
    const gate = ctx.link.gate();
    if (gate === 'rate-limited' || gate === 'backoff') return gate;
    // Rows under a keying another program put on the journal are that program's to finish: matching
    // their markers by this engine's keying could take a landed sale for a lost one and resend it.
    if (ctx.keyingRefusal() !== null) return 'idle';
    this.#housekeeping();
    const owner = ctx.worker('drain');
    const row = ctx.journal.claimNextDue(owner, ctx.leaseMs, { kinds: POINT_KINDS }) ?? this.#claimRedeem(owner);
    if (!row) return 'idle';
    const after = await step(ctx, row, owner);
    releaseIfHeld(ctx, after, owner);
    return 'worked';
  }

  /** Redeems are never drained from `queued` (see step); only their unknown outcomes are resolved. */
  #claimRedeem(owner: string): JournalRow | null {
    const ctx = this.#ctx;
    const now = ctx.now();
    const rows = ctx.journal.redeemsInFlight(50);
    for (const r of rows.reverse()) {
      if (r.leaseUntil !== null && r.leaseUntil > now) continue;
      if (r.state === 'unknown' && r.nextAttemptAt !== null && r.nextAttemptAt > now) continue;
      const claimed = ctx.journal.claim(r.id, owner, ctx.leaseMs, ['sending', 'unknown', 'verifying']);
      if (claimed) return claimed;
    }
    return null;
  }

  /** Queued redeems past the window: nobody is waiting for them any more. */
  #housekeeping(): void {
    const ctx = this.#ctx;
    const now = ctx.now();
    if (now - this.#lastHousekeeping < Math.min(ctx.redeemWindowMs, 10_000)) return;
    this.#lastHousekeeping = now;
    parkStaleRedeems(ctx);
  }

  /** Ticks until nothing is due (with `drainConcurrency` workers side by side). */
  async drainOnce(max = Infinity): Promise<DrainReport> {
    let processed = 0;
    const worker = async (): Promise<DrainReport['stopped']> => {
      for (;;) {
        if (processed >= max) return 'max';
        processed++; // reserve the slot before the await, so `max` holds across workers
        const r = await this.tick();
        if (r === 'worked') continue;
        processed--;
        // A network backoff is a short offline spell as far as the caller is concerned.
        return r === 'backoff' ? 'offline' : r;
      }
    };
    const ends = await Promise.all(Array.from({ length: this.#ctx.drainConcurrency }, worker));
    return { processed, stopped: ends.find((e) => e !== 'idle') ?? 'idle' };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loops = Array.from({ length: this.#ctx.drainConcurrency }, () => this.#loop());
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.wake();
    await Promise.all(this.#loops);
    this.#loops = [];
  }

  /** Something new is due (a record, a key re-provisioned): stop idling. */
  wake(): void {
    const all = [...this.#wakers];
    this.#wakers.clear();
    for (const w of all) w();
  }

  async #loop(): Promise<void> {
    const ctx = this.#ctx;
    while (this.#running) {
      let r: TickResult;
      try {
        r = await this.tick();
      } catch {
        // Journal busy or a transient fault: the row's lease expires and it is picked up again.
        r = 'idle';
      }
      if (r === 'worked' || !this.#running) continue;
      const until = r === 'rate-limited' || r === 'backoff' ? (ctx.link.pausedUntil ?? 0) - ctx.now() : ctx.idlePollMs;
      await this.#idle(Math.max(1, until));
    }
  }

  #idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakers.add(done);
    });
  }
}

export function parkStaleRedeems(ctx: Ctx): void {
  const owner = ctx.worker('park');
  const { rows } = ctx.journal.query({ kinds: ['redeem'], states: ['queued'], to: ctx.now() - ctx.redeemWindowMs, limit: 100 });
  for (const r of rows) if (!redeemWindowOpen(ctx, r) && (r.leaseUntil === null || r.leaseUntil <= ctx.now())) parkRedeem(ctx, r, owner);
}
