/**
 * The Settings sections' drafts: per section only the fields the manager edited (so a change made
 * elsewhere — the scanner wizard — shows through), their problems, one save at a time through the
 * settings store's `update(patch)`, and the line that says it was saved. A field the fleet policy
 * locks is left out of the patch (main refuses it). Kept by the runtime, emptied when the console
 * closes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Translator } from '../../../shared/i18n/translator.ts';
import { errorText } from '../../app/call.ts';
import type { SettingsStore } from '../../state/settings-store.ts';
import { M } from './messages.ts';
import type { PolicyStore } from './policy-store.ts';
import { buildPatch, draftFrom, serverErrors, type DraftValue, type FieldErrors, type SectionId } from './settings-form.ts';

export interface SectionDraft {
  /** Only what was typed over the saved settings. */
  edits: Readonly<Record<string, DraftValue>>;
  errors: FieldErrors;
  failure: string | null;
  status: string | null;
  saving: boolean;
}

export const EMPTY_DRAFT: SectionDraft = Object.freeze({ edits: {}, errors: {}, failure: null, status: null, saving: false });

export interface SettingsDraftsState {
  sections: Readonly<Partial<Record<SectionId, SectionDraft>>>;
  set(section: SectionId, key: string, value: DraftValue): void;
  save(section: SectionId): Promise<void>;
  discard(section: SectionId): void;
  reset(): void;
}

export type SettingsDraftsStore = StoreApi<SettingsDraftsState>;

export interface SettingsDraftsDeps {
  settings: SettingsStore;
  policy: PolicyStore;
  /** The till's current translator: the store's sentences and errors in the till's language. */
  translator: () => Translator;
}

/** The section's saved values with its edits over them (empty before the settings are read). */
function sectionValues(settings: SettingsStore, section: SectionId, draft: SectionDraft): Record<string, DraftValue> {
  const saved = settings.getState().settings;
  return saved === null ? { ...draft.edits } : { ...draftFrom(section, saved), ...draft.edits };
}

export function createSettingsDraftsStore(deps: SettingsDraftsDeps): SettingsDraftsStore {
  const t = (...args: Parameters<Translator['t']>): string => deps.translator().t(...args);
  /** Counts resets: a save answered after the console closed changes nothing on screen. */
  let generation = 0;
  return createStore<SettingsDraftsState>()((set, get) => {
    const of = (section: SectionId): SectionDraft => get().sections[section] ?? EMPTY_DRAFT;
    const patch = (section: SectionId, change: Partial<SectionDraft>): void => set({ sections: { ...get().sections, [section]: { ...of(section), ...change } } });

    return {
      sections: {},

      set(section, key, value) {
        patch(section, { status: null, edits: { ...of(section).edits, [key]: value } });
      },

      async save(section) {
        const draft = of(section);
        if (draft.saving || deps.settings.getState().settings === null) return;
        patch(section, { status: null, failure: null });
        const built = buildPatch(section, sectionValues(deps.settings, section, draft), (key) => deps.policy.getState().isLocked(key), t);
        if (!built.ok) {
          patch(section, { errors: built.errors });
          return;
        }
        const mine = generation;
        patch(section, { errors: {}, saving: true });
        const result = await deps.settings.getState().update(built.patch);
        if (mine !== generation) return;
        if (result.ok) patch(section, { saving: false, edits: {}, status: t(M.saved) });
        else if (result.error.code === 'SETTINGS_INVALID' && result.error.issues !== undefined) {
          patch(section, { saving: false, errors: serverErrors(section, result.error.issues, errorText(result.error, deps.translator()), t) });
        } else patch(section, { saving: false, failure: errorText(result.error, deps.translator()) });
      },

      discard(section) {
        patch(section, { edits: {}, errors: {}, status: null, failure: null });
      },

      reset() {
        generation++;
        set({ sections: {} });
      },
    };
  });
}
