/**
 * The Adjust tab's state: the form as typed, its errors, the review that opens the confirm step,
 * and the last adjustment sent. One submit per review: the form starts over once the write was
 * handed to the journal, so a second click cannot send it twice. Each form has one reference:
 * kept while the same form is retried (an answer lost on the way is sent again under it and comes
 * back `duplicate`), new once the form starts over (submitted, cleared or reset) or once it asks
 * for another adjustment than the one already sent under it (member, points or reason edited).
 */
import { defineMessages } from '@formatjs/intl';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Translator } from '../../../shared/i18n/translator.ts';
import type { Translate } from '../../state/locale-store.ts';
import type { AdjustConfirmStore } from './adjust-confirm-store.ts';
import { EMPTY_ADJUST, newAdjustRef, otherAdjustment, outcomeView, sameAdjustment, validateAdjust } from './adjust-model.ts';
import type { AdjustDraft, AdjustField, AdjustFields } from './adjust-model.ts';

export interface LastAdjustment {
  text: string;
  rowId: number | null;
}

export interface AdjustState {
  draft: AdjustDraft;
  errors: Partial<Record<AdjustField, string>>;
  last: LastAdjustment | null;
  set<K extends keyof AdjustDraft>(field: K, value: AdjustDraft[K]): void;
  clear(): void;
  /** Validate; when the form is sound, open the confirm step. */
  review(): boolean;
  reset(): void;
}

export type AdjustStore = StoreApi<AdjustState>;

const MESSAGES = defineMessages({
  last: { id: 'manager.adjust.last', defaultMessage: 'Last adjustment: {outcome}', description: 'Adjust tab: the outcome of the adjustment sent last; outcome is a sentence' },
});

export function createAdjustStore(deps: { confirm: AdjustConfirmStore; translator: () => Translator }): AdjustStore {
  const t: Translate = (m, v) => deps.translator().t(m, v);
  let formRef = newAdjustRef();
  // Each adjustment this form has asked for, under its own ref: an edited form is another
  // adjustment, and one edited back asks again under the ref it was (perhaps) recorded with.
  let reviewed: { ref: string; fields: AdjustFields }[] = [];
  const startOver = () => {
    formRef = newAdjustRef();
    reviewed = [];
  };
  return createStore<AdjustState>()((set, get) => ({
    draft: EMPTY_ADJUST,
    errors: {},
    last: null,

    set(field, value) {
      set({ draft: { ...get().draft, [field]: value } });
    },
    clear() {
      startOver();
      set({ draft: EMPTY_ADJUST, errors: {} });
    },
    review() {
      const v = validateAdjust(get().draft, t);
      if (!v.ok) {
        set({ errors: v.errors });
        return false;
      }
      set({ errors: {} });
      // Asked for under another ref with other member, points or reason: a retry would come back as the old one.
      const earlier = reviewed.find((r) => sameAdjustment(r.fields, v.request));
      if (earlier !== undefined) formRef = earlier.ref;
      else if (reviewed.length > 0) formRef = newAdjustRef();
      if (earlier === undefined) reviewed.push({ ref: formRef, fields: v.request });
      const ref = formRef;
      const request = v.request;
      const submitted = get().draft;
      deps.confirm.getState().begin('adjust', { ...request, ref }, {
        onSubmitted(o) {
          const other = otherAdjustment(o, request);
          const text = t(MESSAGES.last, { outcome: outcomeView(o, t, request).title });
          if (other !== null) {
            // The ref belongs to another entry: nothing of this form was recorded; keep it, under a new ref.
            if (formRef === ref) startOver();
            set({ last: { text, rowId: other.id } });
            return;
          }
          // Handed to the journal: the next form is another adjustment (unless cleared since).
          if (formRef === ref) startOver();
          // Only the submitted form starts over: one typed since (the dialog closed while sending) stays.
          set({ ...(get().draft === submitted ? { draft: EMPTY_ADJUST } : {}), last: { text, rowId: o.row?.id ?? null } });
        },
      });
      return true;
    },
    reset() {
      startOver();
      set({ draft: EMPTY_ADJUST, errors: {}, last: null });
    },
  }));
}
