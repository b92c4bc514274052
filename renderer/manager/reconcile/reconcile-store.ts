/**
 * End-of-day reconciliation's state: the chosen business day (today's by default, by the till's
 * business-day rule), a run with main's progress events, the report, the CSV export, and for
 * each duplicate the compensating adjustment — with the ones already made, asked again before a
 * second one so the warning is current.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { businessDateAt, isBusinessDate } from '../../../shared/time/business-day.ts';
import { STATE_LABEL_MESSAGES } from '../../../shared/journal/states.ts';
import { call, errorText } from '../../app/call.ts';
import type { Timers } from '../../state/timers.ts';
import type { AdjustConfirmStore } from '../adjust/adjust-confirm-store.ts';
import { exportOutcome, type CsvExport } from '../csv.ts';
import { defineMessages } from '@formatjs/intl';
import { englishText, type Translator } from '../../../shared/i18n/translator.ts';
import { SOURCE_LOCALE } from '../../../shared/i18n/locales.ts';
import { engineText } from '../../state/outcome.ts';
import type { Translate } from '../../state/locale-store.ts';
import { formatDateTime } from '../format.ts';
import type { Answer } from '../row-bus.ts';
import { duplicateAdjustment, isCompensationFor } from './summary.ts';
import type { DuplicateItem, ReconcileProgress } from './summary.ts';

/** Members looked up for earlier compensations per run (one journal query each). */
export const EARLIER_MEMBERS_MAX = 20;

export const dupKey = (d: Pick<DuplicateItem, 'memberId' | 'token' | 'description'>): string => `${d.memberId}|${d.token ?? d.description}`;

export interface ReconcileState {
  /** The day as chosen; null = the current business day (see `reconcileDay`). */
  date: string | null;
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
  setDate(date: string): void;
  run(): Promise<void>;
  exportCsv(): Promise<void>;
  /** Open the confirm step for a duplicate's compensating adjustment. */
  compensate(item: DuplicateItem): Promise<void>;
  reset(): void;
}

export type ReconcileStore = StoreApi<ReconcileState>;

export interface ReconcileDeps {
  bridge: Pick<TillBridge, 'reconcileRun' | 'reconcileExport' | 'journalList' | 'on'>;
  timers: Timers;
  /** The till's business-day start ("04:00"), for the default day. */
  businessDayStartsAt: () => string;
  confirm: AdjustConfirmStore;
  saveCsv: (file: CsvExport) => string;
  /** Text for people in the console language (English when left out, as in tests). */
  t?: Translate;
  /** The till's current translator, for main's outcome sentences (English when left out). */
  translator?: (() => Translator) | undefined;
}

/** The day the screen shows: the one chosen, else the business day at `now`. */
export function reconcileDay(date: string | null, now: number, startsAt: string): string {
  return date ?? businessDateAt(now, startsAt);
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
  const { bridge, timers } = deps;
  let epoch = 0;

  const initial = () => ({
    date: null,
    dateError: null,
    running: false,
    progress: null,
    report: null,
    error: null,
    exporting: false,
    exportStatus: null,
    compensated: new Map<string, string>(),
    earlier: new Map<string, JournalRow[]>(),
  });

  return createStore<ReconcileState>()((set, get) => {
    const day = (): string => reconcileDay(get().date, timers.now(), deps.businessDayStartsAt());

    const checkDate = (): string | null => {
      const d = day();
      if (!isBusinessDate(d)) {
        set({ dateError: (deps.t ?? englishText)(MESSAGES.chooseDay) });
        return null;
      }
      set({ dateError: null });
      return d;
    };

    /** Journal adjustments already made for these duplicates (one lookup per member). */
    const findEarlier = async (dups: readonly DuplicateItem[]): Promise<Map<string, JournalRow[]>> => {
      const out = new Map<string, JournalRow[]>();
      const members = [...new Set(dups.map((d) => d.memberId))].slice(0, EARLIER_MEMBERS_MAX);
      for (const memberId of members) {
        const result = await call<Answer<'journalList'>>(() => bridge.journalList({ filter: { kinds: ['adjustment'], search: memberId }, limit: 200 }));
        if (!result.ok) continue;
        for (const d of dups.filter((x) => x.memberId === memberId)) {
          const rows = result.value.rows.filter((r) => isCompensationFor(r, memberId, d.token ?? d.description));
          if (rows.length > 0) out.set(dupKey(d), rows);
        }
      }
      return out;
    };

    return {
      ...initial(),

      setDate(date) {
        set({ date });
      },

      async run() {
        if (get().running) return;
        const date = checkDate();
        if (date === null) return;
        const mine = epoch;
        set({ running: true, progress: null, error: null, exportStatus: null });
        const off = bridge.on('reconcileProgress', (p) => {
          if (mine === epoch && p.date === date) set({ progress: p });
        });
        const result = await call<Answer<'reconcileRun'>>(() => bridge.reconcileRun({ date }));
        off();
        if (mine !== epoch) return;
        set({ running: false });
        if (!result.ok) {
          set({ error: errorText(result.error) });
          return;
        }
        set({ report: result.value, compensated: new Map(), earlier: new Map() });
        const earlier = await findEarlier(result.value.duplicatedOnServer);
        if (mine === epoch) set({ earlier });
      },

      async exportCsv() {
        if (get().exporting) return;
        const date = checkDate();
        if (date === null) return;
        const mine = epoch;
        set({ exporting: true, error: null });
        const result = await call<Answer<'reconcileExport'>>(() => bridge.reconcileExport({ date: get().report?.date ?? date }));
        if (mine !== epoch) return;
        const { error, status } = exportOutcome(result, deps.saveCsv, deps.t ?? englishText);
        set({ exporting: false, error, exportStatus: status });
      },

      async compensate(item) {
        const report = get().report;
        if (report === null) return;
        const mine = epoch;
        const key = dupKey(item);
        // Compensated already (an earlier run, another manager)? Ask again now, and say so before a second one.
        const found = (await findEarlier([item])).get(key) ?? [];
        if (mine !== epoch) return;
        deps.confirm.getState().begin('reconcile', duplicateAdjustment(item, report.date), {
          noteEditable: true,
          context: compensationContext(found, deps.t ?? englishText, deps.translator?.().locale ?? SOURCE_LOCALE),
          onSubmitted(o) {
            if (mine !== epoch) return;
            const text = deps.translator === undefined ? o.message : engineText(o, deps.translator());
            set({ compensated: new Map(get().compensated).set(key, o.row !== null ? `#${o.row.id}: ${text}` : text) });
          },
        });
      },

      reset() {
        epoch++;
        set(initial());
      },
    };
  });
}
