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
import type { BrowserWindow } from 'electron';
import { eventContract, invokeContract } from '../shared/ipc/contract.ts';
import type { EventContract, InvokeContract } from '../shared/ipc/contract.ts';
import { createHandlerRegistry } from './core/ipc/handler-registry.ts';
import type { HandlerRegistry, RegistryLog } from './core/ipc/handler-registry.ts';
import { createEventPublisher } from './core/ipc/event-publisher.ts';
import type { EventPublisher } from './core/ipc/event-publisher.ts';
import { registerFoundationHandlers } from './core/ipc/foundation-handlers.ts';
import { createSenderPolicy } from './core/ipc/sender-policy.ts';
import { APP_ORIGIN, APP_ORIGIN_URL, appOriginFrom } from './core/shell-policy/app-origin.ts';
import type { AppOrigin } from './core/shell-policy/app-origin.ts';
import { buildCsp, securityHeaders } from './core/shell-policy/csp.ts';
import type { SettingsService } from './core/settings/settings-file.ts';
import { createKeyVault } from './core/keys/key-vault.ts';
import type { KeyVault } from './core/keys/key-vault.ts';
import { createManagerPin, filePinStore } from './core/auth/manager-pin.ts';
import type { ManagerPin } from './core/auth/manager-pin.ts';
import { managerAuthoriser } from './core/auth/authorise.ts';
import { createNoticeBoard } from './core/notices/notice-board.ts';
import type { NoticeBoard } from './core/notices/notice-board.ts';
import { registerAppSchemePrivileges, serveAppProtocol } from './shell/app-protocol.ts';
import { installCspHeaders } from './shell/csp.ts';
import { rendererEventTransport, wireIpcMain } from './shell/ipc-main.ts';
import { safeStorageCrypto } from './shell/key-crypto.ts';
import { guardAllWebContents } from './shell/navigation.ts';
import { installPermissionHandlers } from './shell/permissions.ts';
import { openElectronSettings } from './shell/settings-store.ts';
import { claimSingleInstance } from './shell/single-instance.ts';
import { createMainWindow } from './shell/window.ts';

/** Everything the core needs from the shell; the engine's bootstrapping receives this too. */
export interface CoreContext {
  readonly userData: string;
  readonly registry: HandlerRegistry<InvokeContract>;
  readonly events: EventPublisher<EventContract>;
  readonly settings: SettingsService;
  readonly vault: KeyVault;
  readonly pin: ManagerPin;
  readonly notices: NoticeBoard;
  readonly log: RegistryLog;
}

export interface RunningCore {
  /** Where the API client (and the manager's key test) sends requests; null when nothing is reachable. */
  apiBaseUrl(): string | null;
  stop(): void;
}

const log: RegistryLog = {
  warn: (message, fields) => console.warn(`[till] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[till] ${message}`, fields ?? ''),
};

/** How often the manager session's auto-lock is checked, so the UI hears of it promptly. */
const AUTO_LOCK_TICK_MS = 15_000;

/**
 * Starts the services behind the door. Today: the manager auto-lock clock and its lock-state
 * events, and the API target (the live base URL; a sandbox till has none until its embedded
 * sandbox runs). The engine (journal, API client, embedded sandbox, queue and connectivity
 * events) is started here too, registering its channels on `ctx.registry` before the window opens.
 */
export function startCore(ctx: CoreContext): Promise<RunningCore> {
  const unsubscribe = ctx.pin.subscribe((state) => ctx.events.publish('lockState', state));
  const timer = setInterval(() => ctx.pin.checkExpiry(), AUTO_LOCK_TICK_MS);
  timer.unref();
  return Promise.resolve({
    apiBaseUrl: () => (ctx.settings.get().mode === 'live' ? ctx.settings.get().baseUrl : null),
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  });
}

function devServerUrl(): string | undefined {
  if (app.isPackaged) return undefined;
  return typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== '' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
}

function rendererName(): string {
  return typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
}

let mainWindow: BrowserWindow | null = null;

export async function main(): Promise<void> {
  // Tests and e2e runs point the app at a throwaway data folder (must be absolute; set before ready).
  const dataDir = process.env.TILL_DATA_DIR;
  if (dataDir !== undefined && path.isAbsolute(dataDir)) app.setPath('userData', dataDir);

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

  // --- the foundation services ---
  const notices = createNoticeBoard();
  const settings = openElectronSettings(userData, { log });
  for (const n of settings.notices) notices.raise(n.kind, n.message, n.at);
  const vault = createKeyVault({ filePath: path.join(userData, 'keys.json'), crypto: safeStorageCrypto() });
  await vault.status().catch((e: unknown) => {
    // A damaged key file is not fatal (the manager re-enters the keys), but it must be seen.
    notices.raise('keys-unreadable', e instanceof Error ? e.message : 'The key file could not be read; set the keys again.');
  });
  const pin = createManagerPin({
    store: filePinStore(path.join(userData, 'manager-pin.json')),
    clock: { now: () => Date.now() },
    autoLockMinutes: () => settings.get().managerAutoLockMinutes,
  });

  const registry = createHandlerRegistry(invokeContract, {
    senderPolicy: createSenderPolicy({ origins, isOwnWebContents: (id) => mainWindow !== null && !mainWindow.isDestroyed() && mainWindow.webContents.id === id }),
    secrets: () => vault.secrets(),
    authorise: managerAuthoriser(pin),
    log,
  });
  const events = createEventPublisher(eventContract, {
    transport: rendererEventTransport(() => (mainWindow === null || mainWindow.isDestroyed() ? [] : [mainWindow.webContents]), origins),
    secrets: () => vault.secrets(),
    log,
  });
  let core: RunningCore | null = null; // the handlers are registered before the core starts: read it late
  registerFoundationHandlers(registry, {
    settings,
    vault,
    pin,
    notices,
    app: { name: app.getName(), version: app.getVersion(), platform: process.platform, packaged: app.isPackaged },
    apiBaseUrl: () => core?.apiBaseUrl() ?? null,
  });

  const running = await startCore({ userData, registry, events, settings, vault, pin, notices, log });
  core = running;
  app.on('before-quit', () => running.stop());

  const missing = registry.missing();
  if (missing.length > 0) throw new Error(`IPC channels without an implementation: ${missing.join(', ')}`);
  wireIpcMain(ipcMain, registry);

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
