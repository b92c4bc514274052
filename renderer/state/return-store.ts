/**
 * Returns: find the original sale by its POS transaction id, show what was awarded and what is
 * still reversible, and take back all or part of it (proportional to the returned amount by
 * default, or an exact number of points), never more than is reversible (main caps it too).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { CashierSaleSummary as SaleSummary, CashierWriteOutcome } from '../../shared/ipc/schemas/till.ts';
import { defineMessages } from '@formatjs/intl';
import { proportionalClawback, type RoundingMode } from '../../shared/earn/earn-rule.ts';
import { formatMoneyMachine } from '../../shared/money.ts';
import { isBusinessDate } from '../../shared/time/business-day.ts';
import { call, errorText } from '../app/call.ts';
import { validateTxnId } from './award-store.ts';
import { applyRow, shouldFollow, viewFromOutcome, type OutcomeView } from './outcome.ts';
import { outcomeDelayMs, type RowFollower } from './row-follower.ts';
import type { Timers } from './timers.ts';
import type { Translate } from './locale-store.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { ENGLISH_USD, mainAmountText, moneyContext, readAmount, type CashierLocale } from './money-entry.ts';

export type ReturnMode = 'proportional' | 'points';

export interface ReturnErrors {
  txnId?: string;
  businessDate?: string;
  returnId?: string;
  amount?: string;
  points?: string;
  form?: string;
}

export interface ReturnState {
  txnId: string;
  /** Only asked for when transaction ids restart every business day. */
  businessDate: string;
  lookupPhase: 'idle' | 'loading' | 'done' | 'error';
  summary: SaleSummary | null;
  returnId: string;
  mode: ReturnMode;
  amount: string;
  points: string;
  errors: ReturnErrors;
  submitting: boolean;
  outcome: OutcomeView | null;
  /** Bumped when a sale is found: the UI moves focus to the return fields. */
  foundSeq: number;
  setField(field: 'txnId' | 'businessDate' | 'returnId' | 'amount' | 'points', value: string): void;
  setMode(mode: ReturnMode): void;
  /** Fill the returned amount with the whole sale total. */
  returnEverything(): void;
  lookup(): Promise<void>;
  submit(): Promise<void>;
  /** Start over (the panel was closed, or "Another return"). */
  reset(): void;
}

export type ReturnStore = StoreApi<ReturnState>;

export interface ReturnDeps {
  bridge: Pick<TillBridge, 'saleLookup' | 'saleReturn'>;
  follower: RowFollower;
  timers: Timers;
  rounding: () => RoundingMode;
  writesStopped?: () => string | null;
  onOutcome?: (view: OutcomeView, previous: OutcomeView | null) => void;
  /** The cashier's language and the store's currency; English and USD when left out. */
  locale?: CashierLocale;
}

const M = defineMessages({
  pointsBad: { id: 'cashier.return.pointsBad', defaultMessage: 'Enter a whole number of points above 0.', description: 'Return points field invalid' },
  totalUnknown: { id: 'cashier.return.totalUnknown', defaultMessage: 'The original sale total is not known; enter points instead.', description: 'Proportional return impossible' },
  originalTxnEmpty: { id: 'cashier.return.originalTxnEmpty', defaultMessage: 'Enter or scan the transaction id of the original sale.', description: 'Original sale id missing' },
  dateBad: { id: 'cashier.return.dateBad', defaultMessage: 'Enter the date as YYYY-MM-DD.', description: 'Sale date malformed' },
  notFound: { id: 'cashier.return.notFound', defaultMessage: 'No sale {sale} was found on this till’s journal. Check the transaction id on the receipt.', description: 'Original sale not found' },
  returnIdEmpty: { id: 'cashier.return.returnIdEmpty', defaultMessage: 'Enter or scan the return’s transaction id.', description: 'Return id missing' },
  returnIdBad: { id: 'cashier.return.returnIdBad', defaultMessage: 'A return id is 1–64 letters, digits, _ or -.', description: 'Return id malformed' },
  pointsEmpty: { id: 'cashier.return.pointsEmpty', defaultMessage: 'Enter the points to take back.', description: 'Return points missing' },
  nothing: { id: 'cashier.return.nothing', defaultMessage: 'This return takes back no points.', description: 'Return would take 0 points' },
  moreThanSale: { id: 'cashier.return.moreThanSale', defaultMessage: 'The returned amount is more than the sale total.', description: 'Return estimate refused: returned amount above the original sale total' },
  shareUnusable: { id: 'cashier.return.shareUnusable', defaultMessage: 'The points to take back cannot be worked out from that amount; enter points instead.', description: 'Return estimate refused: the sale total is zero or unusable' },
});

