/**
 * The member card: name first (the cashier confirms the person), then balance, tier (with its
 * multiplier and the way to the next tier) and coupons, active first. Each part loads and fails
 * on its own: skeletons while loading, a clear line when one part could not be read.
 */
import type { MemberCard as MemberCardData } from '../../shared/ipc/schemas/till.ts';
import type { Coupon } from '../../shared/api/schemas.ts';
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { Translator } from '../../shared/i18n/translator.ts';
import { englishText } from '../../shared/i18n/translator.ts';
import type { Translate } from '../state/locale-store.ts';
import { useCoupon, useMember, useRuntime } from '../app/context.tsx';
import { formatClock, formatIsoDate } from '../../shared/time/date-format.ts';
import { fmtInt, fmtMultiplier, fmtPoints } from '../app/format.ts';
import { Button, Kbd, Skeleton, VisuallyHidden } from '../ui/index.ts';
import { pendingChecks } from '../state/coupon-store.ts';
import { sortCoupons, tierProgress } from '../state/member-store.ts';
import { openSaleTxnId } from '../state/award-store.ts';
import { useShallow } from 'zustand/shallow';
import { useState } from 'react';
import { errorText } from '../app/call.ts';
import { useT, useTranslator } from '../app/translate.tsx';

const M = defineMessages({
  notFound: { id: 'cashier.card.problem.notFound', defaultMessage: 'SocialHub does not know this member.', description: 'Card part failed: unknown member' },
  noAnswer: { id: 'cashier.card.problem.noAnswer', defaultMessage: 'SocialHub did not answer. Press F5 to reload the card.', description: 'Card part failed: network' },
  busy: { id: 'cashier.card.problem.busy', defaultMessage: 'SocialHub is busy. Press F5 in a moment to reload the card.', description: 'Card part failed: rate limited' },
  keyRefused: { id: 'cashier.card.problem.keyRefused', defaultMessage: 'The till’s SocialHub key was refused. Call a manager.', description: 'Card part failed: key refused' },
  other: { id: 'cashier.card.problem.other', defaultMessage: 'SocialHub had a problem sending it. Press F5 to reload the card.', description: 'Card part failed: other' },
  couldNotLoad: { id: 'cashier.card.couldNotLoad', defaultMessage: '{what, select, name {The member’s name} balance {The balance} tier {The tier} other {The coupons}} could not be loaded.', description: 'Which part of the card failed' },
  idleTitle: { id: 'cashier.idle.title', defaultMessage: 'Scan the member’s QR code', description: 'Idle screen headline' },
  idleText: { id: 'cashier.idle.text', defaultMessage: 'Use the scanner — it works wherever the cursor is.', description: 'Idle screen hint' },
  idleNoScanner: { id: 'cashier.idle.noScanner', defaultMessage: 'No scanner?', description: 'Idle screen: alternatives follow' },
  idleCamera: { id: 'cashier.idle.camera', defaultMessage: 'camera', description: 'Idle screen: F7 opens the camera' },
  idleType: { id: 'cashier.idle.type', defaultMessage: 'type the code', description: 'Idle screen: F8 types a code' },
  memberCard: { id: 'cashier.card.label', defaultMessage: 'Member card', description: 'Accessible name of the card' },
  loading: { id: 'cashier.card.loading', defaultMessage: 'Loading the member card…', description: 'Screen-reader text while loading' },
  balance: { id: 'cashier.card.balance', defaultMessage: 'Balance', description: 'Figure label: points balance' },
  tier: { id: 'cashier.card.tier', defaultMessage: 'Tier', description: 'Figure label: loyalty tier' },
  coupons: { id: 'cashier.card.coupons', defaultMessage: 'Coupons', description: 'Section title' },
  cardFailed: { id: 'cashier.card.failed', defaultMessage: 'The member card could not be loaded.', description: 'Whole card failed' },
  member: { id: 'cashier.card.member', defaultMessage: 'Member {id}', description: 'Member by id when the name is unknown' },
  tryAgain: { id: 'cashier.card.tryAgain', defaultMessage: 'Try again', description: 'Button: reload the card' },
  partDetail: { id: 'cashier.card.partDetail', defaultMessage: 'Details for support', description: 'Collapsed section with SocialHub’s own (English) account of a failed card part' },
  stale: { id: 'cashier.card.stale', defaultMessage: 'Could not refresh the card: {error}', description: 'Card shown is older; refresh failed' },
  checkName: { id: 'cashier.card.checkName', defaultMessage: 'Check the name with the customer', description: 'Above the member name' },
  status: { id: 'cashier.card.status', defaultMessage: '{status, select, active {ACTIVE} suspended {SUSPENDED} closed {CLOSED} other {INACTIVE}}', description: 'Member status badge, capitals' },
  since: { id: 'cashier.card.since', defaultMessage: 'Member since {date}', description: 'Join date' },
  read: { id: 'cashier.card.read', defaultMessage: 'Card read {time}', description: 'When the card was read' },
  tierPoints: { id: 'cashier.card.tierPoints', defaultMessage: '{multiplier} points', description: 'Tier multiplier, e.g. ×1.5 points' },
  progressTo: { id: 'cashier.card.progressTo', defaultMessage: 'Progress to {tier}', description: 'Accessible name of the tier progress bar' },
  toNext: { id: 'cashier.card.toNext', defaultMessage: '{pts} to {tier}', description: 'Points needed to the next tier' },
  topTier: { id: 'cashier.card.topTier', defaultMessage: 'Top tier', description: 'No higher tier' },
  badgeActive: { id: 'cashier.coupon.badge.active', defaultMessage: 'ACTIVE', description: 'Coupon status badge, capitals' },
  badgeRedeemed: { id: 'cashier.coupon.badge.redeemed', defaultMessage: 'REDEEMED', description: 'Coupon status badge, capitals' },
  badgeExpired: { id: 'cashier.coupon.badge.expired', defaultMessage: 'EXPIRED', description: 'Coupon status badge, capitals' },
  activeCount: { id: 'cashier.coupon.activeCount', defaultMessage: '{count} active', description: 'Number of active coupons' },
  stillChecking: { id: 'cashier.coupon.stillChecking', defaultMessage: 'Coupons still being checked', description: 'Accessible name of pending checks' },
  notYetChip: { id: 'cashier.coupon.notYetChip', defaultMessage: 'NOT YET — checking {coupon}', description: 'Chip for a coupon still being checked' },
  none: { id: 'cashier.coupon.none', defaultMessage: 'No coupons.', description: 'Member has no coupons' },
  expiredOn: { id: 'cashier.coupon.expiredOn', defaultMessage: 'Expired {date}', description: 'Coupon expiry in the past' },
  expiresOn: { id: 'cashier.coupon.expiresOn', defaultMessage: 'Expires {date}', description: 'Coupon expiry in the future' },
  redeemNamed: { id: 'cashier.coupon.redeemNamed', defaultMessage: 'Redeem {coupon}', description: 'Accessible name of a coupon redeem button' },
  redeem: { id: 'cashier.coupon.redeem', defaultMessage: 'Redeem', description: 'Button: redeem this coupon' },
});

