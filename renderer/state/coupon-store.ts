/**
 * Coupon redemption and its verdict. Only an explicit `honor` verdict from main ever reads as
 * HONOR. A verdict of `checking`, a timeout or any doubtful failure is NOT YET, and the verdict
 * is polled (`couponVerdict`) until it is known. Each redemption is tracked on its own, so a
 * second coupon does not lose the first one's pending check.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { CashierCouponVerdict } from '../../shared/ipc/schemas/till.ts';
import { call, errorText, type CallError, type CallErrorCode } from '../app/call.ts';
import { defineMessages } from '@formatjs/intl';
import type { Timers } from './timers.ts';
import { ENGLISH_USD, type CashierLocale } from './money-entry.ts';
import type { Translate } from './locale-store.ts';
import type { LocalizedText, Translator } from '../../shared/i18n/translator.ts';

export type CheckPhase = 'redeeming' | 'honor' | 'do-not-honor' | 'not-yet';

export interface CouponCheck {
  couponId: string;
  title: string | null;
  code: string | null;
  memberId: string | null;
  linkedPosTxnId: string | null;
  phase: CheckPhase;
  /** English (main's sentence, or the store's own in the language of the moment); see `reasonText`. */
  reason: string;
  /** The reason as a catalogue message, shown in whatever language the till speaks when it is read. */
  localized: LocalizedText | null;
  redeemedByThisTillAt: number | null;
  /** The last verdict poll failed: why (the check goes on). */
  pollError: string | null;
  polls: number;
  startedAt: number;
  updatedAt: number;
}

export interface RedeemInput {
  couponId: string;
  title?: string | null;
  code?: string | null;
  memberId?: string | null;
  linkedPosTxnId?: string | null;
}

export interface CouponState {
  checks: Record<string, CouponCheck>;
  /** The check shown full-screen, or null. */
  shown: string | null;
  redeem(input: RedeemInput): Promise<void>;
  close(): void;
  show(couponId: string): void;
  /** Poll now (the cashier pressed "Check again"). */
  checkNow(couponId: string): void;
}

export type CouponStore = StoreApi<CouponState>;

export interface CouponDeps {
  bridge: Pick<TillBridge, 'couponRedeem' | 'couponVerdict'>;
  timers: Timers;
  /** A check reached honor / do-not-honor (sound, card refresh). */
  onVerdict?: (check: CouponCheck) => void;
  /** A check turned NOT YET. */
  onNotYet?: (check: CouponCheck) => void;
  /** The cashier's language; English when left out. */
  locale?: CashierLocale;
}

const M = defineMessages({
  notReached: { id: 'cashier.coupon.notReached', defaultMessage: 'Not redeemed: the request did not reach SocialHub. Scan the coupon again to retry.', description: 'Verdict reason: the redemption never reached the server' },
  notRedeemed: { id: 'cashier.coupon.notRedeemed', defaultMessage: 'Not redeemed: {why}', description: 'Verdict reason; {why} is the error sentence' },
  noAnswer: { id: 'cashier.coupon.noAnswer', defaultMessage: 'No answer from SocialHub yet. The till is checking whether the coupon was redeemed.', description: 'NOT YET reason after a timeout' },
});

/**
 * Failures that prove nothing was sent: the coupon was not redeemed, so it must not be honoured.
 * Anything else (timeouts, internal errors, the bridge itself) might have reached SocialHub.
 */
const NOT_SENT: ReadonlySet<CallErrorCode> = new Set<CallErrorCode>([
  'INVALID_PAYLOAD',
  'NOT_FOUND',
  'FORBIDDEN',
  'LOCKED',
  'UNKNOWN_CHANNEL',
  'KEY_INVALID',
  'KEY_MODE_MISMATCH',
  'KEY_NOT_CONFIGURED',
  'KEYS_UNREADABLE',
  'KEY_ORIGIN_MISMATCH',
  'BASE_URL_NOT_ALLOWED',
  'READ_KEY_MISSING',
  'JOURNAL_UNAVAILABLE',
  'INVALID_STATE',
  'CARD_NOT_SHOWN',
]);

