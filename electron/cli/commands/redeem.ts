/** `redeem`: honor a coupon only on proof that this redemption is the one SocialHub accepted. */
import type { Command } from '../command.ts';
import { EXIT } from '../errors.ts';
import { cliEngine } from './engine.ts';
import { businessDate, memberId, posId } from './inputs.ts';

export const redeemCommand: Command = {
  name: 'redeem',
  summary: 'redeem a coupon once; prints {"honor": true|false} (write key)',
  usage: 'socialhub-till redeem --coupon COUPON_ID --member MEMBER_ID [--txn POS_TXN_ID] [--business-date YYYY-MM-DD]',
  help: [
    '--member is required: an unknown outcome is resolved by reading that member\'s coupon list.',
    '--txn links the redemption to the open sale, so a later return of it is flagged for a manager.',
    'Exit 0 honor, 1 do not honor, 3 still checking (not yet: do not honor until proven).',
  ].join('\n'),
  options: { coupon: { type: 'string' }, member: { type: 'string' }, txn: { type: 'string' }, 'business-date': { type: 'string' } },
  async run(ctx) {
    const couponId = memberId(ctx, 'coupon');
    const member = memberId(ctx);
    const txn = posId(ctx, 'txn', false);
    const date = businessDate(ctx);
    const v = await (await cliEngine(ctx)).redeem({
      couponId,
      memberId: member,
      ...(txn !== undefined && { linkedPosTxnId: txn }),
      ...(date !== undefined && { businessDate: date }),
    });
    const output = {
      honor: v.verdict === 'honor',
      verdict: v.verdict,
      reason: v.reason,
      couponId: v.couponId,
      memberId: member,
      journalId: v.row?.id ?? null,
      state: v.row?.state ?? null,
      redeemedByThisTillAt: v.redeemedByThisTillAt,
    };
    if (v.verdict === 'honor') return { output, exitCode: EXIT.ok };
    if (v.verdict === 'checking') return { output, exitCode: EXIT.pending, reason: `redeem checking: do not honor yet: ${v.reason}` };
    return { output, exitCode: EXIT.failed, reason: `redeem: do not honor: ${v.reason}` };
  },
};