type Part<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** What a failed part means for the cashier; main's own message stays underneath, small, for support. */
export function partProblem(code: string, t: Translate = englishText): string {
  const c = code.toLowerCase();
  if (c === 'not_found' || c === 'not-found') return t(M.notFound);
  if (/reset|timeout|network|unreachable|offline|refused|socket/.test(c)) return t(M.noAnswer);
  if (/rate|429|busy/.test(c)) return t(M.busy);
  if (/unauthor|forbidden|key|401|403/.test(c)) return t(M.keyRefused);
  return t(M.other);
}

function PartError({ what, part, testId }: { what: 'name' | 'balance' | 'tier' | 'coupons'; part: { ok: false; code: string; message: string }; testId: string }) {
  const t = useT();
  // Main's English account is for support: it joins the page only once someone opens the section.
  const [open, setOpen] = useState(false);
  return (
    <div className="part-error" role="alert" data-testid={testId} data-code={part.code}>
      <span className="part-error__icon" aria-hidden="true">
        !
      </span>
      <span>
        <strong>{t(M.couldNotLoad, { what })}</strong> {partProblem(part.code, t)}
        <details className="part-error__detail" onToggle={(e) => setOpen(e.currentTarget.open)}>
          <summary>{t(M.partDetail)}</summary>
          {open && <span lang="en">{part.message}</span>}
        </details>
      </span>
    </div>
  );
}

