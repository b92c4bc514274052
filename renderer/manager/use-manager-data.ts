/** The manager console's data stores for views: one typed hook per store, from the runtime. */
import { useStore } from 'zustand';
import { useRuntime } from '../app/context.tsx';
import type { ActivityState } from './activity/activity-store.ts';
import type { AdjustConfirmState } from './adjust/adjust-confirm-store.ts';
import type { AdjustState } from './adjust/adjust-store.ts';
import type { AttentionState } from './attention/attention-store.ts';
import type { ManagerData } from './manager-data.ts';
import type { ReconcileState } from './reconcile/reconcile-store.ts';
import type { JournalListState } from './transactions/journal-store.ts';
import type { WizardState } from './scanner-wizard/wizard-store.ts';
import type { PinGateState } from './pin/pin-gate-store.ts';
import type { KeysFormState } from './settings/keys-form-store.ts';
import type { CameraListState } from '../state/camera-list-store.ts';
import type { ChangePinState } from './settings/change-pin-store.ts';
import type { SettingsDraftsState } from './settings/settings-drafts-store.ts';
import type { RowDetailState } from './transactions/row-detail-store.ts';

export const useManagerData = (): ManagerData => useRuntime().managerData;
/** Open a journal row's drawer (from any tab): the row-detail store's `show`. */
export const useOpenRow = (): ((id: number) => void) => {
  const rowDetail = useManagerData().rowDetail;
  return (id) => rowDetail.getState().show(id);
};
export const useJournal = <T,>(select: (s: JournalListState) => T): T => useStore(useManagerData().journal, select);
export const useRowDetail = <T,>(select: (s: RowDetailState) => T): T => useStore(useManagerData().rowDetail, select);
export const useAttention = <T,>(select: (s: AttentionState) => T): T => useStore(useManagerData().attention, select);
export const useReconcile = <T,>(select: (s: ReconcileState) => T): T => useStore(useManagerData().reconcile, select);
export const useActivity = <T,>(select: (s: ActivityState) => T): T => useStore(useManagerData().activity, select);
export const useAdjust = <T,>(select: (s: AdjustState) => T): T => useStore(useManagerData().adjust, select);
export const useAdjustConfirm = <T,>(select: (s: AdjustConfirmState) => T): T => useStore(useManagerData().adjustConfirm, select);
export const useSettingsDrafts = <T,>(select: (s: SettingsDraftsState) => T): T => useStore(useManagerData().settingsDrafts, select);
export const useScannerWizard = <T,>(select: (s: WizardState) => T): T => useStore(useManagerData().scannerWizard, select);
export const useChangePin = <T,>(select: (s: ChangePinState) => T): T => useStore(useManagerData().changePin, select);

export const usePinGate = <T,>(select: (s: PinGateState) => T): T => useStore(useManagerData().pinGate, select);
export const useKeysForm = <T,>(select: (s: KeysFormState) => T): T => useStore(useManagerData().keysForm, select);
export const useCameraList = <T,>(select: (s: CameraListState) => T): T => useStore(useManagerData().cameras, select);
