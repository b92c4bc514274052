/**
 * Start-up recovery: every unfinished row is driven towards a final state. Rows left in
 * `sending`/`verifying` by a dead process become `unknown` once their lease expires and are
 * verified against the ledger — never resent blindly. Waits (up to a deadline) for settle
 * delays, backoffs and other processes' leases; stops early when sending is blocked (key
 * refused) or SocialHub is offline (circuit open) — the background drainer carries on from there.
 */
import type { JournalRow } from '../journal/index.ts';
import { isFinal } from '../../../shared/journal/states.ts';
import type { RecoverReport } from './types.ts';
import type { Ctx } from './context.ts';
import { parkStaleRedeems } from './drainer.ts';
import type { Drainer } from './drainer.ts';

/** Rows the engine can still move without a person (or a re-scan). */
function actionable(row: JournalRow): boolean {
  if (isFinal(row.state) || row.state === 'needs-attention') return false;
  return !(row.kind === 'redeem' && row.state === 'queued');
}

export async function recover(ctx: Ctx, drainer: Drainer, options: { timeoutMs?: number } = {}): Promise<RecoverReport> {
  const timeoutMs = options.timeoutMs ?? ctx.leaseMs + 3 * ctx.settleMs + 4 * ctx.requestTimeoutMs;
  const deadline = ctx.now() + timeoutMs;
  const start = ctx.journal.listUnfinished();
  const now0 = ctx.now();
  const abandoned = start.filter((r) => (r.state === 'sending' || r.state === 'verifying') && (r.leaseUntil === null || r.leaseUntil <= now0)).length;
  const ids = start.map((r) => r.id);
  parkStaleRedeems(ctx);

  for (;;) {
    const pass = await drainer.drainOnce();
    const rows = ids.map((id) => ctx.journal.get(id)).filter((r): r is JournalRow => r !== undefined);
    const open = rows.filter(actionable);
    // Blocked (key refused) or offline (circuit open): the background drainer takes over later.
    if (open.length === 0 || pass.stopped === 'key-rejected' || !ctx.link.online) break;
    const now = ctx.now();
    if (now >= deadline) break;
    // Sleep until the earliest row could move (due time, another worker's lease), or a probe.
    const next = Math.min(
      ...open.map((r) => Math.max(r.nextAttemptAt ?? now, r.leaseUntil ?? now)),
      pass.stopped === 'rate-limited' || pass.stopped === 'offline' ? (ctx.link.pausedUntil ?? now) : Infinity,
    );
    await ctx.sleep(Math.max(ctx.idlePollMs / 5, Math.min(Math.max(next - now, 1), deadline - now, pass.stopped === 'offline' ? ctx.idlePollMs : Infinity)));
  }

  const report: RecoverReport = { examined: ids.length, confirmed: 0, rejected: 0, resolved: 0, needsAttention: 0, pending: 0, abandoned };
  for (const id of ids) {
    const r = ctx.journal.get(id);
    if (!r) continue;
    if (r.state === 'confirmed') report.confirmed++;
    else if (r.state === 'rejected') report.rejected++;
    else if (r.state === 'resolved') report.resolved++;
    else if (r.state === 'needs-attention') report.needsAttention++;
    else report.pending++;
  }
  return report;
}
