/**
 * The implementations of the foundation channels (settings, keys, PIN, app info). Electron-free:
 * main wires them with the real vault/settings/PIN; the web host and the tests do the same with
 * their own backends. Each impl returns status objects only — keys appear as masks, never whole.
 */
import { z } from 'zod';
import { defineMessages } from '@formatjs/intl';
import { IpcError, issuesOf } from '../../../shared/ipc/envelope.ts';
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { HandlerRegistry } from './handler-registry.ts';
import type { SettingsService } from '../settings/settings-file.ts';
import type { KeyVault } from '../keys/key-vault.ts';
import { KeyVaultError } from '../keys/key-vault.ts';
import type { KeyKind } from '../keys/key-format.ts';
import { keyEnvironment } from '../keys/key-format.ts';
import { testKey } from '../keys/key-tester.ts';
import type { KeyTestResult } from '../keys/key-tester.ts';
import type { LockState, ManagerPin } from '../auth/manager-pin.ts';
import { PinError } from '../auth/manager-pin.ts';
import type { NoticeBoard } from '../notices/notice-board.ts';
import { checkLiveOrigin, DEFAULT_ORIGIN_ALLOW_LIST, originOf } from '../api/index.ts';
import type { LiveOriginPolicy, OriginAllowList } from '../api/index.ts';
import { PolicyLockedError, policyLockedIpcError } from '../policy/managed-settings.ts';
import type { SettingsPatch } from '../settings/settings-schema.ts';
import { isGuessablePin, PIN_MESSAGES } from '../../../shared/ipc/schemas/pin.ts';
import { englishText, localize } from '../../../shared/i18n/translator.ts';

export interface AppFacts {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly packaged: boolean;
}

export interface FoundationDeps {
  readonly settings: SettingsService;
  readonly vault: KeyVault;
  readonly pin: ManagerPin;
  readonly notices: NoticeBoard;
  readonly app: AppFacts;
  /** Clear keys and settings when the PIN cannot be trusted (app/trusted-foundation.ts). */
  readonly resetTill: () => Promise<LockState>;
  /**
   * Where API calls go right now: the live base URL, or the embedded sandbox's loopback URL in
   * sandbox mode; null when there is nothing to call (a sandbox till whose sandbox is not running).
   * Defaults to the settings' base URL.
   */
  readonly apiBaseUrl?: () => string | null;
  readonly testKey?: (kind: KeyKind, key: string, options: { baseUrl: string; timeoutMs: number }) => Promise<KeyTestResult>;
  /** A release build (packaged, not QA): keys never go to loopback. Default: `app.packaged`. */
  readonly releaseBuild?: boolean;
  /** Hosts the keys may be sent to (default `*.socialhub.ai`); never read from the settings file. Read at each use: a fleet policy may change it. */
  readonly originAllowList?: OriginAllowList;
  /** What the fleet policy refuses in a settings change (locked fields), checked before anything else. */
  readonly policyRefusal?: (patch: SettingsPatch) => PolicyLockedError | null;
  /** Told after a base-URL change cleared keys bound to the old origin (the app core journals it). */
  readonly onKeyOriginChange?: (change: KeyOriginChangeEvent) => void;
  /**
   * How the journal keys the sales it already holds, for the keying settings a patch would change
   * (store, day start, id scope): the engine would be refused with them (journal keying.ts). Null when the
   * journal holds no sales, is unavailable, or the patch changes none of them.
   */
  readonly settledKeying?: (patch: SettingsPatch) => SettledKeying | null;
  /** After a saved settings change (e.g. to re-check the till id against the fleet policy). */
  readonly onSettingsSaved?: (settings: ReturnType<SettingsService['get']>) => void;
}

export interface SettledKeying {
  readonly field: 'storeId' | 'businessDayStartsAt' | 'txnIdScope';
  /** The journal's value (a store id, HH:MM, or forever / business-day). */
  readonly journal: string;
}

