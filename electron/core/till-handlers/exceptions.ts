/**
 * Manager exceptions: returns (clawbacks) of sales on which a coupon was redeemed. The till
 * cannot un-redeem a coupon, so a person decides (charge the discount back, goodwill, …); the
 * decision is kept as a note in the clawback row's history — nothing is deleted or changed.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { REASON_CODES } from '../engine/index.ts';
import type { Journal } from '../journal/index.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';

/** Marks a history note as an exception decision (other notes on the row are not decisions). */
export const DECISION_PREFIX = '[exception] ';
/** Most recent returns considered; older ones have long been settled. */
const MAX_CLAWBACKS = 2_000;

export interface ExceptionItem {
  clawback: JournalRow;
  redemptions: JournalRow[];
  decision: { note: string; at: number; by: string | null } | null;
}

/** Redeems made while the returned sale was open: linked by the sale's award row or by its POS txn id. */
function redemptionsOf(journal: Journal, clawback: JournalRow): JournalRow[] {
  const found = new Map<number, JournalRow>();
  if (clawback.parentId !== null) for (const r of journal.children(clawback.parentId)) if (r.kind === 'redeem') found.set(r.id, r);
  if (clawback.posTxnId !== null) {
    for (let before: { createdAt: number; id: number } | undefined; ; ) {
      const page = journal.query({ kinds: ['redeem'], search: clawback.posTxnId, limit: 200, ...(before === undefined ? {} : { before }) });
      for (const r of page.rows) {
        const sameSale = r.linkedPosTxnId === clawback.posTxnId && r.storeId === clawback.storeId && (clawback.businessDate === null || r.businessDate === null || r.businessDate === clawback.businessDate);
        if (sameSale) found.set(r.id, r);
      }
      if (page.next === null) break;
      before = page.next;
    }
  }
  // As the engine's sale summary counts them: refused or never-sent redeems gave nothing away.
  return [...found.values()]
    .filter((r) => r.state !== 'rejected' && r.state !== 'resolved' && r.state !== 'queued' && r.reasonCode !== REASON_CODES.redeemNotSent)
    .sort((a, b) => a.id - b.id);
}

function decisionOf(journal: Journal, id: number): ExceptionItem['decision'] {
  const notes = journal.events(id).filter((e) => e.type === 'note' && e.detail !== null && e.detail.startsWith(DECISION_PREFIX));
  const last = notes.at(-1);
  return last === undefined ? null : { note: (last.detail ?? '').slice(DECISION_PREFIX.length), at: last.at, by: last.actor };
}

export function listExceptions(journal: Journal): ExceptionItem[] {
  const items: ExceptionItem[] = [];
  let scanned = 0;
  for (let before: { createdAt: number; id: number } | undefined; scanned < MAX_CLAWBACKS; ) {
    const page = journal.query({ kinds: ['clawback'], limit: 200, ...(before === undefined ? {} : { before }) });
    for (const clawback of page.rows) {
      scanned++;
      if (clawback.state === 'rejected') continue; // nothing was taken back
      const redemptions = redemptionsOf(journal, clawback);
      if (redemptions.length > 0) items.push({ clawback, redemptions, decision: decisionOf(journal, clawback.id) });
    }
    if (page.next === null) break;
    before = page.next;
  }
  return items;
}

export function registerExceptions(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('exceptionsList', () => deps.journal.use((j) => ({ items: listExceptions(j) })));
  registry.handle('exceptionResolve', ({ clawbackId, note }) => {
    const items = deps.journal.use((j) => {
      const row = j.get(clawbackId);
      if (row === undefined || row.kind !== 'clawback' || redemptionsOf(j, row).length === 0) {
        throw new IpcError('NOT_FOUND', `Row ${clawbackId} is not a return of a sale with a redeemed coupon.`);
      }
      j.addNote(clawbackId, { by: deps.managerActor(), text: `${DECISION_PREFIX}${note}` });
      return listExceptions(j);
    });
    deps.events.journalChanged([clawbackId]);
    return { items };
  });
}
