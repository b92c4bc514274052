/**
 * The award panel: transaction id and sale total → preview (earn rule × tier multiplier, from
 * main) → confirm → outcome, followed until it settles. The outcome belongs to the sale it was
 * for, not to the card on screen: scanning the next member while an award is in flight does
 * not lose it (it lands in `banner` and `recent`, named with its member).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { CashierWriteOutcome, EarnPreview } from '../../shared/ipc/schemas/till.ts';
import { ID_PATTERN } from '../../shared/api/schemas.ts';
import { defineMessages } from '@formatjs/intl';
import { englishText } from '../../shared/i18n/translator.ts';
import { call, errorText } from '../app/call.ts';
import { applyRow, shouldFollow, viewFromOutcome, type OutcomeView } from './outcome.ts';
import { outcomeDelayMs, type RowFollower } from './row-follower.ts';
import { awardBlocker, memberName, type MemberStore } from './member-store.ts';
import type { Timers } from './timers.ts';
import type { Translate } from './locale-store.ts';
import { ENGLISH_USD, moneyContext, readAmount, type CashierLocale } from './money-entry.ts';

export type PreviewState =
  | { phase: 'none' }
  | { phase: 'loading'; key: string }
  | { phase: 'ready'; key: string; value: EarnPreview }
  | { phase: 'error'; key: string; message: string };

export interface AwardErrors {
  txnId?: string;
  total?: string;
  form?: string;
}

export interface AwardState {
  txnId: string;
  total: string;
  errors: AwardErrors;
  preview: PreviewState;
  submitting: boolean;
  /** The outcome of this sale: once set (and not a rejection), the form is locked until "New sale". */
  saleOutcomeKey: string | null;
  /** The latest outcome, whichever member it was for. */
  banner: OutcomeView | null;
  /** Newest first. */
  recent: OutcomeView[];
  setTxnId(value: string): void;
  setTotal(value: string): void;
  /** Validate and fetch the preview; true when a preview for the current total is ready. */
  requestPreview(): Promise<boolean>;
  submit(): Promise<void>;
  /** Same member, next sale. */
  newSale(): void;
  /** A different member (or none): the form starts over; outcomes stay. */
  memberChanged(): void;
  dismissBanner(): void;
}

export type AwardStore = StoreApi<AwardState>;

export interface AwardDeps {
  bridge: Pick<TillBridge, 'awardPreview' | 'awardSubmit'>;
  member: MemberStore;
  follower: RowFollower;
  timers: Timers;
  /** Writes stopped (journal unreadable, …): the reason, or null. */
  writesStopped?: () => string | null;
  onOutcome?: (view: OutcomeView, previous: OutcomeView | null) => void;
  /** The cashier's language and the store's currency; English and USD when left out. */
  locale?: CashierLocale;
}

const M = defineMessages({
  txnEmpty: { id: 'cashier.award.txnEmpty', defaultMessage: 'Enter or scan the transaction id from the receipt.', description: 'Transaction id missing' },
  txnBad: { id: 'cashier.award.txnBad', defaultMessage: 'A transaction id is 1–64 letters, digits, _ or -.', description: 'Transaction id malformed' },
  totalZero: { id: 'cashier.award.totalZero', defaultMessage: 'The sale total is zero, so it earns no points.', description: 'Sale total is 0' },
  noPoints: { id: 'cashier.award.noPoints', defaultMessage: 'This sale earns no points, so there is nothing to award.', description: 'Preview gave 0 points' },
  cardReloaded: { id: 'cashier.award.cardReloaded', defaultMessage: 'The member card was out of date, so it has been reloaded. Check the name, then confirm again.', description: 'Main refused: card not the one shown' },
});

const RECENT_MAX = 6;

export function validateTxnId(value: string, t: Translate = englishText): string | null {
  const v = value.trim();
  if (v === '') return t(M.txnEmpty);
  if (!ID_PATTERN.test(v)) return t(M.txnBad);
  return null;
}

/** The typed total read the local way: the machine form for main, or the sentence saying why not. */
export function validateTotal(value: string, locale: CashierLocale = ENGLISH_USD): { ok: true; machine: string } | { ok: false; message: string } {
  const t: Translate = (m, v) => locale.translator().t(m, v);
  const parsed = readAmount(value, 'saleTotal', moneyContext(locale), t);
  if (!parsed.ok) return parsed;
  if (parsed.minor === 0) return { ok: false, message: t(M.totalZero) };
  return { ok: true, machine: parsed.machine };
}

export function previewKey(memberId: string | null, total: string): string {
  return `${memberId ?? ''}|${total.trim()}`;
}

export function isLocked(state: Pick<AwardState, 'saleOutcomeKey'>): boolean {
  return state.saleOutcomeKey !== null;
}

/** The sale a coupon redeemed now belongs to: a card is open and a valid transaction id is entered. */
export function openSaleTxnId(award: Pick<AwardState, 'txnId'>, member: { phase: string }): string | null {
  if (member.phase !== 'loaded') return null;
  return validateTxnId(award.txnId) === null ? award.txnId.trim() : null;
}

