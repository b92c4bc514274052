/**
 * The manager console's data stores (journal list, row drawer, attention, reconciliation, API
 * activity, adjustments, the Settings drafts, the PIN gate's, PIN-change and API-key forms, the camera list and the scanner wizard), created once by the runtime and kept across console visits, but
 * emptied each time the console closes so the next manager starts from fresh screens.
 */
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { Translate } from '../state/locale-store.ts';
import type { Translator } from '../../shared/i18n/translator.ts';
import type { SessionStore } from '../state/session-store.ts';
import type { KeysStore } from './settings/keys-store.ts';
import type { SettingsStore } from '../state/settings-store.ts';
import type { Timers } from '../state/timers.ts';
import type { SoundPlayer } from '../app/sound.ts';
import { createWizardStore, type WizardStore } from './scanner-wizard/wizard-store.ts';
import { createActivityStore, type ActivityStore } from './activity/activity-store.ts';
import { createAdjustConfirmStore, type AdjustConfirmStore } from './adjust/adjust-confirm-store.ts';
import { createAdjustStore, type AdjustStore } from './adjust/adjust-store.ts';
import { createAttentionStore, type AttentionStore } from './attention/attention-store.ts';
import { downloadCsv, type CsvExport } from './csv.ts';
import { createReconcileStore, type ReconcileStore } from './reconcile/reconcile-store.ts';
import { createRowBus, type RowBus } from './row-bus.ts';
import { createPinGateStore, type PinGateStore } from './pin/pin-gate-store.ts';
import { createKeysFormStore, type KeysFormStore } from './settings/keys-form-store.ts';
import type { CameraListStore } from '../state/camera-list-store.ts';
import { createChangePinStore, type ChangePinStore } from './settings/change-pin-store.ts';
import type { PolicyStore } from './settings/policy-store.ts';
import { createSettingsDraftsStore, type SettingsDraftsStore } from './settings/settings-drafts-store.ts';
import { createJournalStore, type JournalStore } from './transactions/journal-store.ts';
import { createRowDetailStore, type RowDetailStore } from './transactions/row-detail-store.ts';

export interface ManagerData {
  rows: RowBus;
  journal: JournalStore;
  rowDetail: RowDetailStore;
  attention: AttentionStore;
  reconcile: ReconcileStore;
  activity: ActivityStore;
  adjust: AdjustStore;
  adjustConfirm: AdjustConfirmStore;
  settingsDrafts: SettingsDraftsStore;
  changePin: ChangePinStore;
  pinGate: PinGateStore;
  keysForm: KeysFormStore;
  /** The cameras the Settings "Camera" section offers. */
  cameras: CameraListStore;
  scannerWizard: WizardStore;
  /** Listen to main's journal events; returns the undo. */
  start(): () => void;
  /** The console closed: every screen back to its fresh state, answers still on their way dropped. */
  reset(): void;
}

export interface ManagerDataDeps {
  bridge: TillBridge;
  timers: Timers;
  /** The manager session (the PIN change goes through it). */
  session: SessionStore;
  /** The API keys (the Settings key forms save through it). */
  keys: KeysStore;
  /** The one settings store (the Settings sections save through its `update`). */
  settings: SettingsStore;
  /** What the fleet policy locks. */
  policy: PolicyStore;
  /** The till's sounds (the scanner wizard's result). */
  sound: SoundPlayer;
  /** Save an export as a file (a browser download by default); returns the file name used. */
  saveCsv?: (file: CsvExport) => string;
  /** The till's current translator (the runtime's locale store): every store's sentences and errors. */
  translator: () => Translator;
  /** The runtime's camera list (shared with the cashier's camera dialog). */
  cameras: CameraListStore;
}

export function createManagerData(deps: ManagerDataDeps): ManagerData {
  const { bridge, timers, translator } = deps;
  const t: Translate = (m, v) => translator().t(m, v);
  const saveCsv = deps.saveCsv ?? ((file: CsvExport) => downloadCsv(file));
  const rows = createRowBus();
  const adjustConfirm = createAdjustConfirmStore({ bridge, rows, translator });
  const journal = createJournalStore({ bridge, timers, rows, saveCsv, translator });
  const rowDetail = createRowDetailStore({ bridge, rows, translator });
  const attention = createAttentionStore({ bridge, rows, translator });
  const reconcile = createReconcileStore({ bridge, confirm: adjustConfirm, saveCsv, translator });
  const activity = createActivityStore({ bridge, timers, saveCsv, translator });
  const adjust = createAdjustStore({ confirm: adjustConfirm, translator });
  const settingsDrafts = createSettingsDraftsStore({ settings: deps.settings, policy: deps.policy, translator });
  const changePin = createChangePinStore({ session: deps.session, t });
  const pinGate = createPinGateStore({ session: deps.session });
  const keysForm = createKeysFormStore({ keys: deps.keys });
  const cameras = deps.cameras;
  const scannerWizard = createWizardStore({ settings: deps.settings, sound: deps.sound, translator });
  return {
    rows,
    journal,
    rowDetail,
    attention,
    reconcile,
    activity,
    adjust,
    adjustConfirm,
    settingsDrafts,
    changePin,
    pinGate,
    keysForm,
    cameras,
    scannerWizard,
    start() {
      return bridge.on('journalChanged', (p) => {
        void journal.getState().journalChanged(p.ids);
        attention.getState().journalChanged();
      });
    },
    reset() {
      journal.getState().reset();
      rowDetail.getState().close();
      attention.getState().reset();
      reconcile.getState().reset();
      activity.getState().reset();
      adjust.getState().reset();
      adjustConfirm.getState().close();
      settingsDrafts.getState().reset();
      changePin.getState().reset();
      pinGate.getState().reset();
      keysForm.getState().reset();
      cameras.getState().reset();
      scannerWizard.getState().reset();
    },
  };
}
