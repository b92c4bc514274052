/**
 * Coupon redeem and the verdict poll. A redeem is honoured only on proof (the engine's rule);
 * the member is the one named in the request or, for a bare coupon scan, the member whose card
 * is up and lists that coupon — their coupon list is how an unknown outcome is resolved.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';
import { engineCall } from './engine-call.ts';

export function registerCouponHandlers(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('couponRedeem', ({ couponId, memberId, linkedPosTxnId }) => {
    const member = memberId ?? deps.cards.memberForCoupon(couponId, deps.now(), deps.settings.get().cardFreshnessMinutes);
    if (member === null) throw new IpcError('CARD_NOT_SHOWN', "Show the member's card first, so the coupon can be checked against their coupons.");
    return engineCall(deps, (engine) => engine.redeem({ couponId, memberId: member, ...(linkedPosTxnId === undefined ? {} : { linkedPosTxnId }) }));
  });
  registry.handle('couponVerdict', ({ couponId }) => engineCall(deps, (engine) => engine.couponVerdict(couponId)));
}
