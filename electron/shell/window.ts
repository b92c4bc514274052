/**
 * The one BrowserWindow, with every hardening preference stated explicitly rather than left to
 * defaults that can change between Electron majors.
 */
import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptions {
  readonly preloadPath: string;
  /** Packaged builds get no DevTools. */
  readonly packaged: boolean;
  /** From settings: a locked-down full-screen till. */
  readonly kiosk: boolean;
  readonly iconPath?: string;
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false, // shown on ready-to-show: no white flash on a till screen
    title: 'SocialHub Till',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    kiosk: options.kiosk,
    fullscreen: options.kiosk,
    ...(options.iconPath === undefined ? {} : { icon: options.iconPath }),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !options.packaged,
      navigateOnDragDrop: false, // a file dropped on the till must not replace the app
      safeDialogs: true,
      plugins: false,
      enableWebSQL: false,
      // Middle-click opens links in new windows; there is nothing to open.
      disableBlinkFeatures: 'Auxclick',
    },
  };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(options));
  win.once('ready-to-show', () => win.show());
  return win;
}