export function createAwardStore(deps: AwardDeps): AwardStore {
  const { bridge, member, follower, timers } = deps;
  const locale = deps.locale ?? ENGLISH_USD;
  const t: Translate = (message, values) => locale.translator().t(message, values);
  const errText = (error: Parameters<typeof errorText>[0]): string => errorText(error, locale.translator());
  let outcomeSeq = 0;
  let previewSeq = 0;
  /** The preview request in flight, so ⏎ during a typed-ahead preview waits for it instead of racing it. */
  let inflightPreview: { key: string; done: Promise<boolean> } | null = null;

  const store = createStore<AwardState>()((set, get) => {
    const putOutcome = (view: OutcomeView): void => {
      const previous = get().recent.find((r) => r.key === view.key) ?? null;
      const recent = [view, ...get().recent.filter((r) => r.key !== view.key)].slice(0, RECENT_MAX);
      const banner = get().banner === null || get().banner?.key === view.key || previous === null ? view : get().banner;
      set({ recent, banner });
      deps.onOutcome?.(view, previous);
    };

    const follow = (view: OutcomeView): void => {
      if (!shouldFollow(view) || view.rowId === null) return;
      let current = view;
      follower.follow(view.rowId, {
        onRow(row) {
          const next = applyRow(current, row, timers.now());
          if (next.status !== current.status || next.balance !== current.balance) {
            current = next;
            putOutcome(next);
          }
          return !shouldFollow(next);
        },
        delayMs: outcomeDelayMs,
      });
    };

    return {
      txnId: '',
      total: '',
      errors: {},
      preview: { phase: 'none' },
      submitting: false,
      saleOutcomeKey: null,
      banner: null,
      recent: [],

      setTxnId(value) {
        if (isLocked(get())) return;
        set({ txnId: value, errors: { ...get().errors, txnId: undefined, form: undefined } });
      },
      setTotal(value) {
        if (isLocked(get())) return;
        const key = previewKey(member.getState().memberId, value);
        const preview = get().preview;
        set({ total: value, errors: { ...get().errors, total: undefined, form: undefined }, preview: preview.phase !== 'none' && preview.key === key ? preview : { phase: 'none' } });
      },

      async requestPreview() {
        const m = member.getState();
        const blocked = awardBlocker(m, t);
        if (blocked !== null) {
          set({ errors: { form: blocked } });
          return false;
        }
        const { total } = get();
        const totalCheck = validateTotal(total, locale);
        if (!totalCheck.ok) {
          set({ errors: { ...get().errors, total: totalCheck.message } });
          return false;
        }
        const key = previewKey(m.memberId, total);
        const current = get().preview;
        if (current.phase === 'ready' && current.key === key) return true;
        if (current.phase === 'loading' && inflightPreview?.key === key) return inflightPreview.done;
        const mine = ++previewSeq;
        set({ preview: { phase: 'loading', key } });
        const done = (async (): Promise<boolean> => {
          const result = await call<EarnPreview>(() => bridge.awardPreview({ memberId: m.memberId!, saleTotal: totalCheck.machine }));
          if (mine !== previewSeq || previewKey(member.getState().memberId, get().total) !== key) return false;
          if (result.ok) {
            set({ preview: { phase: 'ready', key, value: result.value } });
            return true;
          }
          set({ preview: { phase: 'error', key, message: errText(result.error) } });
          if (result.error.code === 'AMOUNT_INVALID' || result.error.issues?.[0]?.path[0] === 'saleTotal') set({ errors: { ...get().errors, total: errText(result.error) } });
          return false;
        })();
        inflightPreview = { key, done };
        return done;
      },

      async submit() {
        const state = get();
        if (state.submitting || isLocked(state)) return;
        const stopped = deps.writesStopped?.() ?? null;
        if (stopped !== null) {
          set({ errors: { form: stopped } });
          return;
        }
        const txnError = validateTxnId(state.txnId, t);
        const totalCheck = validateTotal(state.total, locale);
        if (txnError !== null || !totalCheck.ok) {
          set({ errors: { txnId: txnError ?? undefined, total: totalCheck.ok ? undefined : totalCheck.message } });
          return;
        }
        if (!(await get().requestPreview())) return;
        const preview = get().preview;
        if (preview.phase === 'ready' && preview.value.points === 0) {
          set({ errors: { form: t(M.noPoints) } });
          return;
        }
        const m = member.getState();
        const memberId = m.memberId!;
        const name = memberName(m);
        const posTxnId = get().txnId.trim();
        const saleTotal = totalCheck.machine;
        const key = `award-${++outcomeSeq}`;
        set({ submitting: true, errors: {} });
        const result = await call<CashierWriteOutcome>(() => bridge.awardSubmit({ memberId, posTxnId, saleTotal }));
        set({ submitting: false });
        const stillThisSale = member.getState().memberId === memberId && get().txnId.trim() === posTxnId;
        if (!result.ok) {
          if (!stillThisSale) return;
          const text = errText(result.error);
          if (result.error.code === 'CARD_NOT_SHOWN') {
            set({ errors: { form: t(M.cardReloaded) } });
            void member.getState().refresh();
          } else if (result.error.issues?.[0]?.path[0] === 'posTxnId') set({ errors: { txnId: text } });
          else if (result.error.issues?.[0]?.path[0] === 'saleTotal' || result.error.code === 'AMOUNT_INVALID') set({ errors: { total: text } });
          else set({ errors: { form: text } });
          return;
        }
        const view = viewFromOutcome(result.value, { key, kind: 'award', memberId, memberName: name, posTxnId, at: timers.now() });
        set({ banner: view });
        putOutcome(view);
        if (stillThisSale && view.status !== 'rejected') set({ saleOutcomeKey: key });
        follow(view);
      },

      newSale() {
        previewSeq++;
        set({ txnId: '', total: '', errors: {}, preview: { phase: 'none' }, saleOutcomeKey: null });
      },
      memberChanged() {
        get().newSale();
      },
      dismissBanner() {
        set({ banner: null });
      },
    };
  });
  return store;
}
