/**
 * End-of-day reconciliation's state: the chosen business day (today's by default, as main names
 * it: the journal's zone and day start, never this screen's clock), a run with main's progress events, the report, the CSV export, and for
 * each duplicate the compensating adjustment — with the ones already made, asked again before a
 * second one so the warning is current, and sent under the duplicate's own reference so it is
 * recorded once however often, wherever it is pressed.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { isBusinessDate } from '../../../shared/time/business-day.ts';
import { STATE_LABEL_MESSAGES } from '../../../shared/journal/states.ts';
import { call, errorText } from '../../app/call.ts';
import type { AdjustConfirmStore } from '../adjust/adjust-confirm-store.ts';
import { exportOutcome, type CsvExport } from '../csv.ts';
import { defineMessages } from '@formatjs/intl';
import type { Translator } from '../../../shared/i18n/translator.ts';
import { engineText } from '../../state/outcome.ts';
import type { Translate } from '../../state/locale-store.ts';
import { formatDateTime } from '../format.ts';
import type { Answer } from '../row-bus.ts';
import { compensationRef, duplicateAdjustment, isCompensationFor, nextCompensation } from './summary.ts';
import type { DuplicateItem, ReconcileProgress } from './summary.ts';

/** Members looked up for earlier compensations per run (one journal query each). */
export const EARLIER_MEMBERS_MAX = 20;

export const dupKey = (d: Pick<DuplicateItem, 'memberId' | 'token' | 'description'>): string => `${d.memberId}|${d.token ?? d.description}`;

export interface ReconcileState {
  /** The day as chosen; null = the current business day (see `reconcileDay`). */
  date: string | null;
  /** Today's business date as main last named it (`status:get`); null until asked, or when main could not say. */
  today: string | null;
  dateError: string | null;
  running: boolean;
  progress: ReconcileProgress | null;
  report: ReconcileReport | null;
  error: string | null;
  exporting: boolean;
  exportStatus: string | null;
  /** Duplicates compensated in this session: what the adjustment answered, by `dupKey`. */
  compensated: ReadonlyMap<string, string>;
  /** Adjustments found in the journal for the report's duplicates, by `dupKey`. */
  earlier: ReadonlyMap<string, JournalRow[]>;
  /**
   * Duplicates (by `dupKey`) whose compensation under their own reference is in the journal and
   * was not refused: compensating again would only come back `duplicate`, so it is not offered.
   */
  recorded: ReadonlySet<string>;
  setDate(date: string): void;
  /** Ask main for today's business date (for the default day). */
  loadToday(): Promise<void>;
  run(): Promise<void>;
  exportCsv(): Promise<void>;
  /** Open the confirm step for a duplicate's compensating adjustment. */
  compensate(item: DuplicateItem): Promise<void>;
  reset(): void;
}

export type ReconcileStore = StoreApi<ReconcileState>;

export interface ReconcileDeps {
  bridge: Pick<TillBridge, 'reconcileRun' | 'reconcileExport' | 'journalList' | 'on' | 'statusGet'>;
  confirm: AdjustConfirmStore;
  saveCsv: (file: CsvExport) => string;
  /** The till's current translator: every sentence and error the store makes, in the till's language. */
  translator: () => Translator;
}

/** The day the screen shows: the one chosen, else today's as main named it ('' = none yet, not a day). */
export function reconcileDay(date: string | null, today: string | null): string {
  return date ?? today ?? '';
}

const MESSAGES = defineMessages({
  compensation: {
    id: 'manager.reconcile.compensation',
    defaultMessage: 'Takes back the extra points the duplicate gave the member. Recorded with reason "Duplicate on SocialHub".',
    description: 'Above the confirm of a compensating adjustment',
  },
  compensatedBefore: {
    id: 'manager.reconcile.compensatedBefore',
    defaultMessage:
      'Warning: {count, plural, one {an adjustment for this duplicate already exists} other {# adjustments for this duplicate already exist}} ({list}). Only continue if that one failed or was wrong.',
    description: 'Above the confirm when adjustments for this duplicate exist already; list = ids, times and states',
  },
  chooseDay: { id: 'manager.reconcile.chooseDay', defaultMessage: 'Choose a day.', description: 'No valid business day is chosen' },
});

/** The sentence above a compensation's confirm: a warning when adjustments for it already exist. */
export function compensationContext(earlier: readonly JournalRow[], t: Translate, locale: string): string {
  if (earlier.length === 0) return t(MESSAGES.compensation);
  const list = earlier.map((r) => `#${r.id}, ${formatDateTime(r.createdAt, locale)}, ${t(STATE_LABEL_MESSAGES[r.state])}`).join('; ');
  return t(MESSAGES.compensatedBefore, { count: earlier.length, list });
}

