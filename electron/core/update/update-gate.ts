/**
 * When a downloaded update may be applied (the app restarts to do it). At a till the answer is
 * "only when nothing can be cut off": no write is on the wire, every unfinished write is safe in
 * the journal, no sale is open, and nobody has touched the till for a while. Never during a sale.
 * Pure, so the rule is tested without Electron; the Electron glue asks it on a timer.
 */

export interface UpdateReadiness {
  /** Writes with a request out or being verified (journal rows in `sending`/`verifying`). */
  readonly writesInFlight: number;
  /** Journal rows not yet final. */
  readonly unfinished: number;
  /** The journal is open and writable, so unfinished rows survive the restart. */
  readonly journalDurable: boolean;
  /** A member's card is up (or the POS has a sale open) and its write has not been recorded yet. */
  readonly saleOpen: boolean;
  /** Last time a person used the till (card, scan, write), epoch ms; null = not since start. */
  readonly lastActivityAt: number | null;
}

export type UpdateDecision = { readonly apply: true } | { readonly apply: false; readonly reason: string };

/** Quiet this long before the till counts as idle. */
export const IDLE_MS_DEFAULT = 5 * 60_000;

export function decideUpdate(r: UpdateReadiness, now: number, idleMs: number = IDLE_MS_DEFAULT): UpdateDecision {
  // Order: the reasons a manager can act on first, the one that just needs waiting last.
  if (r.saleOpen) return { apply: false, reason: 'a sale is open' };
  if (r.writesInFlight > 0) return { apply: false, reason: `${r.writesInFlight} write${r.writesInFlight === 1 ? ' is' : 's are'} being sent or verified` };
  if (r.unfinished > 0 && !r.journalDurable) return { apply: false, reason: `${r.unfinished} unfinished write${r.unfinished === 1 ? '' : 's'} and the journal is not writable` };
  if (r.lastActivityAt !== null && now - r.lastActivityAt < idleMs) return { apply: false, reason: 'the till is in use' };
  return { apply: true };
}
