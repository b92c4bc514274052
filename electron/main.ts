/**
 * The main process: wires the secure shell around the Electron-free core and opens the window.
 *
 * Order matters and is deliberate: the privileged scheme is registered before `ready`; the single-
 * instance lock is taken before anything touches the data folder; permission, navigation and CSP
 * guards are installed before any page loads; every contract channel has a handler before the
 * renderer can call one (main refuses to start otherwise); only then is the window created.
 */
import path from 'node:path';
import { app, dialog, ipcMain, session } from 'electron';
import type { BrowserWindow, WebContents } from 'electron';
import { createTillCore } from './core/app/app-core.ts';
import type { TillCore, TillTelemetryOptions } from './core/app/app-core.ts';
import { telemetryFromEnv } from './core/telemetry/telemetry-env.ts';
import { updateConfigFor, updateConfigFromEnv } from './core/update/update-feed.ts';
import type { UpdateConfig } from './core/update/update-feed.ts';
import { openAppLog, registerLogSecret } from './core/log/app-log.ts';
import type { AppLog } from './core/log/app-log.ts';
import { openPolicySource } from './core/policy/policy-source.ts';
import type { PolicySource } from './core/policy/policy-source.ts';
import { POLICY_ENV, POLICY_ENV_IGNORED, policyPath } from './core/policy/policy-path.ts';
import type { AppFacts } from './core/ipc/foundation-handlers.ts';
import { createSenderPolicy } from './core/ipc/sender-policy.ts';
import { APP_ORIGIN, APP_ORIGIN_URL, appOriginFrom } from './core/shell-policy/app-origin.ts';
import type { AppOrigin } from './core/shell-policy/app-origin.ts';
import { buildCsp, securityHeaders } from './core/shell-policy/csp.ts';
import { dataDirOverride, debugSwitchRefusal, isReleaseBuild } from './core/shell-policy/release-guards.ts';
import type { BuildKind } from './core/shell-policy/release-guards.ts';
import type { SettingsService } from './core/settings/settings-file.ts';
import type { KeyVault } from './core/keys/key-vault.ts';
import type { ManagerPin } from './core/auth/manager-pin.ts';
import { openFoundation } from './core/app/trusted-foundation.ts';
import type { TrustedFoundation } from './core/app/trusted-foundation.ts';
import type { NoticeBoard } from './core/notices/notice-board.ts';
import { registerAppSchemePrivileges, serveAppProtocol } from './shell/app-protocol.ts';
import { installCspHeaders } from './shell/csp.ts';
import { refuseDownloads } from './shell/downloads.ts';
import { rendererEventTransport, wireIpcMain } from './shell/ipc-main.ts';
import { safeStorageCrypto } from './shell/key-crypto.ts';
import { guardAllWebContents } from './shell/navigation.ts';
import { installPermissionHandlers } from './shell/permissions.ts';
import { electronStoreBackend } from './shell/settings-store.ts';
import { claimSingleInstance } from './shell/single-instance.ts';
import { createMainWindow } from './shell/window.ts';

/** What the shell hands the core: the Electron-backed services and who may talk to it. */
export interface CoreContext {
  readonly userData: string;
  readonly settings: SettingsService;
  readonly vault: KeyVault;
  readonly pin: ManagerPin;
  readonly resetTill: TrustedFoundation['resetTill'];
  readonly notices: NoticeBoard;
  readonly log: AppLog;
  readonly app: AppFacts;
  /** Packaged and not the QA build: live keys never go to loopback. */
  readonly releaseBuild: boolean;
  /** Metrics to the fleet's OTLP collector (from policy; TILL_OTLP_ENDPOINT in development); absent = off. */
  readonly telemetry?: TillTelemetryOptions;
  /** Our own origins (app://till, and the Vite dev server in development). */
  readonly origins: readonly AppOrigin[];
  /** True for our window's webContents only. */
  readonly isOwnWebContents: (id: number) => boolean;
  readonly policy: PolicySource;
  /** The rotated log files' folder, or null when logging to stderr. */
  readonly logDir: string | null;
  /** The save dialog behind "Save a support bundle" (null: cancelled). */
  readonly chooseBundlePath: (suggestedName: string) => Promise<string | null>;
  /** Where events go: our live windows. */
  readonly windows: () => readonly WebContents[];
}

