/**
 * A complete till for tests: the real app core (real settings file, key vault over an in-memory
 * AES "keyring", manager trust and PIN, journal file, embedded sandbox over HTTP) behind the real
 * registry, called the way ipcMain and the web host call it. Events are captured instead of sent.
 * The preset settings are applied through the till, as a manager would, so they carry their MAC.
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
import { createFakeKeyCrypto } from '../keys/fake-key-crypto.ts';
import type { KeyCryptoBackend } from '../keys/key-crypto.ts';
import { systemSessionClock } from '../auth/session-clock.ts';
import type { SessionClock } from '../auth/session-clock.ts';
import { openTestFoundation } from './test-foundation.ts';
import { createTillCore } from './app-core.ts';
import type { TillCore, TillCoreOptions } from './app-core.ts';

export const OUR_FRAME: SenderInfo = Object.freeze({ frameUrl: 'app://till/index.html', isMainFrame: true, webContentsId: 1 });
export const TEST_PIN = '258046';

export interface TillKitOptions {
  /** Settings applied before the core starts (default: sandbox mode, store st_nyc_01, till T1); null = keep the folder's. */
  settings?: SettingsInput | null;
  dataDir?: string;
  /** The manager PIN's clocks (default: the system's). */
  pinClock?: SessionClock;
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
  telemetry?: TillCoreOptions['telemetry'];
  posSaleOpen?: TillCoreOptions['posSaleOpen'];
}

export type TillKit = Awaited<ReturnType<typeof createTillKit>>;

export async function createTillKit(options: TillKitOptions = {}) {
  const dir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'till-core-'));
  options.beforeStart?.(dir);

  const clock = options.clock ?? { now: () => Date.now() };
  const crypto = options.crypto ?? createFakeKeyCrypto({ backend: 'gnome_libsecret' });
  const { foundation, vault, notices, setupCode } = await openTestFoundation({ dir, crypto, clock: options.pinClock ?? systemSessionClock });
  const { settings, pin } = foundation;
  const initial: SettingsInput | null = options.settings === undefined ? { mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1' } : options.settings;
  if (initial !== null) settings.update(initial);
  const logged: unknown[] = [];
  const log: RegistryLog = { warn: (...a) => logged.push(a), error: (...a) => logged.push(a) };
  const sent: { channel: string; payload: unknown }[] = [];
  const core: TillCore = await createTillCore({
    dataDir: dir,
    settings,
    vault,
    pin,
    resetTill: () => foundation.resetTill(),
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
    ...(options.telemetry === undefined ? {} : { telemetry: options.telemetry }),
    ...(options.posSaleOpen === undefined ? {} : { posSaleOpen: options.posSaleOpen }),
  });
  return {
    dir,
    core,
    settings,
    vault,
    pin,
    crypto,
    notices,
    foundation,
    /** The set-up code this kit's start issued (a new folder), else null. */
    setupCode,
    logged,
    sent,
    sandbox: () => {
      const h = core.sandbox.handle();
      if (h === null) throw new Error('no sandbox running');
      return h;
    },
    call: <K extends InvokeKey>(key: K, payload?: unknown) => core.registry.call(key, payload, OUR_FRAME),
    /** Sets the PIN (with the set-up code on a new folder) and leaves the manager session unlocked. */
    unlock: async () => {
      const state = await pin.state();
      if (!state.configured) await pin.set(TEST_PIN, { setupCode: setupCode() ?? undefined });
      else await pin.verify(TEST_PIN);
    },
    close: async () => {
      await core.close();
      if (options.dataDir === undefined) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
