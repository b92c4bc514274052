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
import { updateConfigFromEnv } from './core/update/update-feed.ts';
import type { RegistryLog } from './core/ipc/handler-registry.ts';
import type { AppFacts } from './core/ipc/foundation-handlers.ts';
import { createSenderPolicy } from './core/ipc/sender-policy.ts';
import { APP_ORIGIN, APP_ORIGIN_URL, appOriginFrom } from './core/shell-policy/app-origin.ts';
import type { AppOrigin } from './core/shell-policy/app-origin.ts';
import { buildCsp, securityHeaders } from './core/shell-policy/csp.ts';
import { dataDirOverride, debugSwitchRefusal, isReleaseBuild } from './core/shell-policy/release-guards.ts';
import type { BuildKind } from './core/shell-policy/release-guards.ts';
import type { SettingsService } from './core/settings/settings-file.ts';
import { createKeyVault } from './core/keys/key-vault.ts';
import type { KeyVault } from './core/keys/key-vault.ts';
import type { ManagerPin } from './core/auth/manager-pin.ts';
import { openTrustedFoundation } from './core/app/trusted-foundation.ts';
import type { TrustedFoundation } from './core/app/trusted-foundation.ts';
import { createNoticeBoard } from './core/notices/notice-board.ts';
import type { NoticeBoard } from './core/notices/notice-board.ts';
import { registerAppSchemePrivileges, serveAppProtocol } from './shell/app-protocol.ts';
import { installCspHeaders } from './shell/csp.ts';
import { refuseDownloads } from './shell/downloads.ts';
import { rendererEventTransport, wireIpcMain } from './shell/ipc-main.ts';
import { safeStorageCrypto } from './shell/key-crypto.ts';
import { guardAllWebContents } from './shell/navigation.ts';
import { installPermissionHandlers } from './shell/permissions.ts';
import { openElectronSettings } from './shell/settings-store.ts';
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
  readonly log: RegistryLog;
  readonly app: AppFacts;
  /** Packaged and not the QA build: live keys never go to loopback. */
  readonly releaseBuild: boolean;
  /** Metrics to the fleet's OTLP collector (from policy; TILL_OTLP_ENDPOINT in development); absent = off. */
  readonly telemetry?: TillTelemetryOptions;
  /** Our own origins (app://till, and the Vite dev server in development). */
  readonly origins: readonly AppOrigin[];
  /** True for our window's webContents only. */
  readonly isOwnWebContents: (id: number) => boolean;
  /** Where events go: our live windows. */
  readonly windows: () => readonly WebContents[];
}

const log: RegistryLog = {
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
  const notices = createNoticeBoard();
  const storedSettings = openElectronSettings(userData, { log });
  for (const n of storedSettings.notices) notices.raise(n.kind, n.message, n.at);
  const crypto = safeStorageCrypto();
  const vault = createKeyVault({ filePath: path.join(userData, 'keys.json'), crypto });
  await vault.status().catch((e: unknown) => {
    // A damaged key file is not fatal (the manager re-enters the keys), but it must be seen.
    notices.raise('keys-unreadable', e instanceof Error ? e.message : 'The key file could not be read; set the keys again.');
  });
  // The set-up code itself is shown in the app's first-run screen only: never in a log a file reader could open.
  const { settings, pin, resetTill } = await openTrustedFoundation({
    dataDir: userData,
    crypto,
    settings: storedSettings,
    vault,
    notices,
    onSetupCode: () => log.warn('First run: a set-up code was issued; it is shown once in the manager console (F9).'),
  });

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
    releaseBuild: isReleaseBuild(build),
    origins,
    isOwnWebContents: (id) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === id,
    windows: () => (mainWindow === null || mainWindow.isDestroyed() ? [] : [mainWindow.webContents]),
  });
  // Let the journal close and the sandbox write its state before the process goes.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });

  // Updates download in the background; the core's gate decides when the till restarts into one.
  try {
    const updates = updateConfigFromEnv(process.env);
    // Loaded only when used: the update client reaches for Electron's autoUpdater at import.
    if (updates !== null && app.isPackaged) (await import('./shell/updates.ts')).startUpdates({ config: updates, readiness: () => core.updateReadiness(), log });
  } catch (e) {
    log.warn(`Updates are off: ${e instanceof Error ? e.message : String(e)}`);
  }

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