/** Until the data folder is known; then the structured, scrubbed, rotated file log (core/log). */
let log: AppLog = {
  warn: (message, fields) => console.warn(`[till] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[till] ${message}`, fields ?? ''),
};

/**
 * Starts everything behind the door — registry with every channel, journal, API clients or the
 * embedded sandbox, engine, events — through the same app core the web host uses
 * (electron/core/app). Only the sender check and the event transport are Electron's.
 */
export function startCore(ctx: CoreContext): Promise<TillCore> {
  return createTillCore({
    dataDir: ctx.userData,
    settings: ctx.settings,
    vault: ctx.vault,
    pin: ctx.pin,
    resetTill: ctx.resetTill,
    notices: ctx.notices,
    app: ctx.app,
    releaseBuild: ctx.releaseBuild,
    senderPolicy: createSenderPolicy({ origins: ctx.origins, isOwnWebContents: ctx.isOwnWebContents }),
    eventTransport: rendererEventTransport(ctx.windows, ctx.origins),
    log: ctx.log,
    ownerPrefix: 'app',
    policy: ctx.policy,
    logDir: ctx.logDir,
    electronVersion: process.versions.electron ?? null,
    chooseBundlePath: ctx.chooseBundlePath,
    ...(ctx.telemetry === undefined ? {} : { telemetry: ctx.telemetry }),
  });
}

function devServerUrl(): string | undefined {
  if (app.isPackaged) return undefined;
  return typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== '' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
}

function rendererName(): string {
  return typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
}

/** Baked in at packaging time by vite.main.config.ts; absent (false) when not bundled. */
function testBuild(): boolean {
  return typeof TILL_TEST_BUILD === 'boolean' && TILL_TEST_BUILD;
}

