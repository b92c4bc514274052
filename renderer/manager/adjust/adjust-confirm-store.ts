/**
 * The confirm step of a manual adjustment, shared by the Adjust tab and reconciliation's
 * compensating adjustment (a modal, so one at a time): the request, the note (editable for a
 * compensation), one submit — refused once the write was handed to the journal — and the outcome.
 */
import { defineMessages } from '@formatjs/intl';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { englishText, type Translator } from '../../../shared/i18n/translator.ts';
import type { Translate } from '../../state/locale-store.ts';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { WriteOutcome } from '../../../shared/ipc/schemas/till.ts';
import { call, errorText } from '../../app/call.ts';
import type { Answer, RowBus } from '../row-bus.ts';
import { NOTE_MAX, NOTE_MIN, type AdjustRequest } from './adjust-model.ts';

export type ConfirmOwner = 'adjust' | 'reconcile';

export interface ConfirmOpen {
  owner: ConfirmOwner;
  request: AdjustRequest;
  noteEditable: boolean;
  /** A sentence above the request (why, or a warning). */
  context: string | null;
}

export interface AdjustConfirmState {
  open: ConfirmOpen | null;
  note: string;
  noteError: string | null;
  busy: boolean;
  error: string | null;
  outcome: WriteOutcome | null;
  begin(owner: ConfirmOwner, request: AdjustRequest, options?: { noteEditable?: boolean; context?: string; onSubmitted?: (outcome: WriteOutcome) => void }): void;
  setNote(text: string): void;
  submit(): Promise<void>;
  close(): void;
}

export type AdjustConfirmStore = StoreApi<AdjustConfirmState>;

export interface AdjustConfirmDeps {
  bridge: Pick<TillBridge, 'adjustmentSubmit'>;
  rows: RowBus;
  /** The till's current translator: the store's sentences and errors in the till's language. */
  translator: () => Translator;
}

const MESSAGES = defineMessages({
  noteLength: { id: 'manager.adjust.error.noteLength', defaultMessage: 'Write a note of {min} to {max} characters.', description: 'Adjust confirm: note too short or too long' },
});

export function noteProblem(note: string, t: Translate = englishText): string | null {
  const n = note.trim().length;
  return n < NOTE_MIN || n > NOTE_MAX ? t(MESSAGES.noteLength, { min: NOTE_MIN, max: NOTE_MAX }) : null;
}

const CLOSED = { open: null, note: '', noteError: null, busy: false, error: null, outcome: null } as const;

export function createAdjustConfirmStore(deps: AdjustConfirmDeps): AdjustConfirmStore {
  const { bridge } = deps;
  const t: Translate = (m, v) => deps.translator().t(m, v);
  let onSubmitted: ((outcome: WriteOutcome) => void) | undefined;

  return createStore<AdjustConfirmState>()((set, get) => ({
    ...CLOSED,

    begin(owner, request, options = {}) {
      onSubmitted = options.onSubmitted;
      set({ ...CLOSED, open: { owner, request, noteEditable: options.noteEditable ?? false, context: options.context ?? null }, note: request.note });
    },

    setNote(text) {
      if (get().outcome === null) set({ note: text });
    },

    async submit() {
      const { open, busy, outcome, note } = get();
      if (open === null || busy || outcome !== null) return;
      const problem = noteProblem(note, t);
      set({ noteError: problem });
      if (problem !== null) return;
      set({ busy: true, error: null });
      const then = onSubmitted;
      const result = await call<Answer<'adjustmentSubmit'>>(() => bridge.adjustmentSubmit({ ...open.request, note: note.trim() }));
      if (result.ok && result.value.row !== null) deps.rows.changed(result.value.row);
      if (get().open !== open) {
        // Closed while sending: the write is in the journal all the same; its owner still hears of it.
        if (result.ok) then?.(result.value);
        return;
      }
      set({ busy: false });
      if (!result.ok) {
        set({ error: errorText(result.error, deps.translator()) });
        return;
      }
      set({ outcome: result.value });
      then?.(result.value);
    },

    close() {
      onSubmitted = undefined;
      set(CLOSED);
    },
  }));
}
