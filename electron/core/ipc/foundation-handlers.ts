/**
 * The implementations of the foundation channels (settings, keys, PIN, app info). Electron-free:
 * main wires them with the real vault/settings/PIN; the web host and the tests do the same with
 * their own backends. Each impl returns status objects only — keys appear as masks, never whole.
 */
import { z } from 'zod';
import { IpcError } from '../../../shared/ipc/envelope.ts';
import type { Issue } from '../../../shared/ipc/envelope.ts';
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
}

function issuesOf(e: z.ZodError): Issue[] {
  return e.issues.slice(0, 20).map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

/** Domain errors from the core modules become typed envelopes; their messages are written for the UI. */
async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof KeyVaultError || e instanceof PinError) throw new IpcError(e.code, e.message);
    throw e;
  }
}

export function registerFoundationHandlers(registry: HandlerRegistry<InvokeContract>, deps: FoundationDeps): void {
  const { settings, vault, pin, notices } = deps;
  const apiBaseUrl = deps.apiBaseUrl ?? (() => settings.get().baseUrl);
  const runKeyTest = deps.testKey ?? ((kind, key, o) => testKey(kind, key, o));

  // --- settings ---
  registry.handle('settingsGet', () => settings.get());
  registry.handle('settingsUpdate', (patch) => {
    try {
      return settings.update(patch);
    } catch (e) {
      // The door checked the shape; main's stricter policy (e.g. https-only base URL) speaks here.
      if (e instanceof z.ZodError) throw new IpcError('SETTINGS_INVALID', 'Some settings are not allowed.', issuesOf(e));
      throw new IpcError('SETTINGS_UNSAVED', 'The settings could not be saved; nothing was changed.');
    }
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
      return vault.set(kind, key);
    }),
  );
  registry.handle('keysClear', ({ kind }) => mapped(() => vault.clear(kind)));
  registry.handle('keysAllowPlainText', () => mapped(() => vault.allowPlainText()));
  registry.handle('keysTest', ({ kind }) =>
    mapped(async () => {
      const key = await vault.get(kind);
      if (key === null) throw new IpcError('KEY_NOT_CONFIGURED', `No ${kind} key is stored.`);
      const baseUrl = apiBaseUrl();
      if (baseUrl === null) throw new IpcError('API_UNAVAILABLE', 'There is no SocialHub to test the key against right now (the sandbox is not running).');
      return runKeyTest(kind, key, { baseUrl, timeoutMs: settings.get().requestTimeoutMs });
    }),
  );

  // --- manager PIN ---
  registry.handle('pinStatus', () => mapped(() => pin.state()));
  registry.handle('pinSet', ({ newPin, currentPin, setupCode }) => mapped(() => pin.set(newPin, { currentPin, setupCode })));
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
