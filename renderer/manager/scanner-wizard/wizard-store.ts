/**
 * The scanner set-up wizard's flow: listening for the test burst, the analysis and what would be
 * saved, saving through the one settings store, saved or not. The view only feeds it the keys it
 * captures and shows the phase. Kept by the runtime, started afresh each time the wizard opens.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Translator } from '../../../shared/i18n/translator.ts';
import type { SoundPlayer } from '../../app/sound.ts';
import type { KeyboardLayoutId } from '../../scan/keyboard-layouts.ts';
import { analyseScannerBurst, SCANNER_TEST_CODE, type ScannerAnalysis } from '../../scan/scanner-profile.ts';
import type { SettingsStore } from '../../state/settings-store.ts';
import { BurstRecorder, planSave, saveScannerPlan, type SavePlan } from './wizard-model.ts';

export type WizardPhase =
  | { step: 'listening'; keys: number }
  | { step: 'result'; analysis: ScannerAnalysis; plan: SavePlan | null }
  | { step: 'saving'; analysis: ScannerAnalysis; plan: SavePlan & { ok: true } }
  | { step: 'saved'; plan: SavePlan & { ok: true } }
  | { step: 'save-failed'; analysis: ScannerAnalysis; plan: SavePlan & { ok: true }; message: string };

export type WizardKey = Pick<KeyboardEvent, 'key' | 'timeStamp' | 'ctrlKey' | 'altKey' | 'metaKey' | 'repeat'>;

export interface WizardState {
  phase: WizardPhase;
  /** A key while listening; false when it stays with the app (Esc, Tab, function keys before a burst has started). */
  record(key: WizardKey): boolean;
  /** The burst went quiet: analyse it against the test code and plan what to save. */
  finish(tillLayout?: KeyboardLayoutId): void;
  again(): void;
  /** Save the planned settings (from a result whose plan can be saved, or after a failed save). */
  save(): Promise<void>;
  reset(): void;
}

export type WizardStore = StoreApi<WizardState>;

export interface WizardDeps {
  settings: SettingsStore;
  sound: SoundPlayer;
  /** The till's current translator: the store's sentences and errors in the till's language. */
  translator: () => Translator;
}

const LISTENING: WizardPhase = { step: 'listening', keys: 0 };

export function createWizardStore(deps: WizardDeps): WizardStore {
  const recorder = new BurstRecorder();
  /** Counts resets: a save answered after the wizard closed changes nothing. */
  let generation = 0;
  const t: Parameters<typeof planSave>[2] = (m, v) => deps.translator().t(m, v);

  return createStore<WizardState>()((set, get) => ({
    phase: LISTENING,

    record(key) {
      if (get().phase.step !== 'listening') return false;
      if (recorder.size === 0 && (key.key === 'Escape' || /^F\d{1,2}$/.test(key.key) || key.key === 'Tab' || key.key === 'Shift')) return false;
      recorder.record(key);
      set({ phase: { step: 'listening', keys: recorder.size } });
      return true;
    },

    finish(tillLayout) {
      if (get().phase.step !== 'listening') return;
      const events = [...recorder.events];
      recorder.clear();
      const analysis = analyseScannerBurst(SCANNER_TEST_CODE, events, tillLayout === undefined ? { t } : { tillLayout, t });
      const current = deps.settings.getState().settings;
      const plan = analysis.ok && current !== null ? planSave(analysis.profile, current.scanner, t) : null;
      deps.sound.play(analysis.ok && plan?.ok === true ? 'success' : 'error');
      set({ phase: { step: 'result', analysis, plan } });
    },

    again() {
      recorder.clear();
      set({ phase: LISTENING });
    },

    async save() {
      const phase = get().phase;
      if ((phase.step !== 'result' && phase.step !== 'save-failed') || phase.plan?.ok !== true) return;
      const { analysis, plan } = phase;
      const mine = generation;
      set({ phase: { step: 'saving', analysis, plan } });
      const message = await saveScannerPlan(deps.settings, plan, deps.translator());
      if (mine !== generation) return;
      if (message === null) {
        deps.sound.play('success');
        set({ phase: { step: 'saved', plan } });
      } else set({ phase: { step: 'save-failed', analysis, plan, message } });
    },

    reset() {
      generation++;
      recorder.clear();
      set({ phase: LISTENING });
    },
  }));
}
