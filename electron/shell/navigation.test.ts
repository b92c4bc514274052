import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import type { WebContents } from 'electron';
import { app, BrowserWindow, electronStub, FakeWebContents } from './testing/electron-stub.ts';
import { guardAllWebContents, guardWebContents } from './navigation.ts';
import { APP_ORIGIN } from '../core/shell-policy/app-origin.ts';

beforeEach(() => electronStub.reset());

function fire(contents: FakeWebContents, name: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  contents.emit(name, { url, isMainFrame: true, preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('navigation guards', () => {
  const contents = () => {
    const c = new FakeWebContents();
    guardWebContents(c as unknown as WebContents, [APP_ORIGIN]);
    return c;
  };

  it.each(['https://evil.example/', 'app://till.evil/', 'app://user@till/', 'file:///etc/passwd', 'http://127.0.0.1:4010/', 'javascript:alert(1)'])(
    'prevent navigation, frame navigation and redirects to %s',
    (url) => {
      const c = contents();
      expect(fire(c, 'will-navigate', url)).toBe(true);
      expect(fire(c, 'will-frame-navigate', url)).toBe(true);
      expect(fire(c, 'will-redirect', url)).toBe(true);
    },
  );

  it('allow same-origin navigation', () => {
    const c = contents();
    expect(fire(c, 'will-navigate', 'app://till/index.html')).toBe(false);
    expect(fire(c, 'will-redirect', 'app://till/other.html')).toBe(false);
  });

  it('deny window.open', () => {
    const c = contents();
    expect(c.windowOpenHandler!({ url: 'app://till/', frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
    expect(c.windowOpenHandler!({ url: 'https://evil.example/', frameName: '', features: '', disposition: 'foreground-tab' })).toEqual({ action: 'deny' });
  });

  it('prevent <webview> and strip what it asked for', () => {
    const c = contents();
    let prevented = false;
    const prefs: Record<string, unknown> = { preload: '/evil.js', nodeIntegration: true };
    c.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, prefs, { src: 'https://evil.example/' });
    expect(prevented).toBe(true);
    expect(prefs).toEqual({ nodeIntegration: false });
  });

  it('apply to every webContents created, not just the main window', () => {
    guardAllWebContents([APP_ORIGIN]);
    const win = new BrowserWindow({});
    expect(win.webContents.windowOpenHandler).not.toBeNull();
    expect(fire(win.webContents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(app.listenerCount('web-contents-created')).toBe(1);
  });
});
