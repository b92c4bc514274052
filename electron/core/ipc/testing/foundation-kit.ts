/**
 * A complete, Electron-free till door for tests (and a template for the web host): real settings
 * file, real key vault (over an in-memory AES "keyring"), real manager trust (sealed secret, PIN,
 * settings MAC), the real registry with the real contract and the app-origin sender policy.
 * The clock's wall time (`t`) and monotonic time (`m`) move separately, so tests can jump one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invokeContract } from '../../../../shared/ipc/contract.ts';
import { createHandlerRegistry } from '../handler-registry.ts';
import type { AppLog } from '../../log/app-log.ts';
import { registerFoundationHandlers } from '../foundation-handlers.ts';
import type { FoundationDeps } from '../foundation-handlers.ts';
import { createSenderPolicy } from '../sender-policy.ts';
import type { SenderInfo } from '../sender-policy.ts';
import { APP_ORIGIN } from '../../shell-policy/app-origin.ts';
import { createFakeKeyCrypto } from '../../keys/testing/fake-key-crypto.ts';
import type { StorageBackendName } from '../../keys/key-crypto.ts';
import { managerAuthoriser } from '../../auth/authorise.ts';
import { openKitFoundation } from '../../app/testing/till-kit.ts';

export const OUR_FRAME: SenderInfo = Object.freeze({ frameUrl: 'app://till/index.html', isMainFrame: true, webContentsId: 1 });

export const KIT_PIN = '258046';

export async function createFoundationKit(options: { backend?: StorageBackendName; testKey?: FoundationDeps['testKey']; apiBaseUrl?: () => string | null } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-door-'));
  const clock = { t: Date.parse('2026-11-25T10:00:00Z'), m: 1_000, now: () => clock.t, wall: () => clock.t, monotonic: () => clock.m };
  const crypto = createFakeKeyCrypto({ backend: options.backend ?? 'gnome_libsecret' });
  const opened = await openKitFoundation({ dataDir: dir, crypto, clock, now: () => new Date(clock.t) });
  const { foundation } = opened;
  const { settings, pin, vault, notices } = foundation;
  const setupCode = (): string => opened.setupCode() ?? '';
  const logged: unknown[] = [];
  const log: AppLog = { warn: (...a) => logged.push(a), error: (...a) => logged.push(a) };
  const registry = createHandlerRegistry(invokeContract, {
    senderPolicy: createSenderPolicy({ origins: [APP_ORIGIN], isOwnWebContents: (id) => id === 1 }),
    secrets: () => vault.secrets(),
    authorise: managerAuthoriser(pin),
    log,
  });
  registerFoundationHandlers(registry, {
    settings,
    vault,
    pin,
    notices,
    resetTill: () => foundation.resetTill(),
    app: { name: 'SocialHub Till', version: '0.1.0', platform: 'linux', packaged: false },
    ...(options.testKey === undefined ? {} : { testKey: options.testKey }),
    ...(options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl }),
  });
  return {
    dir,
    clock,
    crypto,
    settings,
    vault,
    pin,
    notices,
    foundation,
    /** The first-run set-up code this kit's till issued (what the first-run screen shows). */
    setupCode,
    registry,
    logged,
    call: (key: keyof typeof invokeContract, payload?: unknown) => registry.call(key, payload, OUR_FRAME),
    /** Sets the first PIN with the set-up code, leaving the manager session open. */
    firstPin: () => registry.call('pinSet', { newPin: KIT_PIN, setupCode: setupCode() }, OUR_FRAME),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
