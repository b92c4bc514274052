/**
 * The member card: name first (the cashier confirms the person), then balance, tier (with its
 * multiplier and the way to the next tier) and coupons, active first. Each part loads and fails
 * on its own: skeletons while loading, a clear line when one part could not be read.
 */
import type { MemberCard as MemberCardData } from '../../shared/ipc/schemas/till.ts';
import type { Coupon } from '../../shared/api/schemas.ts';
import { useCoupon, useMember, useRuntime } from '../app/context.tsx';
import { fmtClock, fmtInt, fmtIsoDate, fmtMultiplier, fmtPoints } from '../app/format.ts';
import { Button, Kbd, Skeleton, VisuallyHidden } from '../ui/index.ts';
import { pendingChecks } from '../state/coupon-store.ts';
import { sortCoupons, tierProgress } from '../state/member-store.ts';
import { openSaleTxnId } from '../state/award-store.ts';
import { useShallow } from 'zustand/shallow';

type Part<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** What a failed part means for the cashier; main's own message stays underneath, small, for support. */
export function partProblem(code: string): string {
  const c = code.toLowerCase();
  if (c === 'not_found' || c === 'not-found') return 'SocialHub does not know this member.';
  if (/reset|timeout|network|unreachable|offline|refused|socket/.test(c)) return 'SocialHub did not answer. Press F5 to reload the card.';
  if (/rate|429|busy/.test(c)) return 'SocialHub is busy. Press F5 in a moment to reload the card.';
  if (/unauthor|forbidden|key|401|403/.test(c)) return 'The till’s SocialHub key was refused. Call a manager.';
  return 'SocialHub had a problem sending it. Press F5 to reload the card.';
}

function PartError({ what, part, testId }: { what: string; part: { ok: false; code: string; message: string }; testId: string }) {
  return (
    <div className="part-error" role="alert" data-testid={testId} data-code={part.code}>
      <span className="part-error__icon" aria-hidden="true">
        !
      </span>
      <span>
        <strong>{what} could not be loaded.</strong> {partProblem(part.code)}
        <span className="part-error__detail">{part.message}</span>
      </span>
    </div>
  );
}

export function IdlePrompt() {
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
        Scan the member’s QR code
      </h2>
      <p className="idle__text">Use the scanner — it works wherever the cursor is.</p>
      <p className="idle__alt">
        No scanner? <Kbd>F7</Kbd> camera · <Kbd>F8</Kbd> type the code
      </p>
    </section>
  );
}

