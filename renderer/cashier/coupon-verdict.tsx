/**
 * The coupon verdict, full screen: HONOR (green, ✓), DO NOT HONOR (red, ✕) with the reason, or
 * NOT YET — checking (amber) while the engine verifies. Only an explicit honor verdict is ever
 * green; while the request is in flight the screen says so and shows no verdict at all.
 */
import { useShallow } from 'zustand/shallow';
import { useCoupon, useMember, useRuntime } from '../app/context.tsx';
import { fmtClock, fmtIsoDate } from '../app/format.ts';
import { LAYER, useShortcut } from '../app/shortcuts.ts';
import { Button, Dialog } from '../ui/index.ts';
import type { CouponCheck } from '../state/coupon-store.ts';
import { VERDICT_CLASS } from '../styles/tone-classes.ts';

const HEADLINE: Record<CouponCheck['phase'], { icon: string; title: string; cls: string }> = {
  honor: { icon: '✓', title: 'HONOR', cls: VERDICT_CLASS.honor },
  'do-not-honor': { icon: '✕', title: 'DO NOT HONOR', cls: VERDICT_CLASS['do-not-honor'] },
  'not-yet': { icon: '…', title: 'NOT YET — checking', cls: VERDICT_CLASS['not-yet'] },
  redeeming: { icon: '…', title: 'Redeeming coupon…', cls: VERDICT_CLASS.redeeming },
};

export function CouponVerdictOverlay() {
  const runtime = useRuntime();
  const check = useCoupon(useShallow((s) => (s.shown === null ? null : (s.checks[s.shown] ?? null))));
  if (check === null) return null;
  const settled = check.phase === 'honor' || check.phase === 'do-not-honor';
  // Remount when the verdict lands, so focus moves to "Done".
  return <VerdictScreen key={`${check.couponId}:${settled ? 'settled' : 'pending'}`} check={check} onClose={() => runtime.coupon.getState().close()} onCheckNow={() => runtime.coupon.getState().checkNow(check.couponId)} />;
}

function VerdictScreen({ check, onClose, onCheckNow }: { check: CouponCheck; onClose: () => void; onCheckNow: () => void }) {
  const h = HEADLINE[check.phase];
  const settled = check.phase === 'honor' || check.phase === 'do-not-honor';
  const pending = check.phase === 'not-yet' || check.phase === 'redeeming';
  useShortcut('Enter', onClose, { layer: LAYER.overlay, enabled: settled });
  useShortcut('C', onCheckNow, { layer: LAYER.overlay, enabled: check.phase === 'not-yet' });
  const coupon = check.title ?? check.couponId;
  // SocialHub answers 404 alike for unknown, expired and used coupons; the card often knows which.
  const cardCoupon = useMember((s) => (s.card?.coupons.ok === true ? (s.card.coupons.value.find((c) => c.id === check.couponId) ?? null) : null));
  const cardHint =
    check.phase !== 'do-not-honor' || cardCoupon === null || check.redeemedByThisTillAt !== null
      ? null
      : cardCoupon.status === 'expired'
        ? `The member's card shows this coupon expired${cardCoupon.expiresAt === null ? '' : ` on ${fmtIsoDate(cardCoupon.expiresAt) ?? cardCoupon.expiresAt}`}.`
        : cardCoupon.status === 'redeemed'
          ? "The member's card shows this coupon was already used."
          : null;
  return (
    <Dialog
      title={`Coupon: ${h.title}`}
      hideTitle
      onClose={onClose}
      layer={LAYER.overlay}
      role="alertdialog"
      variant="full"
      feedback="flash"
      className={`verdict ${h.cls}`}
      testId="coupon-verdict"
      describedBy="verdict-reason"
    >
      <div className="verdict__inner" data-verdict={check.phase} data-testid={`verdict-${check.phase}`}>
        <div className="verdict__icon" aria-hidden="true">
          {check.phase === 'redeeming' || check.phase === 'not-yet' ? <span className="spinner" /> : h.icon}
        </div>
        <p className="verdict__title" data-testid="verdict-title" aria-hidden="true">
          {h.title}
        </p>
        <p className="verdict__coupon">
          {coupon}
          {check.code !== null && <span className="mono"> · {check.code}</span>}
        </p>
        <p className="verdict__reason" id="verdict-reason" data-testid="verdict-reason">
          {check.phase === 'redeeming'
            ? 'Waiting for SocialHub. Do not honor the coupon until the verdict shows.'
            : check.phase === 'not-yet'
              ? check.reason.trim() === ''
                ? 'Do not honor it yet. The till is checking with SocialHub whether it was redeemed.'
                : check.reason
              : check.reason}
          {check.phase === 'do-not-honor' && check.redeemedByThisTillAt !== null && ` (redeemed by this till at ${fmtClock(check.redeemedByThisTillAt)})`}
        </p>
        {cardHint !== null && (
          <p className="verdict__sub" data-testid="verdict-card-hint">
            {cardHint}
          </p>
        )}
        {check.pollError !== null && check.phase === 'not-yet' && <p className="verdict__sub">Last check: {check.pollError}</p>}
        {check.linkedPosTxnId !== null && (
          <p className="verdict__sub" data-testid="verdict-linked">
            Linked to sale <span className="mono">{check.linkedPosTxnId}</span>
          </p>
        )}
        <div className="verdict__actions">
          {check.phase === 'not-yet' && (
            <Button variant="secondary" size="large" shortcut="C" onClick={onCheckNow} testId="verdict-check-now">
              Check now
            </Button>
          )}
          {settled ? (
            <Button variant="secondary" size="large" shortcut="Enter" onClick={onClose} data-autofocus testId="verdict-done">
              Done
            </Button>
          ) : (
            <Button variant="secondary" size="large" shortcut="Escape" onClick={onClose} data-autofocus={pending ? true : undefined} testId="verdict-close">
              Close — keep checking
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
