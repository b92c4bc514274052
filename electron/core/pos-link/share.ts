/**
 * The manager's "share of sales with a member": of the sales the POS handed over in a window
 * (default today's business day), how many were awarded to a member, how many the POS moved on
 * from without one, and which.
 */
import type { PosLinkShare } from '../../../shared/ipc/schemas/pos-link.ts';
import type { Journal } from '../journal/index.ts';
import { businessDateAt } from '../app/business-date.ts';
import { dayWindow } from '../reconcile/day-window.ts';
import { formatMinor } from '../till-handlers/journal-export.ts';
import type { PosLinkService } from './service.ts';

const MISSED_MAX = 500;

/** [start, end) of the business day `now` falls in, with the day starting at `startsAt` local time. */
export function businessDayWindow(now: number, startsAt: string): { from: number; to: number } {
  const [h = 0, m = 0] = startsAt.split(':').map(Number);
  const day = dayWindow(businessDateAt(now, startsAt));
  const shift = (h * 60 + m) * 60_000;
  return { from: day.start + shift, to: day.end + shift };
}

export async function salesShare(journal: Journal, service: Pick<PosLinkService, 'status'>, from: number, to: number): Promise<PosLinkShare> {
  const out: PosLinkShare = { from, to, sales: 0, withMember: 0, noMember: 0, waiting: 0, cancelled: 0, share: null, missed: [] };
  for (const row of journal.posSalesBetween(from, to)) {
    const s = await service.status(row.posTxnId);
    const state = s?.state ?? 'waiting-for-member';
    if (state === 'cancelled') {
      out.cancelled++;
      continue;
    }
    out.sales++;
    if (state === 'awarded' || state === 'pending') out.withMember++;
    else if (state === 'no-member') {
      out.noMember++;
      if (out.missed.length < MISSED_MAX) out.missed.push({ posTxnId: row.posTxnId, total: formatMinor(row.totalMinor), currency: row.currency, receivedAt: row.createdAt, cashierId: row.cashierId });
    } else out.waiting++;
  }
  const decided = out.withMember + out.noMember;
  out.share = decided === 0 ? null : out.withMember / decided;
  return out;
}
