import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import { BrowserWindow, electronStub } from './testing/electron-stub.ts';
import { createMainWindow, mainWindowOptions } from './window.ts';

beforeEach(() => electronStub.reset());

describe('main window', () => {
  it('states every hardening preference explicitly', () => {
    createMainWindow({ preloadPath: '/app/.vite/build/preload.cjs', packaged: true, kiosk: false });
    const win = BrowserWindow.instances[0]!;
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/.vite/build/preload.cjs',
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
      devTools: false,
      navigateOnDragDrop: false,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(win.options).toMatchObject({ kiosk: false, fullscreen: false, show: false });
  });

  it('allows DevTools only in an unpackaged build, and goes kiosk from settings', () => {
    expect(mainWindowOptions({ preloadPath: 'p', packaged: false, kiosk: true })).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { devTools: true } });
  });

  it('shows the window only once it is ready', () => {
    const win = createMainWindow({ preloadPath: 'p', packaged: true, kiosk: false }) as unknown as InstanceType<typeof BrowserWindow>;
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });
});
