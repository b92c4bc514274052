/** The runtime (stores, bridge, sound, scan routing) for components, and typed store hooks. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AwardState } from '../state/award-store.ts';
import type { CameraListState } from '../state/camera-list-store.ts';
import type { CouponState } from '../state/coupon-store.ts';
import type { FeedbackState } from '../state/feedback-store.ts';
import type { KeysState } from '../manager/settings/keys-store.ts';
import type { MemberState } from '../state/member-store.ts';
import type { ReturnState } from '../state/return-store.ts';
import type { SessionState } from '../state/session-store.ts';
import type { SettingsState } from '../state/settings-store.ts';
import type { StatusState } from '../state/status-store.ts';
import type { StorePickerState } from '../manager/settings/store-picker-store.ts';
import type { UiState } from '../state/ui-store.ts';
import type { TillRuntime } from './runtime.ts';
import { DEFAULT_CURRENCY } from '../../shared/money.ts';

const TillContext = createContext<TillRuntime | null>(null);

export function TillProvider({ runtime, children }: { runtime: TillRuntime; children: ReactNode }) {
  return <TillContext.Provider value={runtime}>{children}</TillContext.Provider>;
}

export function useRuntime(): TillRuntime {
  const runtime = useContext(TillContext);
  if (runtime === null) throw new Error('useRuntime outside TillProvider');
  return runtime;
}

export const useMember = <T,>(select: (s: MemberState) => T): T => useStore(useRuntime().member, select);
export const useAward = <T,>(select: (s: AwardState) => T): T => useStore(useRuntime().award, select);
export const useCoupon = <T,>(select: (s: CouponState) => T): T => useStore(useRuntime().coupon, select);
export const useReturns = <T,>(select: (s: ReturnState) => T): T => useStore(useRuntime().returns, select);
export const useStatus = <T,>(select: (s: StatusState) => T): T => useStore(useRuntime().status, select);
export const useSettings = <T,>(select: (s: SettingsState) => T): T => useStore(useRuntime().settings, select);
export const useManagerSession = <T,>(select: (s: SessionState) => T): T => useStore(useRuntime().session, select);
export const useKeys = <T,>(select: (s: KeysState) => T): T => useStore(useRuntime().keys, select);
export const useStorePicker = <T,>(select: (s: StorePickerState) => T): T => useStore(useRuntime().storePicker, select);
export const useFeedback = <T,>(select: (s: FeedbackState) => T): T => useStore(useRuntime().feedback, select);
export const useCameras = <T,>(select: (s: CameraListState) => T): T => useStore(useRuntime().cameras, select);
export const useUi = <T,>(select: (s: UiState) => T): T => useStore(useRuntime().ui, select);

/** The store's currency (ISO 4217) from the settings; US dollars until one is set. */
export const useCurrency = (): string => useStore(useRuntime().settings, (s) => s.settings?.currency ?? DEFAULT_CURRENCY);
