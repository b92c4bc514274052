/**
 * The sale the POS handed to the till, at the cashier: read once at start (`posSaleCurrent`) and
 * kept current from main's `posSale` event. While a sale waits, the cashier scans the member and
 * awards it through `posSaleAward` (main applies the same card-shown rule as a typed sale); with
 * "award as soon as the card is shown" the award starts by itself once the card is loaded. A sale
 * waiting too long without a member raises a nudge. Also the receipt-code fallback: a scanned
 * receipt barcode fills the typed-sale form.
 */
import { defineMessages } from '@formatjs/intl';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { CashierPosSale } from '../../shared/ipc/schemas/pos-link.ts';
import type { CashierWriteOutcome, EarnPreview } from '../../shared/ipc/schemas/till.ts';
import { call, errorText } from '../app/call.ts';
import type { Translate } from './locale-store.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import { awardBlocker, memberName, type MemberStore } from './member-store.ts';
import { viewFromOutcome, type OutcomeView } from './outcome.ts';
import type { Timers } from './timers.ts';

export const MESSAGES = defineMessages({
  noPoints: { id: 'posLink.sale.noPoints', defaultMessage: 'This sale earns no points, so there is nothing to award.', description: 'Cashier: the POS sale earns 0 points' },
  receiptNoMatch: { id: 'posLink.receipt.noMatch', defaultMessage: 'That receipt code does not match the receipt-code format.', description: 'Cashier: a scanned receipt code did not give a transaction id and total' },
  receiptFilled: { id: 'posLink.receipt.filled', defaultMessage: 'Receipt scanned: sale {sale}, total {total}.', description: 'Cashier notice: a receipt code filled the sale; {sale} is the transaction id, {total} the amount' },
});

export interface PosPreview {
  memberId: string;
  /** The card it was worked out for (a reloaded card may have another tier). */
  cardAt: number;
  phase: 'loading' | 'ready' | 'error';
  value: EarnPreview | null;
  message: string | null;
}

export interface PosSaleState {
  /** The sale on screen (the newest the POS sent), or null: the typed-sale form is shown. */
  current: CashierPosSale | null;
  /** The points for the sale on screen and the member on the card. */
  preview: PosPreview | null;
  awarding: boolean;
  /** This till's award of the sale on screen, once sent. */
  outcome: OutcomeView | null;
  error: string | null;
  /** The sale has waited past the nudge time with no member card on screen. */
  nudge: boolean;
  /** Read the sale still open at the till (start, or after the window was away). */
  load(): Promise<void>;
  /** Main's `posSale` event. */
  apply(next: CashierPosSale): void;
  /** Award the sale on screen to the member on the card. */
  award(): Promise<void>;
  /** A finished sale (awarded, cancelled, closed) leaves the screen: back to the typed-sale form. */
  dismiss(): void;
  /** A scanned receipt code → transaction id and total, or the sentence saying why not (main parses it). */
  readReceiptCode(code: string): Promise<ReceiptCodeRead>;
}

export type PosSaleStore = StoreApi<PosSaleState>;

export type ReceiptCodeRead = { ok: true; posTxnId: string; total: string } | { ok: false; message: string };

export interface PosSaleDeps {
  bridge: Pick<TillBridge, 'posSaleCurrent' | 'posSaleAward' | 'posReceiptCode' | 'awardPreview'>;
  member: MemberStore;
  timers: Timers;
  /** The till's current translator: the store's sentences and errors in the till's language. */
  translator: () => Translator;
  /** settings.posLink.autoAwardWhenCardShown */
  autoAward(): boolean;
  /** settings.posLink.noMemberNudgeSeconds */
  nudgeSeconds(): number;
  onOutcome?: (view: OutcomeView, previous: OutcomeView | null) => void;
}

export function isWaiting(s: Pick<PosSaleState, 'current'>): boolean {
  return s.current?.sale.state === 'waiting-for-member';
}