export const KEYING_SETTING_MESSAGES = defineMessages({
  storeId: {
    id: 'settings.keyingSettled.storeId',
    defaultMessage: 'Sales in this till’s journal are already recorded for store {journal}, so the store cannot change now.',
    description: 'Settings save refused: the store cannot change once sales are recorded in this till’s journal; {journal} is the store id they use',
  },
  dayStart: {
    id: 'settings.keyingSettled.dayStart',
    defaultMessage: 'Sales in this till’s journal are already keyed by a business day starting at {journal}, so the day start cannot change now.',
    description: 'Settings save refused: the business day start cannot change once sales are recorded; {journal} is the time (HH:MM) they use',
  },
  txnIdScope: {
    id: 'settings.keyingSettled.txnIdScope',
    defaultMessage:
      'Sales in this till’s journal are already keyed with transaction ids {journal, select, forever {that never repeat} other {that restart each business day}}, so this cannot change now.',
    description: 'Settings save refused: the transaction id scope cannot change once sales are recorded',
  },
});

export interface KeyOriginChangeEvent {
  readonly fromOrigin: string | null;
  readonly toOrigin: string;
  readonly cleared: readonly KeyKind[];
}

/** Domain errors from the core modules become typed envelopes; their messages are written for the UI. */
async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof KeyVaultError) throw new IpcError(e.code, e.message, undefined, e.localized);
    if (e instanceof PinError) throw new IpcError(e.code, e.message);
    throw e;
  }
}