export function isNotSent(error: CallError): boolean {
  return NOT_SENT.has(error.code);
}

export function verdictDelayMs(polls: number): number {
  return Math.min(10_000, Math.round(1_500 * 1.4 ** Math.min(polls, 8)));
}

export function createCouponStore(deps: CouponDeps): CouponStore {
  const { bridge, timers } = deps;
  const locale = deps.locale ?? ENGLISH_USD;
  const t = (message: Parameters<Translate>[0], values?: Parameters<Translate>[1]): string => locale.translator().t(message, values);
  const errText = (error: CallError): string => errorText(error, locale.translator());
  const pollTimers = new Map<string, unknown>();
  const inFlight = new Set<string>();
  const attempt = new Map<string, number>();

  return createStore<CouponState>()((set, get) => {
    const update = (couponId: string, patch: Partial<CouponCheck>): CouponCheck | null => {
      const check = get().checks[couponId];
      if (check === undefined) return null;
      const next = { ...check, ...patch, updatedAt: timers.now() };
      set({ checks: { ...get().checks, [couponId]: next } });
      return next;
    };

    const settle = (couponId: string, verdict: CashierCouponVerdict | { verdict: 'do-not-honor'; reason: string; localized: LocalizedText; redeemedByThisTillAt: null }): void => {
      cancelPoll(couponId);
      if (verdict.verdict === 'checking') return;
      const next = update(couponId, {
        phase: verdict.verdict,
        reason: verdict.reason,
        localized: localizedOf(verdict),
        redeemedByThisTillAt: verdict.redeemedByThisTillAt,
        pollError: null,
      });
      if (next === null) return;
      // The verdict is what the cashier waited for: show it even if the NOT YET screen was closed.
      if (get().shown === null) set({ shown: couponId });
      deps.onVerdict?.(next);
    };

    const cancelPoll = (couponId: string): void => {
      const t = pollTimers.get(couponId);
      if (t !== undefined) timers.clearTimeout(t);
      pollTimers.delete(couponId);
    };

    const schedulePoll = (couponId: string, delay?: number): void => {
      cancelPoll(couponId);
      const check = get().checks[couponId];
      if (check === undefined || check.phase !== 'not-yet') return;
      pollTimers.set(couponId, timers.setTimeout(() => void poll(couponId), delay ?? verdictDelayMs(check.polls)));
    };

    const poll = async (couponId: string): Promise<void> => {
      pollTimers.delete(couponId);
      const before = get().checks[couponId];
      if (before === undefined || before.phase !== 'not-yet' || inFlight.has(couponId)) return;
      const mine = attempt.get(couponId);
      inFlight.add(couponId);
      const result = await call<CashierCouponVerdict>(() => bridge.couponVerdict({ couponId }));
      inFlight.delete(couponId);
      if (attempt.get(couponId) !== mine || get().checks[couponId]?.phase !== 'not-yet') return;
      const polls = before.polls + 1;
      if (result.ok) {
        if (result.value.verdict === 'checking') {
          update(couponId, {
            polls,
            reason: result.value.reason || before.reason,
            localized: localizedOf(result.value) ?? before.localized,
            pollError: null,
          });
          schedulePoll(couponId);
        } else {
          update(couponId, { polls });
          settle(couponId, result.value);
        }
        return;
      }
      if (result.error.code === 'NOT_FOUND') {
        // The engine has no record of this attempt: it never reached SocialHub.
        update(couponId, { polls });
        settle(couponId, { verdict: 'do-not-honor', reason: `${t(M.notReached)} (${result.error.message})`, localized: { messageId: M.notReached.id }, redeemedByThisTillAt: null });
        return;
      }
      update(couponId, { polls, pollError: errText(result.error) });
      schedulePoll(couponId);
    };

    return {
      checks: {},
      shown: null,

      async redeem(input) {
        const { couponId } = input;
        const existing = get().checks[couponId];
        if (existing !== undefined && (existing.phase === 'redeeming' || existing.phase === 'not-yet')) {
          // Already in progress: show it rather than sending a second redemption.
          set({ shown: couponId });
          return;
        }
        cancelPoll(couponId);
        const mine = (attempt.get(couponId) ?? 0) + 1;
        attempt.set(couponId, mine);
        const now = timers.now();
        const check: CouponCheck = {
          couponId,
          title: input.title ?? null,
          code: input.code ?? null,
          memberId: input.memberId ?? null,
          linkedPosTxnId: input.linkedPosTxnId ?? null,
          phase: 'redeeming',
          reason: '',
          localized: null,
          redeemedByThisTillAt: null,
          pollError: null,
          polls: 0,
          startedAt: now,
          updatedAt: now,
        };
        set({ checks: { ...get().checks, [couponId]: check }, shown: couponId });
        const request: { couponId: string; memberId?: string; linkedPosTxnId?: string } = { couponId };
        if (input.memberId != null) request.memberId = input.memberId;
        if (input.linkedPosTxnId != null) request.linkedPosTxnId = input.linkedPosTxnId;
        const result = await call<CashierCouponVerdict>(() => bridge.couponRedeem(request));
        if (attempt.get(couponId) !== mine) return;
        if (result.ok) {
          if (result.value.verdict === 'checking') {
            const next = update(couponId, { phase: 'not-yet', reason: result.value.reason, localized: localizedOf(result.value) });
            if (next !== null) deps.onNotYet?.(next);
            schedulePoll(couponId);
          } else {
            settle(couponId, result.value);
          }
          return;
        }
        if (isNotSent(result.error)) {
          const why = errText(result.error);
          settle(couponId, { verdict: 'do-not-honor', reason: t(M.notRedeemed, { why }), localized: { messageId: M.notRedeemed.id, values: { why } }, redeemedByThisTillAt: null });
          return;
        }
        const next = update(couponId, { phase: 'not-yet', reason: t(M.noAnswer), localized: { messageId: M.noAnswer.id }, pollError: errText(result.error) });
        if (next !== null) deps.onNotYet?.(next);
        schedulePoll(couponId);
      },

      close() {
        const shown = get().shown;
        if (shown === null) return;
        const check = get().checks[shown];
        const checks = { ...get().checks };
        // A settled verdict has been seen: forget it. A pending one keeps being checked.
        if (check !== undefined && (check.phase === 'honor' || check.phase === 'do-not-honor')) delete checks[shown];
        const nextPending = Object.values(checks).find((c) => c.couponId !== shown && (c.phase === 'honor' || c.phase === 'do-not-honor'));
        set({ checks, shown: nextPending?.couponId ?? null });
      },

      show(couponId) {
        if (get().checks[couponId] !== undefined) set({ shown: couponId });
      },

      checkNow(couponId) {
        const check = get().checks[couponId];
        if (check?.phase === 'not-yet') void poll(couponId);
      },
    };
  });
}

/** A verdict's catalogue message, when it carries one (an older main sends only English). */
function localizedOf(verdict: { localized?: LocalizedText | undefined }): LocalizedText | null {
  return verdict.localized ?? null;
}

/**
 * The verdict's reason in the till's current language, or null when there is none this
 * translator knows (the screen then falls back to its own words; see coupon-verdict.tsx).
 */
export function reasonText(check: Pick<CouponCheck, 'localized'>, translator: Translator): string | null {
  const localized = check.localized;
  return localized !== null && translator.has(localized.messageId) ? translator.text(localized) : null;
}

/** Checks still waiting for a verdict (shown as chips once their screen is closed). */
export function pendingChecks(state: Pick<CouponState, 'checks'>): CouponCheck[] {
  return Object.values(state.checks)
    .filter((c) => c.phase === 'not-yet' || c.phase === 'redeeming')
    .sort((a, b) => a.startedAt - b.startedAt);
}