export function createPosSaleStore(deps: PosSaleDeps): PosSaleStore {
  const { bridge, member, timers } = deps;
  const t: Translate = (m, v) => deps.translator().t(m, v);
  let nudgeTimer: unknown = null;
  let previewSeq = 0;
  let outcomeSeq = 0;
  /** Members already auto-awarded for a sale, so a reloaded card never starts a second award. */
  const autoTried = new Set<string>();
  /**
   * The card the last award used. A card still on screen from the previous customer is never
   * auto-awarded the next sale: the card must be scanned (fetched) again.
   */
  let lastAwardCardAt: number | null = null;

  const store = createStore<PosSaleState>()((set, get) => {
    const cardReady = (): boolean => awardBlocker(member.getState()) === null;

    const scheduleNudge = (): void => {
      if (nudgeTimer !== null) timers.clearTimeout(nudgeTimer);
      nudgeTimer = null;
      const s = get();
      if (!isWaiting(s) || s.current === null || cardReady()) {
        if (s.nudge) set({ nudge: false });
        return;
      }
      const due = s.current.receivedAt + deps.nudgeSeconds() * 1000 - timers.now();
      if (due <= 0) {
        if (!s.nudge) set({ nudge: true });
        return;
      }
      if (s.nudge) set({ nudge: false });
      nudgeTimer = timers.setTimeout(() => {
        nudgeTimer = null;
        scheduleNudge();
      }, due);
    };

    const requestPreview = async (): Promise<void> => {
      const s = get();
      const m = member.getState();
      if (!isWaiting(s) || s.current === null || !cardReady() || m.memberId === null || m.card === null) return;
      if (s.preview !== null && s.preview.memberId === m.memberId && s.preview.cardAt === m.card.fetchedAt && s.preview.phase !== 'error') return;
      const memberId = m.memberId;
      const cardAt = m.card.fetchedAt;
      const posTxnId = s.current.sale.posTxnId;
      const mine = ++previewSeq;
      set({ preview: { memberId, cardAt, phase: 'loading', value: null, message: null } });
      const result = await call<EarnPreview>(() => bridge.awardPreview({ memberId, saleTotal: s.current!.sale.earnBase }));
      if (mine !== previewSeq || get().current?.sale.posTxnId !== posTxnId) return;
      set({ preview: result.ok ? { memberId, cardAt, phase: 'ready', value: result.value, message: null } : { memberId, cardAt, phase: 'error', value: null, message: errorText(result.error, deps.translator()) } });
    };

    /** The card or the sale changed: preview, nudge, and the automatic award when the store wants it. */
    const react = (): void => {
      scheduleNudge();
      const s = get();
      const m = member.getState();
      if (!isWaiting(s) || s.current === null) return;
      if (s.preview !== null && (s.preview.memberId !== m.memberId || s.preview.cardAt !== m.card?.fetchedAt)) {
        previewSeq++;
        // Another member: the last message was about someone else. The same card reloaded keeps it.
        set(s.preview.memberId !== m.memberId ? { preview: null, error: null } : { preview: null });
      }
      if (!cardReady() || m.memberId === null || m.card === null) return;
      void requestPreview();
      const key = `${s.current.sale.posTxnId}|${m.memberId}`;
      if (deps.autoAward() && !s.awarding && s.outcome === null && !autoTried.has(key) && m.card.fetchedAt !== lastAwardCardAt) {
        autoTried.add(key);
        void get().award();
      }
    };

    member.subscribe((m, prev) => {
      if (m.phase !== prev.phase || m.memberId !== prev.memberId || m.card !== prev.card) react();
    });

    return {
      current: null,
      preview: null,
      awarding: false,
      outcome: null,
      error: null,
      nudge: false,

      async load() {
        const result = await call<CashierPosSale | null>(() => bridge.posSaleCurrent());
        if (!result.ok || result.value === null) return;
        const open = result.value;
        // The sale still open at the till is shown even when its points are already on their way.
        if (get().current === null) set({ current: open });
        get().apply(open);
      },

      apply(next) {
        const s = get();
        const same = s.current?.sale.posTxnId === next.sale.posTxnId;
        if (same) {
          // An older status arriving late never replaces a newer one.
          if (s.current !== null && next.sale.version < s.current.sale.version) return;
          set({ current: next });
        } else if (next.sale.state === 'waiting-for-member') {
          // A new sale from the POS takes the screen; whatever was shown before is done.
          previewSeq++;
          set({ current: next, preview: null, outcome: null, error: null, awarding: false, nudge: false });
        } else {
          return; // another sale's later news (a return, a late confirmation): not the one on screen
        }
        react();
      },

      async award() {
        const s = get();
        const m = member.getState();
        if (s.awarding || s.current === null || !isWaiting(s)) return;
        const blocked = awardBlocker(m);
        if (blocked !== null || m.memberId === null) {
          set({ error: blocked });
          return;
        }
        if (s.preview?.phase === 'ready' && s.preview.memberId === m.memberId && s.preview.value?.points === 0) {
          set({ error: t(MESSAGES.noPoints) });
          return;
        }
        const memberId = m.memberId;
        const name = memberName(m);
        const posTxnId = s.current.sale.posTxnId;
        lastAwardCardAt = m.card?.fetchedAt ?? null;
        set({ awarding: true, error: null });
        const result = await call<CashierWriteOutcome>(() => bridge.posSaleAward({ posTxnId, memberId }));
        set({ awarding: false });
        if (get().current?.sale.posTxnId !== posTxnId) return;
        if (!result.ok) {
          if (result.error.code === 'CARD_NOT_SHOWN') void member.getState().refresh();
          set({ error: errorText(result.error, deps.translator()) });
          return;
        }
        const view = viewFromOutcome(result.value, { key: `pos-${++outcomeSeq}`, kind: 'award', memberId, memberName: name, posTxnId, at: timers.now() });
        const previous = get().outcome;
        set({ outcome: view });
        deps.onOutcome?.(view, previous);
      },

      dismiss() {
        const s = get();
        if (s.current === null || isWaiting(s)) return;
        previewSeq++;
        set({ current: null, preview: null, outcome: null, error: null, awarding: false, nudge: false });
        scheduleNudge();
      },

      async readReceiptCode(code) {
        const result = await call<{ posTxnId: string; total: string } | null>(() => bridge.posReceiptCode({ code }));
        if (!result.ok) return { ok: false, message: errorText(result.error, deps.translator()) };
        if (result.value === null) return { ok: false, message: t(MESSAGES.receiptNoMatch) };
        return { ok: true, ...result.value };
      },
    };
  });
  return store;
}