export function createReconcileStore(deps: ReconcileDeps): ReconcileStore {
  const { bridge } = deps;
  let epoch = 0;

  const initial = () => ({
    date: null,
    today: null,
    dateError: null,
    running: false,
    progress: null,
    report: null,
    error: null,
    exporting: false,
    exportStatus: null,
    compensated: new Map<string, string>(),
    earlier: new Map<string, JournalRow[]>(),
    recorded: new Set<string>(),
  });

  return createStore<ReconcileState>()((set, get) => {
    // Only the latest ask names today: an earlier one (the tab opening) may answer last.
    let todayAsk = 0;
    /** Ask main for today's business date; the error when it could not say. */
    const askToday = async (): Promise<string | null> => {
      const mine = ++todayAsk;
      const result = await call<Answer<'statusGet'>>(() => bridge.statusGet());
      if (mine !== todayAsk) return null;
      set({ today: result.ok ? result.value.businessDate : null });
      return result.ok ? null : errorText(result.error, deps.translator());
    };

    /** The day to run: the chosen one, else today's asked of main again now (the day may have turned). */
    const checkDate = async (): Promise<string | null> => {
      const failed = get().date === null ? await askToday() : null;
      const d = reconcileDay(get().date, get().today);
      if (!isBusinessDate(d)) {
        // Main could not say which day it is: say why, not "choose a day".
        set(failed !== null ? { error: failed, dateError: null } : { dateError: deps.translator().t(MESSAGES.chooseDay) });
        return null;
      }
      set({ dateError: null });
      return d;
    };

    /**
     * Journal adjustments already made for these duplicates of `date` (one lookup per member), and
     * the duplicates with nothing left to take back (their compensations cover all extra points).
     */
    const findEarlier = async (dups: readonly DuplicateItem[], date: string): Promise<{ earlier: Map<string, JournalRow[]>; recorded: Set<string> }> => {
      const out = new Map<string, JournalRow[]>();
      const recorded = new Set<string>();
      const bases = new Map(await Promise.all(dups.map(async (d) => [dupKey(d), await compensationRef(d, date)] as const)));
      const members = [...new Set(dups.map((d) => d.memberId))].slice(0, EARLIER_MEMBERS_MAX);
      for (const memberId of members) {
        const result = await call<Answer<'journalList'>>(() => bridge.journalList({ filter: { kinds: ['adjustment'], search: memberId }, limit: 200 }));
        if (!result.ok) continue;
        for (const d of dups.filter((x) => x.memberId === memberId)) {
          const rows = result.value.rows.filter((r) => isCompensationFor(r, memberId, d.token ?? d.description, bases.get(dupKey(d))));
          if (rows.length > 0) out.set(dupKey(d), rows);
          const base = bases.get(dupKey(d));
          if (base !== undefined && nextCompensation(base, d.extraPoints, rows).outstanding === 0) recorded.add(dupKey(d));
        }
      }
      return { earlier: out, recorded };
    };

    return {
      ...initial(),

      setDate(date) {
        set({ date });
      },

      async loadToday() {
        await askToday();
      },

      async run() {
        if (get().running) return;
        const mine = epoch;
        // Busy from the press on: asking main for today's date must not let a second press through.
        set({ running: true, progress: null, error: null, exportStatus: null });
        const date = await checkDate();
        if (mine !== epoch) return;
        if (date === null) {
          set({ running: false });
          return;
        }
        const off = bridge.on('reconcileProgress', (p) => {
          if (mine === epoch && p.date === date) set({ progress: p });
        });
        const result = await call<Answer<'reconcileRun'>>(() => bridge.reconcileRun({ date }));
        off();
        if (mine !== epoch) return;
        set({ running: false });
        if (!result.ok) {
          set({ error: errorText(result.error, deps.translator()) });
          return;
        }
        set({ report: result.value, compensated: new Map(), earlier: new Map(), recorded: new Set() });
        const found = await findEarlier(result.value.duplicatedOnServer, result.value.date);
        if (mine === epoch) set(found);
      },

      async exportCsv() {
        if (get().exporting) return;
        const mine = epoch;
        set({ exporting: true, error: null });
        // The report on screen is exported as it is, for its own day; without one, the day to run.
        const date = get().report?.date ?? (await checkDate());
        if (mine !== epoch) return;
        if (date === null) {
          set({ exporting: false });
          return;
        }
        const result = await call<Answer<'reconcileExport'>>(() => bridge.reconcileExport({ date }));
        if (mine !== epoch) return;
        const { error, status } = exportOutcome(result, deps.saveCsv, deps.translator());
        set({ exporting: false, error, exportStatus: status });
      },

      async compensate(item) {
        const report = get().report;
        if (report === null) return;
        const mine = epoch;
        const key = dupKey(item);
        // Compensated already (an earlier run, another manager)? Ask again now, and say so before a second one.
        const found = (await findEarlier([item], report.date)).earlier.get(key) ?? [];
        // The same reference on every press, console and restart: main records it once.
        const next = nextCompensation(await compensationRef(item, report.date), item.extraPoints, found);
        if (mine !== epoch) return;
        deps.confirm.getState().begin('reconcile', { ...duplicateAdjustment(item, report.date, deps.translator().t, next.points), ref: next.ref }, {
          noteEditable: true,
          context: compensationContext(found, deps.translator().t, deps.translator().locale),
          onSubmitted(o) {
            if (mine !== epoch) return;
            const text = engineText(o, deps.translator());
            set({ compensated: new Map(get().compensated).set(key, o.row !== null ? `#${o.row.id}: ${text}` : text) });
          },
        });
      },

      reset() {
        todayAsk++;
        epoch++;
        set(initial());
      },
    };
  });
}