/** Development and QA runs may point at a collector by environment; a release build takes it from policy only. */
function devTelemetry(build: BuildKind): { telemetry?: TillTelemetryOptions } {
  if (isReleaseBuild(build)) return {};
  try {
    const env = telemetryFromEnv(process.env);
    return env === null ? {} : { telemetry: env };
  } catch (e) {
    log.warn(`Telemetry is off: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  }
}

let mainWindow: BrowserWindow | null = null;

export async function main(): Promise<void> {
  const build: BuildKind = { packaged: app.isPackaged, testBuild: testBuild() };
  // A release build never runs with a debugger attached (the keys live in this process).
  const refusal = debugSwitchRefusal(process.argv, build, process.platform);
  if (refusal !== null) {
    log.error(refusal);
    app.exit(1);
    return;
  }
  // Tests and e2e runs point the app at a throwaway data folder (absolute; before ready); a release build ignores it.
  const dataDir = dataDirOverride(process.env, build, (p) => path.isAbsolute(p));
  if (dataDir !== null && 'use' in dataDir) app.setPath('userData', dataDir.use);
  if (dataDir !== null && 'ignored' in dataDir) log.warn(dataDir.ignored);

  if (!claimSingleInstance(() => mainWindow)) return;
  await app.whenReady();

  const userData = app.getPath('userData');
  const appLog = openAppLog({ dataDir: userData });
  log = appLog;
  const releaseBuild = isReleaseBuild(build);
  if (releaseBuild && (process.env[POLICY_ENV] ?? '') !== '') log.warn(POLICY_ENV_IGNORED);
  const policy = openPolicySource({ path: policyPath(process.platform, process.env, { releaseBuild }), releaseBuild, rootOwnedOnly: releaseBuild && process.platform !== 'win32' });
  const dev = devServerUrl();
  const origins: readonly AppOrigin[] = dev === undefined ? [APP_ORIGIN] : [APP_ORIGIN, appOriginFrom(dev)];
  const appDir = app.getAppPath(); // the project in development, the asar root when packaged

  // --- guards first: nothing may load before these are in place ---
  installPermissionHandlers(session.defaultSession, origins);
  guardAllWebContents(origins, (m) => log.warn(m));
  serveAppProtocol({ rootDir: path.join(appDir, '.vite', 'renderer', rendererName()), headers: securityHeaders() });
  installCspHeaders(session.defaultSession, { origins, csp: buildCsp(dev === undefined ? {} : { devServerOrigin: new URL(dev).origin }) });
  refuseDownloads(session.defaultSession, (m) => log.warn(m));

  // --- the foundation services ---
  // The set-up code itself is shown in the app's first-run screen only: never in a log a file reader could open.
  const { settings, vault, pin, resetTill, notices } = await openFoundation({
    dataDir: userData,
    crypto: safeStorageCrypto(),
    settingsBackend: electronStoreBackend(userData),
    log,
    policy: () => policy.current(),
    onSetupCode: (code) => {
      registerLogSecret(code);
      registerLogSecret(code.replace(/-/g, ''));
      log.warn('First run: a set-up code was issued; it is shown once in the manager console (F9).');
    },
  });
  appLog.setSecrets(() => vault.secrets());

  const core = await startCore({
    ...devTelemetry(build),
    userData,
    settings,
    vault,
    pin,
    resetTill,
    notices,
    log,
    app: { name: app.getName(), version: app.getVersion(), platform: process.platform, packaged: app.isPackaged },
    releaseBuild,
    origins,
    isOwnWebContents: (id) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === id,
    windows: () => (mainWindow === null || mainWindow.isDestroyed() ? [] : [mainWindow.webContents]),
    policy,
    logDir: appLog.dir,
    chooseBundlePath: async (name) => {
      const options = { defaultPath: path.join(app.getPath('downloads'), name), filters: [{ name: 'Zip archive', extensions: ['zip'] }] };
      const chosen = mainWindow === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(mainWindow, options);
      return chosen.canceled || chosen.filePath === undefined || chosen.filePath === '' ? null : chosen.filePath;
    },
  });
  appLog.setSecrets(() => [...vault.secrets(), ...core.sandbox.secrets()]);
  // Let the journal close and the sandbox write its state before the process goes.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      policy.close();
      closed = true;
      app.quit();
    });
  });

  // Updates download in the background; the core's gate decides when the till restarts into one.
  // The feed and channel come from the policy (over the environment's), and follow it when it changes.
  let hostUpdates: UpdateConfig | null = null;
  try {
    hostUpdates = updateConfigFromEnv(process.env);
  } catch (e) {
    log.warn(`Updates from the environment are off: ${e instanceof Error ? e.message : String(e)}`);
  }
  let updates: { key: string; stop(): void } | null = null;
  const applyUpdates = async (): Promise<void> => {
    const config = updateConfigFor(policy.current(), hostUpdates);
    const key = JSON.stringify(config);
    if (updates?.key === key || !app.isPackaged) return;
    updates?.stop();
    updates = null;
    if (config === null) return;
    try {
      // Loaded only when used: the update client reaches for Electron's autoUpdater at import.
      const client = (await import('./shell/updates.ts')).startUpdates({ config, readiness: () => core.updateReadiness(), log });
      updates = { key, stop: () => client.stop() };
      log.warn('Updates from the feed', { channel: config.channel });
    } catch (e) {
      log.warn(`Updates are off: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  await applyUpdates();
  policy.subscribe(() => void applyUpdates());

  const missing = core.registry.missing();
  if (missing.length > 0) throw new Error(`IPC channels without an implementation: ${missing.join(', ')}`);
  wireIpcMain(ipcMain, core.registry);

  mainWindow = createMainWindow({
    preloadPath: path.join(appDir, '.vite', 'build', 'preload.cjs'),
    packaged: app.isPackaged,
    kiosk: settings.get().kiosk,
    // Linux takes the window/dock icon from here; macOS and Windows from the packaged executable.
    ...(process.platform === 'linux' ? { iconPath: path.join(appDir, '.vite', 'build', 'icon.png') } : {}),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(dev ?? APP_ORIGIN_URL);
}

app.on('window-all-closed', () => app.quit()); // a till has no dock life without its window

registerAppSchemePrivileges(); // before ready, or the scheme gets no origin

export const started: Promise<void> = main().catch((e: unknown) => {
  log.error('The till could not start', { error: e instanceof Error ? e.message : String(e) });
  dialog.showErrorBox('SocialHub Till could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});