export function IdlePrompt() {
  const t = useT();
  return (
    <section className="idle" aria-labelledby="idle-title" data-testid="idle-prompt">
      <div className="idle__icon" aria-hidden="true">
        <svg viewBox="0 0 64 64" width="120" height="120">
          <path d="M6 20V6h14M44 6h14v14M58 44v14H44M20 58H6V44" fill="none" stroke="currentColor" strokeWidth="5" strokeLinecap="round" />
          <rect x="18" y="18" width="10" height="10" fill="currentColor" />
          <rect x="36" y="18" width="10" height="10" fill="currentColor" />
          <rect x="18" y="36" width="10" height="10" fill="currentColor" />
          <rect x="38" y="38" width="6" height="6" fill="currentColor" />
        </svg>
      </div>
      <h2 id="idle-title" className="idle__title">
        {t(M.idleTitle)}
      </h2>
      <p className="idle__text">{t(M.idleText)}</p>
      <p className="idle__alt">
        {t(M.idleNoScanner)} <Kbd>F7</Kbd> {t(M.idleCamera)} · <Kbd>F8</Kbd> {t(M.idleType)}
      </p>
    </section>
  );
}

function LoadingCard() {
  const t = useT();
  return (
    <section className="card card--loading" aria-busy="true" aria-label={t(M.memberCard)} data-testid="member-card-loading">
      <VisuallyHidden>{t(M.loading)}</VisuallyHidden>
      <div className="card__who">
        <Skeleton className="skeleton--name" />
        <Skeleton className="skeleton--line" />
      </div>
      <div className="card__figures">
        <div className="figure">
          <span className="figure__label">{t(M.balance)}</span>
          <Skeleton className="skeleton--figure" />
        </div>
        <div className="figure">
          <span className="figure__label">{t(M.tier)}</span>
          <Skeleton className="skeleton--figure" />
        </div>
      </div>
      <div className="coupons">
        <h3 className="section-title">{t(M.coupons)}</h3>
        <Skeleton className="skeleton--row" />
        <Skeleton className="skeleton--row" />
      </div>
    </section>
  );
}

