/**
 * A POS sale's status as the POS reads it, derived from the journal: the sale row says what the
 * POS decided (cancel) or what the till concluded (no-member); the award row under the sale's
 * usual award key says what happened to the points, whoever entered them (POS link or typed).
 */
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { PosSaleState, SaleStatus } from '../../../shared/pos/schemas.ts';
import type { PosSaleRow } from '../journal/index.ts';
import type { SaleAward } from '../engine/index.ts';
import { awardStands } from '../engine/summary.ts';
import { formatMoneyMachine } from '../../../shared/money.ts';

const n = (v: number): string => v.toLocaleString('en-US');

/** `…1234`: enough for the member to recognise their account on a receipt, not enough to use it. */
export function maskMemberId(memberId: string): string {
  return `…${memberId.slice(-4)}`;
}

/** The award that counts for this sale: none when refused or resolved away (the cashier may award again). */
function liveAward(summary: SaleAward | null): JournalRow | null {
  const award = summary?.award ?? null;
  if (award === null) return null;
  if (award.state === 'rejected' || (award.state === 'resolved' && !awardStands(award))) return null;
  return award;
}

export function saleState(row: PosSaleRow, award: JournalRow | null): PosSaleState {
  if (row.status === 'cancelled') return 'cancelled';
  if (award !== null) return awardStands(award) ? 'awarded' : 'pending';
  return row.status === 'no-member' ? 'no-member' : 'waiting-for-member';
}

/** `unconfirmed`: of `reversed`, the points whose clawback SocialHub has not confirmed yet (marked pending, like an award). */
function receiptLines(state: PosSaleState, award: JournalRow | null, member: SaleStatus['member'], reversed: number, unconfirmed: number): string[] {
  const lines: string[] = [];
  if (award === null) return lines;
  if (member !== null) lines.push(`SocialHub member: ${member.name === null ? '' : `${member.name} `}(${member.maskedId})`);
  if (state === 'pending') lines.push(`Points earned: ${n(award.amount)} (pending)`);
  else lines.push(`Points earned: ${n(award.amount)}`);
  if (reversed > 0) lines.push(`Points reversed: ${n(reversed)}${unconfirmed > 0 ? ' (pending)' : ''}`);
  if (state === 'awarded' && award.balance !== null && reversed === 0) lines.push(`Balance: ${n(award.balance)}`);
  return lines;
}

export function saleStatus(row: PosSaleRow, summary: SaleAward | null): SaleStatus {
  const award = liveAward(summary);
  const state = saleState(row, award);
  const memberId = award?.memberId ?? null;
  const member = memberId === null ? null : { name: row.memberId === memberId ? row.memberName : null, maskedId: maskMemberId(memberId) };
  const reversed = award === null ? 0 : (summary?.clawedBack ?? 0) + (summary?.pendingClawback ?? 0);
  const clawbackVersions = summary?.clawbacks.reduce((s, c) => s + c.version, 0) ?? 0;
  return {
    posTxnId: row.posTxnId,
    state,
    total: formatMoneyMachine(row.totalMinor, row.currency),
    currency: row.currency,
    earnBase: formatMoneyMachine(row.earnBaseMinor, row.currency),
    member,
    points: award?.amount ?? null,
    balanceAfter: award?.balance ?? null,
    pointsReversed: reversed,
    receiptLines: receiptLines(state, award, member, reversed, award === null ? 0 : (summary?.pendingClawback ?? 0)),
    version: row.version + (award?.version ?? 0) + clawbackVersions,
    updatedAt: new Date(Math.max(row.updatedAt, award?.updatedAt ?? 0)).toISOString(),
  };
}
