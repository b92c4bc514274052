/**
 * The till's one copy of its settings and app info (mode, key storage, notices), for both
 * screens. Read once at start; every change goes through `update(patch)`, which checks the patch
 * with the channel's own schema before anything is sent and keeps the store current with main's
 * answer, so no screen has to re-read settings another screen changed. A save sends only the
 * caller's patch: main merges it field by field, so a save never carries another group's old
 * values back. Answers can land out of order: an answer (read or successful save) lands only when
 * it is newer than the last one that landed, so neither a stale read nor an older save undoes a
 * newer one, and a refused newer save does not hold back an older one main did apply.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../shared/ipc/schemas/settings.ts';
import { issuesOf } from '../../shared/ipc/envelope.ts';
import type { AppInfo } from '../../shared/ipc/contract.ts';
import type { WedgeOptions } from '../scan/wedge-detector.ts';
import { call, errorText, type CallResult } from '../app/call.ts';
import { ERROR_CODE_MESSAGES } from '../../shared/ipc/error-messages.ts';
import { englishText, type Translator } from '../../shared/i18n/translator.ts';

export interface SettingsState {
  settings: Settings | null;
  info: AppInfo | null;
  /** Why the settings could not be read, if they could not. */
  error: string | null;
  load(): Promise<void>;
  /** Re-read the app info (key storage, notices), which main may change on its own. */
  loadInfo(): Promise<void>;
  /**
   * Save a patch. A patch the schema refuses comes back as SETTINGS_INVALID with its issues and
   * is never sent; main's answer replaces the settings here.
   */
  update(patch: SettingsPatch): Promise<CallResult<Settings>>;
  /** Why the last notice could not be dismissed; null once one was. */
  noticeError: string | null;
  /** Dismiss one of main's notices; returns (and keeps in `noticeError`) why it could not be. */
  dismissNotice(id: string): Promise<string | null>;
}

export type SettingsStore = StoreApi<SettingsState>;

export type SettingsBridge = Pick<TillBridge, 'settingsGet' | 'settingsUpdate'> & Partial<Pick<TillBridge, 'appInfo' | 'appDismissNotice'>>;

/** `translator`: the till's current one, for why the settings or a notice could not be handled. */
export function createSettingsStore(bridge: SettingsBridge, translator: () => Translator): SettingsStore {
  /** Bumped by every read and save as it starts. */
  let generation = 0;
  /** The generation of the last answer that landed in `settings`. */
  let applied = 0;
  /** The same for `info`: bumped by every app-info read and notice dismissal as it starts. */
  let infoGeneration = 0;
  /** The generation of the last app-info read that landed. */
  let infoApplied = 0;
  /** The newest notice list that landed (from a read or a dismissal), which an older answer must not replace. */
  let notices: { generation: number; list: AppInfo['notices'] } | null = null;
  return createStore<SettingsState>()((set, get) => ({
    settings: null,
    info: null,
    error: null,
    noticeError: null,
    async load() {
      const mine = ++generation;
      const [settings] = await Promise.all([call<Settings>(() => bridge.settingsGet()), get().loadInfo()]);
      // A newer answer already landed: it is the one to keep (unless there is nothing yet).
      if (mine < applied && get().settings !== null) return;
      if (settings.ok) {
        applied = mine;
        set({ settings: settings.value, error: null });
      } else set({ error: errorText(settings.error, translator()) });
    },
    async loadInfo() {
      if (bridge.appInfo === undefined) return;
      const appInfo = bridge.appInfo;
      const mine = ++infoGeneration;
      const info = await call<AppInfo>(() => appInfo());
      if (!info.ok || mine < infoApplied) return;
      infoApplied = mine;
      if (notices === null || mine > notices.generation) notices = { generation: mine, list: info.value.notices };
      set({ info: { ...info.value, notices: notices.list } });
    },
    async update(patch) {
      const checked = settingsPatchSchema.safeParse(patch);
      if (!checked.success) {
        return { ok: false, error: { code: 'SETTINGS_INVALID', message: englishText(ERROR_CODE_MESSAGES.SETTINGS_INVALID), issues: issuesOf(checked.error) } };
      }
      const mine = ++generation;
      const result = await call<Settings>(() => bridge.settingsUpdate(patch));
      if (result.ok && mine > applied) {
        applied = mine;
        set({ settings: result.value, error: null });
      }
      return result;
    },
    async dismissNotice(id) {
      if (bridge.appDismissNotice === undefined) return null;
      const dismiss = bridge.appDismissNotice;
      const mine = ++infoGeneration;
      const result = await call<{ notices: AppInfo['notices'] }>(() => dismiss({ id }));
      if (!result.ok) {
        const noticeError = errorText(result.error, translator());
        set({ noticeError });
        return noticeError;
      }
      if (notices === null || mine > notices.generation) notices = { generation: mine, list: result.value.notices };
      const info = get().info;
      set(info !== null ? { noticeError: null, info: { ...info, notices: notices.list } } : { noticeError: null });
      return null;
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
