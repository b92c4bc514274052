/**
 * The coupon verdict, full screen: HONOR (green, ✓), DO NOT HONOR (red, ✕) with the reason, or
 * NOT YET — checking (amber) while the engine verifies. Only an explicit honor verdict is ever
 * green; while the request is in flight the screen says so and shows no verdict at all.
 */
import { useShallow } from 'zustand/shallow';
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { SOURCE_LOCALE } from '../../shared/i18n/locales.ts';
import { useCoupon, useMember, useRuntime } from '../app/context.tsx';
import { formatClock, formatIsoDate } from '../../shared/time/date-format.ts';
import { LAYER, useShortcut } from '../app/shortcuts.ts';
import { Button, Dialog } from '../ui/index.ts';
import { reasonText, type CouponCheck } from '../state/coupon-store.ts';
import { VERDICT_CLASS } from '../styles/tone-classes.ts';
import { useTranslator } from '../app/translate.tsx';

const M = defineMessages({
  honor: { id: 'cashier.verdict.honor', defaultMessage: 'HONOR', description: 'Verdict headline, huge, capitals: give the coupon discount. Keep very short.' },
  doNotHonor: { id: 'cashier.verdict.doNotHonor', defaultMessage: 'DO NOT HONOR', description: 'Verdict headline, huge, capitals: do not give the discount. Keep very short.' },
  notYet: { id: 'cashier.verdict.notYet', defaultMessage: 'NOT YET — checking', description: 'Verdict headline while the outcome is verified' },
  redeeming: { id: 'cashier.verdict.redeeming', defaultMessage: 'Redeeming coupon…', description: 'Headline while the redemption is sent' },
  dialogTitle: { id: 'cashier.verdict.dialogTitle', defaultMessage: 'Coupon: {verdict}', description: 'Accessible title of the verdict screen' },
  waiting: { id: 'cashier.verdict.waiting', defaultMessage: 'Waiting for SocialHub. Do not honor the coupon until the verdict shows.', description: 'Reason while redeeming' },
  checkingReason: { id: 'cashier.verdict.checkingReason', defaultMessage: 'Do not honor it yet. The till is checking with SocialHub whether it was redeemed.', description: 'Reason while NOT YET' },
  honorReason: { id: 'cashier.verdict.honorReason', defaultMessage: 'Redeemed. Give the discount.', description: 'Reason under HONOR' },
  honorLateReason: { id: 'cashier.verdict.honorLateReason', defaultMessage: 'Redeemed by this till at {time}. Give the discount once.', description: 'Reason under HONOR when an earlier attempt redeemed it' },
  usedHereReason: { id: 'cashier.verdict.usedHereReason', defaultMessage: 'Already redeemed by this till at {time}. That discount was given then; do not give it again.', description: 'Reason under DO NOT HONOR: used earlier at this till' },
  refusedReason: { id: 'cashier.verdict.refusedReason', defaultMessage: 'Not redeemed. Do not give the discount.', description: 'Reason under DO NOT HONOR' },
  redeemedHere: { id: 'cashier.verdict.redeemedHere', defaultMessage: '(redeemed by this till at {time})', description: 'Appended to a DO NOT HONOR reason' },
  cardExpiredOn: { id: 'cashier.verdict.cardExpiredOn', defaultMessage: 'The member’s card shows this coupon expired on {date}.', description: 'Hint under DO NOT HONOR' },
  cardExpired: { id: 'cashier.verdict.cardExpired', defaultMessage: 'The member’s card shows this coupon expired.', description: 'Hint under DO NOT HONOR' },
  cardUsed: { id: 'cashier.verdict.cardUsed', defaultMessage: 'The member’s card shows this coupon was already used.', description: 'Hint under DO NOT HONOR' },
  lastCheck: { id: 'cashier.verdict.lastCheck', defaultMessage: 'Last check: {error}', description: 'Why the last verdict poll failed' },
  linked: { id: 'cashier.verdict.linked', defaultMessage: 'Linked to sale {sale}', description: 'The sale the coupon was redeemed on' },
  detail: { id: 'cashier.verdict.detail', defaultMessage: 'Details for support', description: 'Collapsed section with the till engine’s own (English) sentence' },
  checkNow: { id: 'cashier.verdict.checkNow', defaultMessage: 'Check now', description: 'Button: poll the verdict now' },
  done: { id: 'cashier.verdict.done', defaultMessage: 'Done', description: 'Button: close the verdict' },
  closeKeepChecking: { id: 'cashier.verdict.closeKeepChecking', defaultMessage: 'Close — keep checking', description: 'Button: close while the check goes on' },
});

