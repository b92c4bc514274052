/**
 * The journal-row drawer's state: a stack of opened entries (a clawback opens its sale, a requeue
 * opens the new entry on top of the refused one), the entry on top in full, and the manager's
 * actions on it (verify, resend after a confirm, mark resolved, re-queue under the corrected
 * member), each announcing the changed row so the lists patch it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { RowDetail } from '../../../shared/ipc/schemas/till.ts';
import { STATE_LABEL_MESSAGES } from '../../../shared/journal/states.ts';
import { call, errorText } from '../../app/call.ts';
import type { Answer, RowBus } from '../row-bus.ts';
import { resolveReasonProblem } from './detail-model.ts';
import { defineMessages } from '@formatjs/intl';
import type { Translator } from '../../../shared/i18n/translator.ts';

export type RowAction = 'verify' | 'resend' | 'resolve' | 'requeue';

export interface RowDetailState {
  /** Opened entries, the shown one last; empty when the drawer is closed. */
  stack: number[];
  detail: RowDetail | null;
  loadError: string | null;
  actionError: string | null;
  status: string | null;
  busy: RowAction | null;
  confirmResend: boolean;
  requeueMember: string;
  reason: string;
  reasonError: string | null;
  /** Open an entry as the only one in the drawer. */
  show(id: number): void;
  /** Open a related entry on top (Back returns to the one below). */
  openRelated(id: number): void;
  back(): void;
  close(): void;
  setReason(text: string): void;
  setRequeueMember(text: string): void;
  askResend(): void;
  cancelResend(): void;
  act(kind: RowAction): Promise<void>;
}

export type RowDetailStore = StoreApi<RowDetailState>;

export interface RowDetailDeps {
  bridge: Pick<TillBridge, 'journalRow' | 'journalVerify' | 'journalResend' | 'journalResolve' | 'journalRequeue'>;
  rows: RowBus;
  /** The till's current translator: every sentence and error the store makes, in the till's language. */
  translator: () => Translator;
}

const FRESH = { detail: null, loadError: null, actionError: null, status: null, busy: null, confirmResend: false, requeueMember: '', reason: '', reasonError: null } as const;

const MESSAGES = defineMessages({
  verified: { id: 'manager.transactions.detail.verified', defaultMessage: 'Checked with SocialHub. State now: {state}.', description: 'Verify finished; the entry state now' },
  resent: { id: 'manager.transactions.detail.resent', defaultMessage: 'Queued to send again. State now: {state}.', description: 'Resend queued; the entry state now' },
  resolved: { id: 'manager.transactions.detail.resolved', defaultMessage: 'Marked resolved. The reason is kept in the journal.', description: 'The entry was marked resolved' },
});

export function createRowDetailStore(deps: RowDetailDeps): RowDetailStore {
  const { bridge } = deps;
  /** Counts entries shown: an answer for an entry no longer on top is dropped. */
  let shown = 0;

  return createStore<RowDetailState>()((set, get) => {
    const load = (stack: number[]): void => {
      const mine = ++shown;
      const id = stack[stack.length - 1];
      set({ stack, ...FRESH });
      if (id === undefined) return;
      void call<Answer<'journalRow'>>(() => bridge.journalRow({ id })).then((result) => {
        if (mine !== shown) return;
        if (result.ok) set({ detail: result.value });
        else set({ loadError: errorText(result.error, deps.translator()) });
      });
    };

    return {
      stack: [],
      ...FRESH,

      show(id) {
        load([id]);
      },
      openRelated(id) {
        load([...get().stack, id]);
      },
      back() {
        const stack = get().stack;
        if (stack.length > 1) load(stack.slice(0, -1));
      },
      close() {
        load([]);
      },
      setReason(text) {
        set({ reason: text });
      },
      setRequeueMember(text) {
        set({ requeueMember: text });
      },
      askResend() {
        set({ confirmResend: true });
      },
      cancelResend() {
        set({ confirmResend: false });
      },

      async act(kind) {
        const { busy, stack, reason, requeueMember } = get();
        const id = stack[stack.length - 1];
        if (busy !== null || id === undefined) return;
        if (kind === 'resolve' || kind === 'requeue') {
          const problem = resolveReasonProblem(reason, deps.translator().t);
          set({ reasonError: problem });
          if (problem !== null) return;
        }
        if (kind === 'requeue' && requeueMember.trim() === '') return;
        const mine = shown;
        set({ busy: kind, actionError: null, status: null });
        const result = await call<RowDetail>(() =>
          kind === 'verify'
            ? bridge.journalVerify({ id })
            : kind === 'resend'
              ? bridge.journalResend({ id })
              : kind === 'requeue'
                ? bridge.journalRequeue({ id, memberId: requeueMember.trim(), reason: reason.trim() })
                : bridge.journalResolve({ id, reason: reason.trim() }),
        );
        if (result.ok) deps.rows.changed(result.value.row);
        if (mine !== shown) return;
        set({ busy: null, confirmResend: false });
        if (!result.ok) {
          set({ actionError: errorText(result.error, deps.translator()) });
          return;
        }
        if (kind === 'requeue') {
          // The answer is the new entry: open it on top of the refused one.
          get().openRelated(result.value.row.id);
          return;
        }
        set({ detail: result.value });
        const t = deps.translator().t;
        const now = t(STATE_LABEL_MESSAGES[result.value.row.state]);
        if (kind === 'verify') set({ status: t(MESSAGES.verified, { state: now }) });
        else if (kind === 'resend') set({ status: t(MESSAGES.resent, { state: now }) });
        else set({ reason: '', status: t(MESSAGES.resolved) });
      },
    };
  });
}
