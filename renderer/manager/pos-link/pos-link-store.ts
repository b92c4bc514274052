/**
 * Manager console → POS link: the server (on/off, port, where it listens), the POS token
 * (created, rotated or revoked here; a new token is held only until the console closes, so it
 * is seen once), the till-side options (auto-award, nudge time, receipt-code format, saved
 * through the settings store so the cashier screen follows at once), and today's share of sales
 * with a member with the missed ones.
 */
import { defineMessages } from '@formatjs/intl';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../../shared/ipc/bridge-types.ts';
import type { PosLinkShare, PosLinkStatus } from '../../../shared/ipc/schemas/pos-link.ts';
import type { Settings, SettingsPatch } from '../../../shared/ipc/schemas/settings.ts';
import { call, errorText, issueText, type CallResult } from '../../app/call.ts';
import { SOURCE_LOCALE } from '../../../shared/i18n/locales.ts';
import type { Translate } from '../../state/locale-store.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';

export const POS_LINK_STORE_MESSAGES = defineMessages({
  saved: { id: 'posLink.manager.saved', defaultMessage: 'Saved.', description: 'Manager: the POS link options were saved' },
  portInvalid: { id: 'posLink.manager.portInvalid', defaultMessage: 'The port is a whole number from 1024 to 65535.', description: 'Manager: the typed port is not valid' },
  nudgeInvalid: { id: 'posLink.manager.nudgeInvalid', defaultMessage: 'The nudge time is a whole number of seconds from 5 to 600.', description: 'Manager: the typed nudge time is not valid' },
  revoked: { id: 'posLink.manager.revoked', defaultMessage: 'The POS token is revoked: the POS cannot reach the till until it gets a new one.', description: 'Manager: the token was revoked' },
  copied: { id: 'posLink.manager.copied', defaultMessage: 'Copied.', description: 'Manager: the new token was copied to the clipboard' },
  copyFailed: { id: 'posLink.manager.copyFailed', defaultMessage: 'Could not copy: select the token and copy it by hand.', description: 'Manager: copying the token failed' },
});
const M = POS_LINK_STORE_MESSAGES;

export interface PosLinkOptionsForm {
  autoAwardWhenCardShown: boolean;
  noMemberNudgeSeconds: string;
  /** Empty: no receipt-code format. */
  receiptCodePattern: string;
}

export interface PosLinkFormErrors {
  port?: string;
  noMemberNudgeSeconds?: string;
  receiptCodePattern?: string;
  form?: string;
}

export interface PosLinkAdminState {
  status: PosLinkStatus | null;
  share: PosLinkShare | null;
  loading: boolean;
  busy: boolean;
  error: string | null;
  /** A token just created or rotated: shown once, gone when the console closes. */
  newToken: string | null;
  portInput: string;
  options: PosLinkOptionsForm;
  errors: PosLinkFormErrors;
  statusText: string | null;
  /** The tab is shown: read the status, the share and the options. */
  load(): Promise<void>;
  refreshShare(): Promise<void>;
  setEnabled(enabled: boolean): Promise<void>;
  setPortInput(value: string): void;
  savePort(): Promise<void>;
  createToken(): Promise<void>;
  rotateToken(): Promise<void>;
  revokeToken(): Promise<void>;
  copyToken(): Promise<void>;
  hideToken(): void;
  setOptions(patch: Partial<PosLinkOptionsForm>): void;
  saveOptions(): Promise<void>;
  reset(): void;
}

export type PosLinkAdminStore = StoreApi<PosLinkAdminState>;

export interface PosLinkAdminDeps {
  bridge: Pick<TillBridge, 'posLinkStatus' | 'posLinkConfigure' | 'posLinkTokenCreate' | 'posLinkTokenRotate' | 'posLinkTokenRevoke' | 'posLinkShare'>;
  /** The settings as the till holds them, and the one way to change them. */
  settings(): Settings | null;
  updateSettings(patch: SettingsPatch): Promise<CallResult<Settings>>;
  /** Main changed the settings itself (on/off and port are saved by the POS link's own channel). */
  reloadSettings(): void;
  /** The till's current translator: the store's sentences and errors in the till's language. */
  translator: () => Translator;
  copy?(text: string): Promise<void>;
}

function optionsFrom(settings: Settings | null): PosLinkOptionsForm {
  const p = settings?.posLink;
  return {
    autoAwardWhenCardShown: p?.autoAwardWhenCardShown ?? false,
    noMemberNudgeSeconds: String(p?.noMemberNudgeSeconds ?? 45),
    receiptCodePattern: p?.receiptCodePattern ?? '',
  };
}

const SHARE_MESSAGES = defineMessages({
  sharePercent: {
    id: 'posLink.manager.sharePercent',
    defaultMessage: '{percent, number, percent} of decided sales had a member.',
    description: 'Manager: share of sales with a member; {percent} is a fraction shown as a percentage (0.8 → 80%)',
  },
  shareNone: { id: 'posLink.manager.shareNone', defaultMessage: 'No sale decided yet today.', description: 'Manager: no sale has a member outcome yet' },
});

/** The share of decided sales that had a member (0…1), as a percentage in the manager's locale ("80 %" in de). */
export function shareText(share: number | null, t: Translate): string {
  return share === null ? t(SHARE_MESSAGES.shareNone) : t(SHARE_MESSAGES.sharePercent, { percent: share });
}

