/**
 * The cashier's path: record first (durable), then one send attempt bounded by about one
 * request timeout. Anything slower is left to the drainer and reported as it stands.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { JournalInputError } from '../journal/index.ts';
import type { Intent, JournalRow, RecordOptions, RecordResult } from '../journal/index.ts';
import { isCrash } from './context.ts';
import type { Ctx } from './context.ts';
import type { Drainer } from './drainer.ts';
import { EngineInputError } from './errors.ts';
import { sendClaimed, sendRow } from './send.ts';

/**
 * Journal record; a refused intent is the caller's input problem. Recorded only while the journal
 * is still keyed as the intent was built (ctx.keying, read at the write's start).
 */
export function record(ctx: Ctx, intent: Intent, options: RecordOptions = {}): RecordResult {
  try {
    return ctx.journal.record(intent, { ...options, keyedBy: ctx.keying });
  } catch (err) {
    if (err instanceof JournalInputError) throw new EngineInputError(err.message);
    throw err;
  }
}

/** `record` + `queued → sending` under `owner`'s lease in one commit (journal recordAndClaim). */
function recordClaimed(ctx: Ctx, intent: Intent, owner: string, options: RecordOptions): RecordResult & { claimed: boolean } {
  try {
    return ctx.journal.recordAndClaim(intent, { owner, leaseMs: ctx.leaseMs }, { ...options, keyedBy: ctx.keying });
  } catch (err) {
    if (err instanceof JournalInputError) throw new EngineInputError(err.message);
    throw err;
  }
}

/** Wait before an inline send may go (pacing), or null when it should not be tried now. */
export function inlineSlot(ctx: Ctx): number | null {
  if (ctx.link.gate() !== 'ok') return null;
  return ctx.pacer ? ctx.pacer.tryReserve(Math.min(ctx.requestTimeoutMs / 2, 1000)) : 0;
}

/**
 * Sends a freshly recorded (or re-scanned) queued row, never blocking much past one request
 * timeout. `claimedBy`: the row is already `sending` under this worker's lease.
 */
export async function sendInline(ctx: Ctx, row: JournalRow, wait: number, claimedBy?: string): Promise<JournalRow> {
  if (wait > 0) await ctx.sleep(wait);
  const work = claimedBy !== undefined ? sendClaimed(ctx, row, claimedBy, { slotTaken: true }) : sendRow(ctx, row, ctx.worker('inline'), { slotTaken: true });
  const guard = new AbortController();
  const timedOut = delay(ctx.requestTimeoutMs + 1000, true, { signal: guard.signal, ref: false }).catch(() => false);
  try {
    const first = await Promise.race([work, timedOut]);
    if (typeof first !== 'boolean') return first;
    // The send goes on in the background and journals its own outcome.
    work.catch(() => undefined);
    return ctx.journal.get(row.id) ?? row;
  } finally {
    guard.abort();
  }
}

export interface Recorded extends RecordResult {
  /** The row after the inline attempt (or as recorded, if none was made). */
  after: JournalRow;
}

/** Record → (maybe) send inline. A row not sent inline is due for the drainer at once. */
export async function recordAndSend(ctx: Ctx, drainer: Drainer, intent: Intent, options: RecordOptions = {}): Promise<Recorded> {
  const wait = inlineSlot(ctx);
  // Nothing to wait for: record and take the send lease in one durable commit (2 per write in all).
  const owner = wait === 0 ? ctx.worker('inline') : undefined;
  // Held back from the drainer while the inline sender has it (no race to claim it in-process).
  const held = wait === null ? intent : { ...intent, nextAttemptAt: ctx.now() + ctx.leaseMs };
  const rec = owner !== undefined ? recordClaimed(ctx, held, owner, options) : { ...record(ctx, held, options), claimed: false };
  if (!rec.created) return { ...rec, after: rec.row };
  ctx.notify(rec.row.id);
  ctx.crash('after-record');
  if (wait === null) {
    drainer.wake();
    return { ...rec, after: rec.row };
  }
  let after: JournalRow;
  try {
    after = await sendInline(ctx, rec.row, wait, rec.claimed ? owner : undefined);
  } catch (err) {
    // Recorded is recorded: the cashier gets the row's state, the drainer (or recovery) the rest.
    if (isCrash(err)) throw err;
    after = ctx.journal.get(rec.row.id) ?? rec.row;
  }
  if (after.state === 'queued') drainer.wake();
  return { ...rec, after };
}
