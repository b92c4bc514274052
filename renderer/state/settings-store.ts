/**
 * The settings the cashier screen uses (scanner timing, custom code pattern, camera, earn-rule
 * rounding, id scope). Read at start and re-read whenever the manager console or the scanner
 * wizard may have changed them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { Settings } from '../../shared/ipc/schemas/settings.ts';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import type { WedgeOptions } from '../scan/wedge-detector.ts';
import { call } from '../app/call.ts';

export interface SettingsState {
  settings: Settings | null;
  info: AppInfo | null;
  error: string | null;
  load(): Promise<void>;
  set(settings: Settings): void;
}

export type SettingsStore = StoreApi<SettingsState>;

export function createSettingsStore(bridge: Pick<TillBridge, 'settingsGet'> & Partial<Pick<TillBridge, 'appInfo'>>): SettingsStore {
  return createStore<SettingsState>()((set) => ({
    settings: null,
    info: null,
    error: null,
    async load() {
      const [settings, info] = await Promise.all([
        call<Settings>(() => bridge.settingsGet()),
        bridge.appInfo === undefined ? Promise.resolve(null) : call<AppInfo>(() => bridge.appInfo!()),
      ]);
      if (settings.ok) set({ settings: settings.value, error: null });
      else set({ error: settings.error.message });
      if (info?.ok === true) set({ info: info.value });
    },
    set(settings) {
      set({ settings, error: null });
    },
  }));
}

/** The keyboard-wedge detector's options for the saved scanner settings (defaults when unknown). */
export function wedgeOptionsFromSettings(settings: Settings | null): Partial<WedgeOptions> {
  if (settings === null) return {};
  const s = settings.scanner;
  return {
    maxGapMs: s.maxGapMs,
    // The detector needs two keys to measure a gap; settings allow 1.
    minLength: Math.max(2, s.minLength),
    prefix: s.prefix,
    suffix: s.suffix,
    terminators: s.terminator === 'enter' ? ['Enter'] : s.terminator === 'tab' ? ['Tab'] : [],
  };
}