/** A whole number within [min, max] from what was typed, or null. */
export function wholeNumberIn(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

export function createPosLinkAdminStore(deps: PosLinkAdminDeps): PosLinkAdminStore {
  const { bridge } = deps;
  const t: Translate = (m, v) => deps.translator().t(m, v);
  const copy = (text: string): Promise<void> => (deps.copy !== undefined ? deps.copy(text) : navigator.clipboard.writeText(text));
  let epoch = 0;

  const initial = () => ({
    status: null,
    share: null,
    loading: false,
    busy: false,
    error: null,
    newToken: null,
    portInput: '',
    options: optionsFrom(null),
    errors: {},
    statusText: null,
  });

  return createStore<PosLinkAdminState>()((set, get) => {
    const showStatus = (status: PosLinkStatus): void => {
      set({ status });
    };
    /** A created or rotated token is shown once, with the status it leaves. */
    const showNewToken = (v: { token: string; status: PosLinkStatus }): void => {
      set({ newToken: v.token });
      showStatus(v.status);
    };
    /** The port box shows the saved setting (where it listens is said beside it). */
    const savedPort = (): string => String(deps.settings()?.posLink.port ?? '');

    /** One manager action: busy while it runs, its error shown, a stale answer (console closed) dropped. */
    const act = async <T>(run: () => Promise<unknown>, onOk: (value: T) => void): Promise<void> => {
      const mine = epoch;
      set({ busy: true, error: null, statusText: null });
      const result = await call<T>(run);
      if (mine !== epoch) return;
      set({ busy: false });
      if (result.ok) onOk(result.value);
      else set({ error: errorText(result.error, deps.translator()) });
    };

    return {
      ...initial(),

      async load() {
        const mine = epoch;
        set({ loading: true, error: null, options: optionsFrom(deps.settings()), portInput: savedPort() });
        const [status, share] = await Promise.all([call<PosLinkStatus>(() => bridge.posLinkStatus()), call<PosLinkShare>(() => bridge.posLinkShare({}))]);
        if (mine !== epoch) return;
        set({ loading: false });
        if (status.ok) showStatus(status.value);
        if (share.ok) set({ share: share.value });
        const failed = !status.ok ? status.error : !share.ok ? share.error : null;
        if (failed !== null) set({ error: errorText(failed, deps.translator()) });
      },

      async refreshShare() {
        const mine = epoch;
        const share = await call<PosLinkShare>(() => bridge.posLinkShare({}));
        if (mine !== epoch) return;
        if (share.ok) set({ share: share.value });
        else set({ error: errorText(share.error, deps.translator()) });
      },

      async setEnabled(enabled) {
        await act<PosLinkStatus>(
          () => bridge.posLinkConfigure({ enabled }),
          (status) => {
            showStatus(status);
            deps.reloadSettings();
          },
        );
      },

      setPortInput(value) {
        set({ portInput: value, errors: { ...get().errors, port: undefined } });
      },

      async savePort() {
        const port = wholeNumberIn(get().portInput, 1024, 65_535);
        if (port === null) {
          set({ errors: { ...get().errors, port: t(M.portInvalid) } });
          return;
        }
        await act<PosLinkStatus>(
          () => bridge.posLinkConfigure({ port }),
          (status) => {
            set({ portInput: String(port), statusText: t(M.saved) });
            showStatus(status);
            deps.reloadSettings();
          },
        );
      },

      async createToken() {
        await act(() => bridge.posLinkTokenCreate(), showNewToken);
      },

      async rotateToken() {
        await act(() => bridge.posLinkTokenRotate(), showNewToken);
      },

      async revokeToken() {
        await act<PosLinkStatus>(
          () => bridge.posLinkTokenRevoke(),
          (status) => {
            set({ newToken: null, statusText: t(M.revoked) });
            showStatus(status);
          },
        );
      },

      async copyToken() {
        const token = get().newToken;
        if (token === null) return;
        try {
          await copy(token);
          set({ statusText: t(M.copied) });
        } catch {
          set({ statusText: t(M.copyFailed) });
        }
      },

      hideToken() {
        set({ newToken: null });
      },

      setOptions(patch) {
        const errors = { ...get().errors };
        for (const k of Object.keys(patch)) delete errors[k as keyof PosLinkFormErrors];
        set({ options: { ...get().options, ...patch }, errors: { ...errors, form: undefined }, statusText: null });
      },

      async saveOptions() {
        const o = get().options;
        const nudge = wholeNumberIn(o.noMemberNudgeSeconds, 5, 600);
        if (nudge === null) {
          set({ errors: { ...get().errors, noMemberNudgeSeconds: t(M.nudgeInvalid) } });
          return;
        }
        const pattern = o.receiptCodePattern.trim() === '' ? null : o.receiptCodePattern.trim();
        const mine = epoch;
        set({ busy: true, errors: {}, statusText: null });
        const result = await deps.updateSettings({ posLink: { autoAwardWhenCardShown: o.autoAwardWhenCardShown, noMemberNudgeSeconds: nudge, receiptCodePattern: pattern } });
        if (mine !== epoch) return;
        set({ busy: false });
        if (result.ok) {
          set({ options: optionsFrom(result.value), statusText: t(M.saved) });
          return;
        }
        // The schema names the field it refused (the pattern's own sentence says what is wrong with it).
        const fieldIssue = result.error.issues?.find((i) => i.path.at(-1) === 'receiptCodePattern' || i.path.at(-1) === 'noMemberNudgeSeconds');
        if (fieldIssue === undefined) set({ errors: { form: errorText(result.error, deps.translator()) } });
        else if (fieldIssue.path.at(-1) === 'receiptCodePattern') {
          // The English check names exactly what is wrong; other languages get the catalogue's sentence.
          const tr = deps.translator();
          set({ errors: { receiptCodePattern: tr.locale === SOURCE_LOCALE ? fieldIssue.message : issueText(fieldIssue, tr) } });
        } else set({ errors: { noMemberNudgeSeconds: issueText(fieldIssue, deps.translator()) } });
      },

      reset() {
        epoch++;
        set(initial());
      },
    };
  });
}
