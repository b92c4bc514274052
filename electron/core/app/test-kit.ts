/**
 * A complete till for tests: the real app core (real settings file, key vault over an in-memory
 * AES "keyring", manager PIN, journal file, embedded sandbox over HTTP) behind the real registry,
 * called the way ipcMain and the web host call it. Events are captured instead of sent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvokeKey } from '../../../shared/ipc/contract.ts';
import type { SettingsInput } from '../../../shared/ipc/schemas/settings.ts';
import { createSenderPolicy } from '../ipc/sender-policy.ts';
import type { SenderInfo } from '../ipc/sender-policy.ts';
import type { RegistryLog } from '../ipc/handler-registry.ts';
import { APP_ORIGIN } from '../shell-policy/app-origin.ts';
import { jsonFileBackend, openSettings } from '../settings/settings-file.ts';
import { createKeyVault } from '../keys/key-vault.ts';
import { createFakeKeyCrypto } from '../keys/fake-key-crypto.ts';
import type { KeyCryptoBackend } from '../keys/key-crypto.ts';
import { createManagerPin, filePinStore } from '../auth/manager-pin.ts';
import { createNoticeBoard } from '../notices/notice-board.ts';
import { createTillCore } from './app-core.ts';
import type { TillCore, TillCoreOptions } from './app-core.ts';

export const OUR_FRAME: SenderInfo = Object.freeze({ frameUrl: 'app://till/index.html', isMainFrame: true, webContentsId: 1 });
export const TEST_PIN = '2580';

export interface TillKitOptions {
  /** Settings written before the core starts (default: sandbox mode, store st_nyc_01, till T1). */
  settings?: SettingsInput;
  dataDir?: string;
  sandbox?: TillCoreOptions['sandbox'];
  clock?: { now(): number };
  /** The API client's fetch (e.g. one that makes the sandbox's replies hostile). */
  fetch?: TillCoreOptions['fetch'];
  /** Called before the core starts (e.g. to damage the journal file). */
  beforeStart?: (dataDir: string) => void;
  /** The "OS keyring": pass the same one to a second kit over the same folder to simulate a restart. */
  crypto?: KeyCryptoBackend;
  /** A release build (default: unpackaged, like development). */
  packaged?: boolean;
  originAllowList?: TillCoreOptions['originAllowList'];
}

export type TillKit = Awaited<ReturnType<typeof createTillKit>>;

export async function createTillKit(options: TillKitOptions = {}) {
  const dir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'till-core-'));
  const settingsPath = path.join(dir, 'settings.json');
  const initial: SettingsInput = options.settings ?? { mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1' };
  fs.writeFileSync(settingsPath, JSON.stringify(initial));
  options.beforeStart?.(dir);

  const clock = options.clock ?? { now: () => Date.now() };
  const settings = openSettings({ filePath: settingsPath, open: jsonFileBackend(settingsPath) });
  const vault = createKeyVault({ filePath: path.join(dir, 'keys.json'), crypto: options.crypto ?? createFakeKeyCrypto({ backend: 'gnome_libsecret' }) });
  const pin = createManagerPin({
    store: filePinStore(path.join(dir, 'manager-pin.json')),
    clock,
    autoLockMinutes: () => settings.get().managerAutoLockMinutes,
    scrypt: { N: 2 ** 10, r: 8, p: 1, keyLen: 32 },
  });
  const logged: unknown[] = [];
  const log: RegistryLog = { warn: (...a) => logged.push(a), error: (...a) => logged.push(a) };
  const sent: { channel: string; payload: unknown }[] = [];
  const notices = createNoticeBoard();
  const core: TillCore = await createTillCore({
    dataDir: dir,
    settings,
    vault,
    pin,
    notices,
    app: { name: 'SocialHub Till', version: '0.1.0', platform: 'linux', packaged: options.packaged ?? false },
    ...(options.originAllowList === undefined ? {} : { originAllowList: options.originAllowList }),
    senderPolicy: createSenderPolicy({ origins: [APP_ORIGIN], isOwnWebContents: (id) => id === 1 }),
    eventTransport: (channel, payload) => sent.push({ channel, payload }),
    log,
    clock,
    sandbox: { quiet: true, ...options.sandbox },
    tickMs: 60_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return {
    dir,
    core,
    settings,
    vault,
    pin,
    notices,
    logged,
    sent,
    sandbox: () => {
      const h = core.sandbox.handle();
      if (h === null) throw new Error('no sandbox running');
      return h;
    },
    call: <K extends InvokeKey>(key: K, payload?: unknown) => core.registry.call(key, payload, OUR_FRAME),
    /** Sets the PIN (first run) and leaves the manager session unlocked. */
    unlock: async () => {
      const state = await pin.state();
      if (!state.configured) await pin.set(TEST_PIN);
      else await pin.verify(TEST_PIN);
    },
    close: async () => {
      await core.close();
      if (options.dataDir === undefined) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
