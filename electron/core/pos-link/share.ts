/**
 * The manager's "share of sales with a member": of the sales the POS handed over in a window
 * (default today's business day), how many were awarded to a member, how many the POS moved on
 * from without one, and which.
 */
import type { PosLinkShare } from '../../../shared/ipc/schemas/pos-link.ts';
import type { Journal } from '../journal/index.ts';
import { formatMoneyMachine } from '../../../shared/money.ts';
import type { PosLinkService } from './service.ts';

const MISSED_MAX = 500;

export async function salesShare(journal: Journal, service: Pick<PosLinkService, 'status'>, from: number, to: number): Promise<PosLinkShare> {
  const out: PosLinkShare = { from, to, sales: 0, withMember: 0, noMember: 0, waiting: 0, cancelled: 0, share: null, missed: [] };
  for (const row of journal.posSalesBetween(from, to)) {
    // By the row's own day: where ids restart daily, the id alone is the newest sale with it.
    const s = await service.status(row.posTxnId, row.saleDate);
    const state = s?.state ?? 'waiting-for-member';
    if (state === 'cancelled') {
      out.cancelled++;
      continue;
    }
    out.sales++;
    if (state === 'awarded' || state === 'pending') out.withMember++;
    else if (state === 'no-member') {
      out.noMember++;
      if (out.missed.length < MISSED_MAX) out.missed.push({ posTxnId: row.posTxnId, total: formatMoneyMachine(row.totalMinor, row.currency), currency: row.currency, receivedAt: row.createdAt, cashierId: row.cashierId });
    } else out.waiting++;
  }
  const decided = out.withMember + out.noMember;
  out.share = decided === 0 ? null : out.withMember / decided;
  return out;
}