function LoadingCard() {
  return (
    <section className="card card--loading" aria-busy="true" aria-label="Member card" data-testid="member-card-loading">
      <VisuallyHidden>Loading the member card…</VisuallyHidden>
      <div className="card__who">
        <Skeleton className="skeleton--name" />
        <Skeleton className="skeleton--line" />
      </div>
      <div className="card__figures">
        <div className="figure">
          <span className="figure__label">Balance</span>
          <Skeleton className="skeleton--figure" />
        </div>
        <div className="figure">
          <span className="figure__label">Tier</span>
          <Skeleton className="skeleton--figure" />
        </div>
      </div>
      <div className="coupons">
        <h3 className="section-title">Coupons</h3>
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
  if (phase === 'idle') return <IdlePrompt />;
  if (phase === 'loading' || (phase === 'loaded' && card === null)) return <LoadingCard />;
  if (phase === 'error' || card === null) {
    return (
      <section className="card card--error" aria-label="Member card" data-testid="member-card-error">
        <div className="part-error part-error--big" role="alert">
          <span className="part-error__icon" aria-hidden="true">
            ✕
          </span>
          <span>
            <strong>The member card could not be loaded.</strong> {error?.message}
          </span>
        </div>
        <p className="muted">Member {memberId}</p>
        <Button shortcut="F5" onClick={() => void runtime.member.getState().refresh()} testId="card-retry">
          Try again
        </Button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="member-name" aria-busy={refreshing} data-testid="member-card" data-member-id={card.memberId}>
      <Who card={card} />
      {error !== null && (
        <p className="card__stale" role="alert">
          Could not refresh the card: {error.message}
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
  const part = card.member;
  if (!part.ok) {
    return (
      <div className="card__who">
        <h2 id="member-name" className="card__name card__name--unknown">
          Member {card.memberId}
        </h2>
        <PartError what="The member’s name" part={part} testId="member-error" />
      </div>
    );
  }
  const m = part.value;
  const since = fmtIsoDate(m.joinedAt);
  const inactive = m.status !== 'active';
  return (
    <div className="card__who">
      <p className="card__eyebrow">Check the name with the customer</p>
      <h2 id="member-name" className="card__name" data-testid="member-name">
        {m.name}
      </h2>
      <p className="card__meta">
        {inactive && (
          <span className="badge badge--danger" data-testid="member-status">
            <span aria-hidden="true">⚠ </span>
            {m.status.toUpperCase()}
          </span>
        )}
        {since !== null && <span>Member since {since}</span>}
        <span className="mono">{m.id}</span>
        <span>Card read {fmtClock(card.fetchedAt)}</span>
      </p>
    </div>
  );
}

function Balance({ part }: { part: Part<{ balance: number }> }) {
  return (
    <div className="figure" data-testid="member-balance">
      <span className="figure__label" id="balance-label">
        Balance
      </span>
      {part.ok ? (
        <span className="figure__value" id="balance-value">
          {fmtInt(part.value.balance)}
          <span className="figure__unit"> pts</span>
        </span>
      ) : (
        <PartError what="The balance" part={part} testId="points-error" />
      )}
    </div>
  );
}

function TierView({ part, balance }: { part: MemberCardData['tier']; balance: number | null }) {
  if (!part.ok) {
    return (
      <div className="figure" data-testid="member-tier">
        <span className="figure__label">Tier</span>
        <PartError what="The tier" part={part} testId="tier-error" />
      </div>
    );
  }
  const { tier, next } = part.value;
  const progress = tierProgress(balance, next?.pointsToNext ?? null);
  return (
    <div className="figure" data-testid="member-tier">
      <span className="figure__label">Tier</span>
      <span className="figure__value figure__value--tier">
        {tier.name} <span className="tier-mult">{fmtMultiplier(tier.multiplier)} points</span>
      </span>
      {next !== null ? (
        <div className="tier-next">
          {progress !== null && <progress className="tier-progress" value={Math.round(progress * 100)} max={100} aria-label={`Progress to ${next.name}`} />}
          <span className="tier-next__text" data-testid="tier-next">
            {fmtPoints(next.pointsToNext)} to {next.name}
          </span>
        </div>
      ) : (
        <span className="tier-next__text">Top tier</span>
      )}
    </div>
  );
}

const STATUS_BADGE: Record<Coupon['status'], { icon: string; text: string; cls: string }> = {
  active: { icon: '●', text: 'ACTIVE', cls: 'badge--ok' },
  redeemed: { icon: '✓', text: 'REDEEMED', cls: 'badge--muted' },
  expired: { icon: '✕', text: 'EXPIRED', cls: 'badge--muted' },
};

/** Alt+1… Alt+9 redeem the active coupons in the order shown. */
export function couponShortcut(index: number): string | undefined {
  return index < 9 ? `Alt+${index + 1}` : undefined;
}

function Coupons({ part }: { part: MemberCardData['coupons'] }) {
  const runtime = useRuntime();
  const pending = useCoupon(useShallow((s) => pendingChecks(s)));
  if (!part.ok) {
    return (
      <div className="coupons" data-testid="member-coupons">
        <h3 className="section-title">Coupons</h3>
        <PartError what="The coupons" part={part} testId="coupons-error" />
      </div>
    );
  }
  const coupons = sortCoupons(part.value);
  const active = coupons.filter((c) => c.status === 'active');
  return (
    <div className="coupons" data-testid="member-coupons">
      <h3 className="section-title">
        Coupons <span className="section-title__count">{active.length} active</span>
      </h3>
      {pending.length > 0 && (
        <ul className="pending-checks" aria-label="Coupons still being checked">
          {pending.map((c) => (
            <li key={c.couponId}>
              <Button variant="quiet" size="small" className="chip-notyet" onClick={() => runtime.coupon.getState().show(c.couponId)} testId="pending-check">
                <span aria-hidden="true">… </span>NOT YET — checking {c.title ?? c.couponId}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {coupons.length === 0 ? (
        <p className="muted">No coupons.</p>
      ) : (
        <ul className="coupon-list">
          {coupons.map((c) => {
            const badge = STATUS_BADGE[c.status];
            const expires = fmtIsoDate(c.expiresAt);
            const idx = active.indexOf(c);
            return (
              <li key={c.id} className={`coupon coupon--${c.status}`} data-testid="coupon" data-coupon-id={c.id} data-status={c.status}>
                <div className="coupon__text">
                  <span className="coupon__title">{c.title}</span>
                  <span className="coupon__meta">
                    <span className="mono">{c.code}</span>
                    {expires !== null && <span>{c.status === 'expired' ? `Expired ${expires}` : `Expires ${expires}`}</span>}
                  </span>
                </div>
                {c.status === 'active' ? (
                  <Button
                    variant="primary"
                    shortcut={couponShortcut(idx)}
                    onClick={() => redeemFromCard(runtime, c)}
                    aria-label={`Redeem ${c.title}`}
                    testId="coupon-redeem"
                  >
                    Redeem
                  </Button>
                ) : (
                  <span className={`badge ${badge.cls}`}>
                    <span aria-hidden="true">{badge.icon} </span>
                    {badge.text}
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
