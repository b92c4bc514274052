/**
 * What waits for a person: unfinished writes (outcome unknown, or needing a decision) and the
 * exceptions queue (returns of sales on which a coupon was redeemed), each with the manager's
 * decision form. Loaded while the tab is shown. Manager calls count as activity (they push the
 * auto-lock back), so the engine's own changes only mark the lists stale; what the manager does
 * reloads the unfinished list at once.
 */
import type { z } from 'zod';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { exceptionItemSchema } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { call, errorText } from '../../app/call.ts';
import { defineMessages } from '@formatjs/intl';
import { englishText, type Translator } from '../../../shared/i18n/translator.ts';
import type { Translate } from '../../state/locale-store.ts';
import type { Answer, RowBus } from '../row-bus.ts';
import { decisionNote, type DecisionId } from './decision.ts';

export type ExceptionItem = z.output<typeof exceptionItemSchema>;

export const ATTENTION_STATES = ['needs-attention', 'unknown'] as const;
export const ATTENTION_LIMIT = 200;
const DECISION_MIN = 5;
const DECISION_MAX = 1000;

export interface DecisionDraft {
  decision: DecisionId | null;
  words: string;
  problem: string | null;
  error: string | null;
  busy: boolean;
  saved: string | null;
}

export const EMPTY_DECISION: DecisionDraft = { decision: null, words: '', problem: null, error: null, busy: false, saved: null };

export interface AttentionState {
  active: boolean;
  /** Null until the first answer. */
  rows: JournalRow[] | null;
  total: number;
  rowsError: string | null;
  rowsStale: boolean;
  items: ExceptionItem[] | null;
  itemsError: string | null;
  itemsStale: boolean;
  /** Decision forms by clawback id. */
  drafts: Readonly<Record<number, DecisionDraft>>;
  /** The tab is shown: load both lists and listen; returns the undo. */
  activate(): () => void;
  loadRows(): Promise<void>;
  loadItems(): Promise<void>;
  journalChanged(): void;
  setDecision(clawbackId: number, decision: DecisionId): void;
  setWords(clawbackId: number, words: string): void;
  /** Record the decision for one return; true when it was saved. */
  decide(clawbackId: number): Promise<boolean>;
  reset(): void;
}

export type AttentionStore = StoreApi<AttentionState>;

export interface AttentionDeps {
  bridge: Pick<TillBridge, 'journalList' | 'exceptionsList' | 'exceptionResolve'>;
  rows: RowBus;
  /** The till's current translator: every sentence and error the store makes, in the till's language. */
  translator: () => Translator;
}

const MESSAGES = defineMessages({
  choose: { id: 'manager.attention.exceptions.choose', defaultMessage: 'Choose what was done.', description: 'No decision is chosen' },
  describe: { id: 'manager.attention.exceptions.describe', defaultMessage: 'Describe what was done (at least {min} characters).', description: 'The decision note is too short' },
  recorded: { id: 'manager.attention.exceptions.recorded', defaultMessage: 'Decision recorded.', description: 'The decision was saved' },
});

/** Why a decision cannot be recorded yet, or null. */
export function decisionProblem(decision: DecisionId | null, words: string, t: Translate = englishText): string | null {
  if (decision === null) return t(MESSAGES.choose);
  if ((decision === 'other' && words.trim().length < DECISION_MIN) || decisionNote(decision, words, t).length < DECISION_MIN) {
    return t(MESSAGES.describe, { min: DECISION_MIN });
  }
  return null;
}

export function draftOf(s: Pick<AttentionState, 'drafts'>, clawbackId: number): DecisionDraft {
  return s.drafts[clawbackId] ?? EMPTY_DECISION;
}

export function createAttentionStore(deps: AttentionDeps): AttentionStore {
  const { bridge } = deps;
  let epoch = 0;

  const initial = () => ({ active: false, rows: null, total: 0, rowsError: null, rowsStale: false, items: null, itemsError: null, itemsStale: false, drafts: {} });

  const store = createStore<AttentionState>()((set, get) => {
    const draft = (id: number, patch: Partial<DecisionDraft>): void => {
      set({ drafts: { ...get().drafts, [id]: { ...draftOf(get(), id), ...patch } } });
    };

    return {
      ...initial(),

      activate() {
        set({ active: true });
        void get().loadRows();
        void get().loadItems();
        return () => set({ active: false });
      },

      async loadRows() {
        const mine = epoch;
        const result = await call<Answer<'journalList'>>(() => bridge.journalList({ filter: { states: [...ATTENTION_STATES] }, limit: ATTENTION_LIMIT }));
        if (mine !== epoch) return;
        set({ rowsStale: false });
        if (result.ok) set({ rows: result.value.rows, total: result.value.total, rowsError: null });
        else set({ rowsError: errorText(result.error, deps.translator()) });
      },

      async loadItems() {
        const mine = epoch;
        const result = await call<Answer<'exceptionsList'>>(() => bridge.exceptionsList());
        if (mine !== epoch) return;
        set({ itemsStale: false });
        if (result.ok) set({ items: result.value.items, itemsError: null });
        else set({ itemsError: errorText(result.error, deps.translator()) });
      },

      journalChanged() {
        if (get().active) set({ rowsStale: true, itemsStale: true });
      },

      setDecision(id, decision) {
        draft(id, { decision });
      },
      setWords(id, words) {
        draft(id, { words });
      },

      async decide(id) {
        const d = draftOf(get(), id);
        if (d.busy) return false;
        const problem = decisionProblem(d.decision, d.words, deps.translator().t);
        if (problem !== null || d.decision === null) {
          draft(id, { problem });
          return false;
        }
        const note = decisionNote(d.decision, d.words, deps.translator().t).slice(0, DECISION_MAX);
        const mine = epoch;
        draft(id, { problem: null, busy: true, error: null });
        const result = await call<Answer<'exceptionResolve'>>(() => bridge.exceptionResolve({ clawbackId: id, note }));
        if (mine !== epoch) return false;
        if (!result.ok) {
          draft(id, { busy: false, error: errorText(result.error, deps.translator()) });
          return false;
        }
        draft(id, { busy: false, saved: deps.translator().t(MESSAGES.recorded) });
        set({ items: result.value.items });
        return true;
      },

      reset() {
        epoch++;
        set(initial());
      },
    };
  });
  deps.rows.subscribe(() => {
    if (store.getState().active) void store.getState().loadRows();
  });
  return store;
}