/** Why the sale cannot be returned, in the till's language (main's English when it sent no id). */
export function blockerText(summary: Pick<SaleSummary, 'blocker' | 'blockerLocalized'>, translator: Translator): string | null {
  if (summary.blocker === null) return null;
  const localized = summary.blockerLocalized;
  return localized !== undefined && localized !== null && translator.has(localized.messageId) ? translator.text(localized) : summary.blocker;
}

/** The engine rounds clawbacks down (never more than the returned share); the estimate does the same. */
export const CLAWBACK_ROUNDING: RoundingMode = 'floor';

/** Points returned so far, counting ones recorded but not yet confirmed (they count against the cap). */
export function returnedSoFar(summary: SaleSummary): number {
  return summary.clawedBack + summary.pendingClawback;
}

export type ReturnEstimate = { ok: true; points: number; capped: boolean; remainingAfter: number } | { ok: false; message: string } | null;

/** What the return would take back, as the cashier types (main computes the real figure). */
export function estimateReturn(summary: SaleSummary | null, mode: ReturnMode, amount: string, points: string, rounding: RoundingMode, locale: CashierLocale = ENGLISH_USD): ReturnEstimate {
  const t: Translate = (m, v) => locale.translator().t(m, v);
  if (summary === null || !summary.found || summary.blocker !== null) return null;
  if (mode === 'points') {
    if (points.trim() === '') return null;
    const n = Number(points.trim());
    if (!/^\d+$/.test(points.trim()) || !Number.isSafeInteger(n) || n <= 0) return { ok: false, message: t(M.pointsBad) };
    const take = Math.min(n, summary.reversible);
    return { ok: true, points: take, capped: take < n, remainingAfter: summary.reversible - take };
  }
  if (amount.trim() === '') return null;
  if (summary.saleTotalMinor === null) return { ok: false, message: t(M.totalUnknown) };
  const returned = readAmount(amount, 'returned', moneyContext(locale), t);
  if (!returned.ok) return returned;
  const result = proportionalClawback({
    awardedPoints: summary.awarded,
    alreadyClawedBack: Math.min(summary.awarded, returnedSoFar(summary)),
    saleTotal: formatMoneyMachine(summary.saleTotalMinor, locale.currency()),
    returnedAmount: returned.machine,
    rounding,
    currency: locale.currency(),
  });
  // The shared rule's reason is English (it also serves the CLI): the cashier reads it here.
  if (!result.ok) return { ok: false, message: t(returned.minor > summary.saleTotalMinor ? M.moreThanSale : M.shareUnusable) };
  return { ok: true, points: result.points, capped: result.breakdown.capped, remainingAfter: result.breakdown.remainingAfter };
}

const INITIAL = {
  txnId: '',
  businessDate: '',
  lookupPhase: 'idle' as const,
  summary: null,
  returnId: '',
  mode: 'proportional' as const,
  amount: '',
  points: '',
  errors: {},
  submitting: false,
  outcome: null,
};