export function registerFoundationHandlers(registry: HandlerRegistry<InvokeContract>, deps: FoundationDeps): void {
  const { settings, vault, pin, notices } = deps;
  const apiBaseUrl = deps.apiBaseUrl ?? (() => settings.get().baseUrl);
  const runKeyTest = deps.testKey ?? ((kind, key, o) => testKey(kind, key, o));
  const policy: LiveOriginPolicy = {
    get allowList() {
      return deps.originAllowList ?? DEFAULT_ORIGIN_ALLOW_LIST;
    },
    releaseBuild: deps.releaseBuild ?? deps.app.packaged,
  };
  const locked = policyLockedIpcError;

  /** The origin keys are bound to: that of the configured base URL, which must be one keys may go to. */
  function keyOrigin(): string {
    const check = checkLiveOrigin(settings.get().baseUrl, policy);
    if (!check.ok) throw new IpcError('BASE_URL_NOT_ALLOWED', `${check.message} Correct the API address before setting keys.`);
    return check.origin;
  }

  /** Keys bound to another origin than the new base URL's are cleared (they could never be sent again), and that is recorded. */
  async function clearKeysNotFor(toOrigin: string): Promise<void> {
    const status = await vault.status().catch(() => null);
    if (status === null) return;
    const cleared = (['write', 'read'] as const).filter((k) => status[k].configured && status[k].origin !== toOrigin);
    if (cleared.length === 0) return;
    for (const kind of cleared) await vault.clear(kind);
    const fromOrigin = status[cleared[0] ?? 'write'].origin;
    notices.raise(
      'keys-cleared',
      `The API address changed from ${fromOrigin ?? 'an unknown address'} to ${toOrigin}, so the ${cleared.join(' and ')} key${cleared.length > 1 ? 's were' : ' was'} removed. Set the keys for the new address.`,
      undefined,
      { toOrigin },
    );
    deps.onKeyOriginChange?.({ fromOrigin, toOrigin, cleared });
  }

  // --- settings ---
  registry.handle('settingsGet', () => settings.get());
  registry.handle('settingsUpdate', async (patch) => {
    // A field the organisation manages is refused whoever asks, before any other check.
    const refusal = deps.policyRefusal?.(patch) ?? null;
    if (refusal !== null) throw locked(refusal);
    // A changed keying after the first sale would leave the till unable to sell (every later sale refused).
    const settled = deps.settledKeying?.(patch) ?? null;
    if (settled !== null) {
      const text = KEYING_SETTING_MESSAGES[settled.field === 'businessDayStartsAt' ? 'dayStart' : settled.field];
      const values = { journal: settled.journal };
      const localized = localize(text, values);
      const issue = { path: [settled.field], message: englishText(text, values), messageId: localized.messageId, values };
      throw new IpcError('SETTINGS_INVALID', issue.message, [issue], localized);
    }
    if (patch.baseUrl !== undefined || patch.mode === 'live') {
      // Only an origin keys may be sent to can become the API address (the allow-list; loopback in development only).
      const check = checkLiveOrigin(patch.baseUrl ?? settings.get().baseUrl, policy);
      if (!check.ok) throw new IpcError('SETTINGS_INVALID', 'Some settings are not allowed.', [{ path: ['baseUrl'], message: check.message }]);
    }
    let next: ReturnType<SettingsService['get']>;
    try {
      next = settings.update(patch);
    } catch (e) {
      // The door checked the shape; main's stricter policy (e.g. https-only base URL) speaks here.
      if (e instanceof z.ZodError) throw new IpcError('SETTINGS_INVALID', 'Some settings are not allowed.', issuesOf(e));
      if (e instanceof PolicyLockedError) throw locked(e); // the policy changed between the check above and the save
      throw new IpcError('SETTINGS_UNSAVED', 'The settings could not be saved; nothing was changed.');
    }
    if (patch.baseUrl !== undefined) await clearKeysNotFor(originOf(next.baseUrl));
    deps.onSettingsSaved?.(next);
    return next;
  });

  // --- keys ---
  registry.handle('keysStatus', () => mapped(() => vault.status()));
  registry.handle('keysSet', ({ kind, key }) =>
    mapped(async () => {
      // A live key in a sandbox till (or the reverse) is a set-up mistake that would send the key to the wrong place.
      const mode = settings.get().mode;
      const wanted = mode === 'live' ? 'live' : 'test';
      if (keyEnvironment(key) !== wanted) {
        throw new IpcError('KEY_MODE_MISMATCH', mode === 'live' ? 'This till is in live mode: use an fl_live_ key.' : 'This till is in sandbox mode: use an fl_test_ key.');
      }
      return vault.set(kind, key, keyOrigin());
    }),
  );
  registry.handle('keysClear', ({ kind }) => mapped(() => vault.clear(kind)));
  registry.handle('keysAllowPlainText', () => mapped(() => vault.allowPlainText()));
  registry.handle('keysTest', ({ kind }) =>
    mapped(async () => {
      const sealed = await vault.get(kind);
      if (sealed === null) throw new IpcError('KEY_NOT_CONFIGURED', `No ${kind} key is stored.`);
      const baseUrl = apiBaseUrl();
      if (baseUrl === null) throw new IpcError('API_UNAVAILABLE', 'There is no SocialHub to test the key against right now (the sandbox is not running).');
      if (settings.get().mode === 'live') {
        const check = checkLiveOrigin(baseUrl, policy);
        if (!check.ok) throw new IpcError('BASE_URL_NOT_ALLOWED', `${check.message} The key was not sent.`);
      }
      // The key goes only to the origin it was sealed with, whatever the settings now say.
      const target = originOf(baseUrl);
      if (target !== sealed.origin) {
        throw new IpcError(
          'KEY_ORIGIN_MISMATCH',
          settings.get().mode === 'sandbox'
            ? `The ${kind} key is for ${sealed.origin}; in sandbox mode the till talks only to its embedded sandbox, so the key was not sent. Switch to live mode to test it.`
            : `The ${kind} key was set for ${sealed.origin} but the till now points at ${target}, so it was not sent. Restore the API address or set the key again.`,
        );
      }
      return runKeyTest(kind, sealed.key, { baseUrl, timeoutMs: settings.get().requestTimeoutMs });
    }),
  );

  // --- manager PIN ---
  registry.handle('pinStatus', () => mapped(() => pin.state()));
  registry.handle('pinSet', ({ newPin, currentPin, setupCode }) => {
    // The renderer shows this rule too, but it is untrusted: main refuses a guessable PIN itself.
    if (isGuessablePin(newPin)) throw new IpcError('PIN_TOO_EASY', englishText(PIN_MESSAGES.tooEasy), undefined, localize(PIN_MESSAGES.tooEasy));
    return mapped(() => pin.set(newPin, { currentPin, setupCode }));
  });
  registry.handle('pinVerify', ({ pin: candidate }) => mapped(() => pin.verify(candidate)));
  registry.handle('pinLock', () => mapped(() => pin.lock()));
  registry.handle('tillReset', () => mapped(() => deps.resetTill()));

  // --- app ---
  registry.handle('appInfo', async () => {
    const status = await vault.status().catch(() => null);
    return {
      ...deps.app,
      mode: settings.get().mode,
      storage: status?.storage ?? { backend: 'unknown', protected: false, available: false, optedInPlainText: false, optedInAt: null, warning: 'The key store could not be read.' },
      notices: notices.list(),
    };
  });
  registry.handle('appDismissNotice', ({ id }) => ({ notices: notices.dismiss(id) }));
}