const HEADLINE: Record<CouponCheck['phase'], { icon: string; title: MessageDescriptor; cls: string }> = {
  honor: { icon: '✓', title: M.honor, cls: VERDICT_CLASS.honor },
  'do-not-honor': { icon: '✕', title: M.doNotHonor, cls: VERDICT_CLASS['do-not-honor'] },
  'not-yet': { icon: '…', title: M.notYet, cls: VERDICT_CLASS['not-yet'] },
  redeeming: { icon: '…', title: M.redeeming, cls: VERDICT_CLASS.redeeming },
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
  const tr = useTranslator();
  const t = tr.t.bind(tr);
  const title = t(h.title);
  const clock = (ms: number): string => formatClock(ms, tr.locale);
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
        ? cardCoupon.expiresAt === null
          ? t(M.cardExpired)
          : t(M.cardExpiredOn, { date: formatIsoDate(cardCoupon.expiresAt, tr.locale) ?? cardCoupon.expiresAt })
        : cardCoupon.status === 'redeemed'
          ? t(M.cardUsed)
          : null;
  // Main's verdict comes with a catalogue message: said in the cashier's language. Without one (an
  // older main), English shows the engine's sentence and other languages a sentence of their own.
  const english = tr.language === SOURCE_LOCALE;
  const at = check.redeemedByThisTillAt;
  const fromMain = check.phase === 'redeeming' ? null : reasonText(check, tr);
  const reason =
    fromMain !== null
      ? fromMain
      : check.phase === 'redeeming'
        ? t(M.waiting)
        : check.phase === 'not-yet'
          ? english && check.reason.trim() !== ''
            ? check.reason
            : t(M.checkingReason)
          : english
            ? check.reason + (check.phase === 'do-not-honor' && at !== null ? ` ${t(M.redeemedHere, { time: clock(at) })}` : '')
            : check.phase === 'honor'
              ? at === null
                ? t(M.honorReason)
                : t(M.honorLateReason, { time: clock(at) })
              : at === null
                ? t(M.refusedReason)
                : t(M.usedHereReason, { time: clock(at) });
  const engineDetail = !english && check.reason.trim() !== '' && check.phase !== 'redeeming' ? check.reason : null;
  return (
    <Dialog
      title={t(M.dialogTitle, { verdict: title })}
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
          {title}
        </p>
        <p className="verdict__coupon">
          {coupon}
          {check.code !== null && <span className="mono"> · {check.code}</span>}
        </p>
        <p className="verdict__reason" id="verdict-reason" data-testid="verdict-reason">
          {reason}
        </p>
        {cardHint !== null && (
          <p className="verdict__sub" data-testid="verdict-card-hint">
            {cardHint}
          </p>
        )}
        {check.pollError !== null && check.phase === 'not-yet' && <p className="verdict__sub">{t(M.lastCheck, { error: check.pollError })}</p>}
        {engineDetail !== null && (
          <details className="verdict__detail">
            <summary>{t(M.detail)}</summary>
            <span lang="en">{engineDetail}</span>
          </details>
        )}
        {check.linkedPosTxnId !== null && (
          <p className="verdict__sub" data-testid="verdict-linked">
            {t(M.linked, { sale: check.linkedPosTxnId })}
          </p>
        )}
        <div className="verdict__actions">
          {check.phase === 'not-yet' && (
            <Button variant="secondary" size="large" shortcut="C" onClick={onCheckNow} testId="verdict-check-now">
              {t(M.checkNow)}
            </Button>
          )}
          {settled ? (
            <Button variant="secondary" size="large" shortcut="Enter" onClick={onClose} data-autofocus testId="verdict-done">
              {t(M.done)}
            </Button>
          ) : (
            <Button variant="secondary" size="large" shortcut="Escape" onClick={onClose} data-autofocus={pending ? true : undefined} testId="verdict-close">
              {t(M.closeKeepChecking)}
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  );
}