export function createReturnStore(deps: ReturnDeps): ReturnStore {
  const { bridge, follower, timers } = deps;
  const locale = deps.locale ?? ENGLISH_USD;
  const t: Translate = (message, values) => locale.translator().t(message, values);
  const errText = (error: Parameters<typeof errorText>[0]): string => errorText(error, locale.translator());
  let lookupSeq = 0;
  let outcomeSeq = 0;

  return createStore<ReturnState>()((set, get) => {
    const lookupRequest = (txnId: string, businessDate: string): { posTxnId: string; businessDate?: string } =>
      businessDate.trim() === '' ? { posTxnId: txnId } : { posTxnId: txnId, businessDate: businessDate.trim() };

    const refreshSummary = async (): Promise<void> => {
      const summary = get().summary;
      if (summary === null) return;
      const result = await call<SaleSummary>(() => bridge.saleLookup(lookupRequest(summary.posTxnId, get().businessDate)));
      if (result.ok && get().summary?.posTxnId === summary.posTxnId) set({ summary: result.value });
    };

    const putOutcome = (view: OutcomeView, previous: OutcomeView | null): void => {
      if (get().outcome === null || get().outcome?.key === view.key) set({ outcome: view });
      deps.onOutcome?.(view, previous);
    };

    return {
      ...INITIAL,
      foundSeq: 0,
      reset() {
        lookupSeq++;
        set({ ...INITIAL, foundSeq: get().foundSeq });
      },
      setField(field, value) {
        const errors = { ...get().errors, [field]: undefined, form: undefined };
        if (field === 'txnId' || field === 'businessDate') {
          // A different sale: whatever was found no longer applies.
          lookupSeq++;
          set({ [field]: value, errors, summary: null, lookupPhase: 'idle', outcome: null });
        } else set({ [field]: value, errors });
      },
      setMode(mode) {
        set({ mode, errors: { ...get().errors, amount: undefined, points: undefined, form: undefined } });
      },
      returnEverything() {
        const summary = get().summary;
        if (summary === null) return;
        if (summary.saleTotalMinor !== null) set({ mode: 'proportional', amount: mainAmountText(summary.saleTotalMinor, locale), errors: {} });
        else set({ mode: 'points', points: String(summary.reversible), errors: {} });
      },

      async lookup() {
        const { txnId, businessDate } = get();
        const txnError = validateTxnId(txnId, t);
        if (txnError !== null) {
          set({ errors: { txnId: txnId.trim() === '' ? t(M.originalTxnEmpty) : txnError } });
          return;
        }
        if (businessDate.trim() !== '' && !isBusinessDate(businessDate.trim())) {
          set({ errors: { businessDate: t(M.dateBad) } });
          return;
        }
        const mine = ++lookupSeq;
        set({ lookupPhase: 'loading', errors: {}, summary: null, outcome: null });
        const result = await call<SaleSummary>(() => bridge.saleLookup(lookupRequest(txnId.trim(), businessDate)));
        if (mine !== lookupSeq) return;
        if (!result.ok) {
          const text = result.error.code === 'SALE_NOT_FOUND' ? t(M.notFound, { sale: txnId.trim() }) : errText(result.error);
          set({ lookupPhase: 'error', errors: { txnId: text } });
          return;
        }
        const summary = result.value;
        if (!summary.found) {
          set({ lookupPhase: 'error', summary: null, errors: { txnId: t(M.notFound, { sale: txnId.trim() }) } });
          return;
        }
        set({ lookupPhase: 'done', summary, foundSeq: get().foundSeq + 1 });
      },

      async submit() {
        const state = get();
        const summary = state.summary;
        if (state.submitting || summary === null) return;
        if (summary.blocker !== null) {
          set({ errors: { form: blockerText(summary, locale.translator()) ?? summary.blocker } });
          return;
        }
        const stopped = deps.writesStopped?.() ?? null;
        if (stopped !== null) {
          set({ errors: { form: stopped } });
          return;
        }
        const errors: ReturnErrors = {};
        const returnIdError = validateTxnId(state.returnId);
        if (returnIdError !== null) errors.returnId = state.returnId.trim() === '' ? t(M.returnIdEmpty) : t(M.returnIdBad);
        const estimate = estimateReturn(summary, state.mode, state.amount, state.points, deps.rounding(), locale);
        const returned = readAmount(state.amount, 'returned', moneyContext(locale), t);
        if (state.mode === 'proportional') {
          if (!returned.ok) errors.amount = returned.message;
          else if (estimate !== null && !estimate.ok) errors.amount = estimate.message;
        } else if (state.points.trim() === '') errors.points = t(M.pointsEmpty);
        else if (estimate !== null && !estimate.ok) errors.points = estimate.message;
        if (Object.keys(errors).length > 0) {
          set({ errors });
          return;
        }
        if (estimate?.ok === true && estimate.points === 0) {
          set({ errors: { form: t(M.nothing) } });
          return;
        }
        const request =
          state.mode === 'proportional' && returned.ok
            ? { posTxnId: summary.posTxnId, returnId: state.returnId.trim(), mode: 'proportional' as const, returnedAmount: returned.machine }
            : { posTxnId: summary.posTxnId, returnId: state.returnId.trim(), mode: 'points' as const, points: Math.min(Number(state.points.trim()), summary.reversible) };
        const withDate = state.businessDate.trim() === '' ? request : { ...request, businessDate: state.businessDate.trim() };
        set({ submitting: true, errors: {} });
        const result = await call<CashierWriteOutcome>(() => bridge.saleReturn(withDate));
        set({ submitting: false });
        if (!result.ok) {
          const path = result.error.issues?.[0]?.path[0];
          const text = errText(result.error);
          if (path === 'returnId') set({ errors: { returnId: text } });
          else if (path === 'returnedAmount' || result.error.code === 'AMOUNT_INVALID') set({ errors: { amount: text } });
          else set({ errors: { form: text } });
          void refreshSummary();
          return;
        }
        const view = viewFromOutcome(result.value, {
          key: `return-${++outcomeSeq}`,
          kind: 'return',
          memberId: summary.award?.memberId ?? result.value.row?.memberId ?? '',
          memberName: null,
          posTxnId: summary.posTxnId,
          returnId: state.returnId.trim(),
          at: timers.now(),
        });
        set({ outcome: view });
        putOutcome(view, null);
        void refreshSummary();
        if (shouldFollow(view) && view.rowId !== null) {
          let current = view;
          follower.follow(view.rowId, {
            onRow(row) {
              const next = applyRow(current, row, timers.now());
              if (next.status !== current.status) {
                const previous = current;
                current = next;
                putOutcome(next, previous);
                void refreshSummary();
              }
              return !shouldFollow(next);
            },
            delayMs: outcomeDelayMs,
          });
        }
      },
    };
  });
}