export function MemberCardView() {
  const { phase, card, error, refreshing, memberId } = useMember(
    useShallow((s) => ({ phase: s.phase, card: s.card, error: s.error, refreshing: s.refreshing, memberId: s.memberId })),
  );
  const runtime = useRuntime();
  const tr = useTranslator();
  const t = useT();
  if (phase === 'idle') return <IdlePrompt />;
  if (phase === 'loading' || (phase === 'loaded' && card === null)) return <LoadingCard />;
  if (phase === 'error' || card === null) {
    return (
      <section className="card card--error" aria-label={t(M.memberCard)} data-testid="member-card-error">
        <div className="part-error part-error--big" role="alert">
          <span className="part-error__icon" aria-hidden="true">
            ✕
          </span>
          <span>
            <strong>{t(M.cardFailed)}</strong> {error !== null && errorText(error, tr)}
          </span>
        </div>
        <p className="muted">{t(M.member, { id: memberId ?? '' })}</p>
        <Button shortcut="F5" onClick={() => void runtime.member.getState().refresh()} testId="card-retry">
          {t(M.tryAgain)}
        </Button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="member-name" aria-busy={refreshing} data-testid="member-card" data-member-id={card.memberId}>
      <Who card={card} />
      {error !== null && (
        <p className="card__stale" role="alert">
          {t(M.stale, { error: errorText(error, tr) })}
        </p>
      )}
      <div className="card__figures">
        <Balance part={card.points} />
        <TierView part={card.tier} balance={card.points.ok ? card.points.value.balance : null} />
      </div>
      <Coupons part={card.coupons} />
    </section>
  );
}

function Who({ card }: { card: MemberCardData }) {
  const tr = useTranslator();
  const t = tr.t.bind(tr);
  const part = card.member;
  if (!part.ok) {
    return (
      <div className="card__who">
        <h2 id="member-name" className="card__name card__name--unknown">
          {t(M.member, { id: card.memberId })}
        </h2>
        <PartError what="name" part={part} testId="member-error" />
      </div>
    );
  }
  const m = part.value;
  const since = formatIsoDate(m.joinedAt, tr.locale);
  const inactive = m.status !== 'active';
  return (
    <div className="card__who">
      <p className="card__eyebrow">{t(M.checkName)}</p>
      <h2 id="member-name" className="card__name" data-testid="member-name">
        {m.name}
      </h2>
      <p className="card__meta">
        {inactive && (
          <span className="badge badge--danger" data-testid="member-status">
            <span aria-hidden="true">⚠ </span>
            {t(M.status, { status: m.status })}
          </span>
        )}
        {since !== null && <span>{t(M.since, { date: since })}</span>}
        <span className="mono">{m.id}</span>
        <span>{t(M.read, { time: formatClock(card.fetchedAt, tr.locale) })}</span>
      </p>
    </div>
  );
}

function Balance({ part }: { part: Part<{ balance: number }> }) {
  const tr = useTranslator();
  return (
    <div className="figure" data-testid="member-balance">
      <span className="figure__label" id="balance-label">
        {tr.t(M.balance)}
      </span>
      {part.ok ? (
        <span className="figure__value" id="balance-value">
          {fmtPointsParts(part.value.balance, tr)}
        </span>
      ) : (
        <PartError what="balance" part={part} testId="points-error" />
      )}
    </div>
  );
}

function TierView({ part, balance }: { part: MemberCardData['tier']; balance: number | null }) {
  const tr = useTranslator();
  const t = tr.t.bind(tr);
  if (!part.ok) {
    return (
      <div className="figure" data-testid="member-tier">
        <span className="figure__label">{t(M.tier)}</span>
        <PartError what="tier" part={part} testId="tier-error" />
      </div>
    );
  }
  const { tier, next } = part.value;
  const progress = tierProgress(balance, next?.pointsToNext ?? null);
  return (
    <div className="figure" data-testid="member-tier">
      <span className="figure__label">{t(M.tier)}</span>
      <span className="figure__value figure__value--tier">
        {tier.name} <span className="tier-mult">{t(M.tierPoints, { multiplier: fmtMultiplier(tier.multiplier, tr) })}</span>
      </span>
      {next !== null ? (
        <div className="tier-next">
          {progress !== null && <progress className="tier-progress" value={Math.round(progress * 100)} max={100} aria-label={t(M.progressTo, { tier: next.name })} />}
          <span className="tier-next__text" data-testid="tier-next">
            {t(M.toNext, { pts: fmtPoints(next.pointsToNext, false, tr), tier: next.name })}
          </span>
        </div>
      ) : (
        <span className="tier-next__text">{t(M.topTier)}</span>
      )}
    </div>
  );
}

const STATUS_BADGE: Record<Coupon['status'], { icon: string; text: MessageDescriptor; cls: string }> = {
  active: { icon: '●', text: M.badgeActive, cls: 'badge--ok' },
  redeemed: { icon: '✓', text: M.badgeRedeemed, cls: 'badge--muted' },
  expired: { icon: '✕', text: M.badgeExpired, cls: 'badge--muted' },
};

/** "5,199 pts" with the number and the unit apart (the unit is smaller); the unit comes from the catalogue. */
function fmtPointsParts(n: number, tr: Translator) {
  const whole = fmtPoints(n, false, tr);
  const num = fmtInt(n, tr);
  const at = whole.indexOf(num);
  if (at < 0) return whole;
  return (
    <>
      {whole.slice(0, at)}
      {num}
      <span className="figure__unit">{whole.slice(at + num.length)}</span>
    </>
  );
}

/** Alt+1… Alt+9 redeem the active coupons in the order shown. */
export function couponShortcut(index: number): string | undefined {
  return index < 9 ? `Alt+${index + 1}` : undefined;
}

function Coupons({ part }: { part: MemberCardData['coupons'] }) {
  const runtime = useRuntime();
  const pending = useCoupon(useShallow((s) => pendingChecks(s)));
  const tr = useTranslator();
  const t = tr.t.bind(tr);
  if (!part.ok) {
    return (
      <div className="coupons" data-testid="member-coupons">
        <h3 className="section-title">{t(M.coupons)}</h3>
        <PartError what="coupons" part={part} testId="coupons-error" />
      </div>
    );
  }
  const coupons = sortCoupons(part.value);
  const active = coupons.filter((c) => c.status === 'active');
  return (
    <div className="coupons" data-testid="member-coupons">
      <h3 className="section-title">
        {t(M.coupons)} <span className="section-title__count">{t(M.activeCount, { count: active.length })}</span>
      </h3>
      {pending.length > 0 && (
        <ul className="pending-checks" aria-label={t(M.stillChecking)}>
          {pending.map((c) => (
            <li key={c.couponId}>
              <Button variant="quiet" size="small" className="chip-notyet" onClick={() => runtime.coupon.getState().show(c.couponId)} testId="pending-check">
                <span aria-hidden="true">… </span>{t(M.notYetChip, { coupon: c.title ?? c.couponId })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {coupons.length === 0 ? (
        <p className="muted">{t(M.none)}</p>
      ) : (
        <ul className="coupon-list">
          {coupons.map((c) => {
            const badge = STATUS_BADGE[c.status];
            const expires = formatIsoDate(c.expiresAt, tr.locale);
            const idx = active.indexOf(c);
            return (
              <li key={c.id} className={`coupon coupon--${c.status}`} data-testid="coupon" data-coupon-id={c.id} data-status={c.status}>
                <div className="coupon__text">
                  <span className="coupon__title">{c.title}</span>
                  <span className="coupon__meta">
                    <span className="mono">{c.code}</span>
                    {expires !== null && <span>{t(c.status === 'expired' ? M.expiredOn : M.expiresOn, { date: expires })}</span>}
                  </span>
                </div>
                {c.status === 'active' ? (
                  <Button
                    variant="primary"
                    shortcut={couponShortcut(idx)}
                    onClick={() => redeemFromCard(runtime, c)}
                    aria-label={t(M.redeemNamed, { coupon: c.title })}
                    testId="coupon-redeem"
                  >
                    {t(M.redeem)}
                  </Button>
                ) : (
                  <span className={`badge ${badge.cls}`}>
                    <span aria-hidden="true">{badge.icon} </span>
                    {t(badge.text)}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export function redeemFromCard(runtime: ReturnType<typeof useRuntime>, c: Coupon): void {
  const m = runtime.member.getState();
  const award = runtime.award.getState();
  runtime.sound.play('scan');
  void runtime.coupon.getState().redeem({
    couponId: c.id,
    title: c.title,
    code: c.code,
    memberId: m.memberId,
    linkedPosTxnId: openSaleTxnId(award, m),
  });
}
