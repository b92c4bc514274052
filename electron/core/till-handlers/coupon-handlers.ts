/**
 * Coupon redeem and the verdict poll. A redeem is honoured only on proof (the engine's rule);
 * the member is the one named in the request or, for a bare coupon scan, the member whose card
 * is up and lists that coupon — their coupon list is how an unknown outcome is resolved. Either
 * way that member's card must have been shown in this session, listing the coupon: the page's
 * word for whose coupon it is counts for nothing.
 */
import { localizedError } from '../../../shared/ipc/localized-error.ts';
import { CARD_NOT_SHOWN_FOR_COUPON } from './card-session.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

export function registerCouponHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('couponRedeem', async ({ couponId, memberId, linkedPosTxnId }) => {
    const now = deps.now();
    const freshness = deps.settings.get().cardFreshnessMinutes;
    const member = memberId ?? deps.cards.memberForCoupon(couponId, now, freshness);
    if (member === null) throw localizedError('CARD_NOT_SHOWN', CARD_NOT_SHOWN_FOR_COUPON);
    deps.cards.requireCoupon(member, couponId, now, freshness);
    const verdict = await engineCall(deps, (engine) => engine.redeem({ couponId, memberId: member, ...(linkedPosTxnId === undefined ? {} : { linkedPosTxnId }) }));
    deps.screenRows.add(verdict.row);
    return verdict;
  });
  registry.handle('couponVerdict', ({ couponId }) => engineCall(deps, (engine) => engine.couponVerdict(couponId)));
}
