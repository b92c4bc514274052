/**
 * The whole main process, wired, under the Electron stand-in: proves the order of the guards,
 * that every contract channel is served, and that the window loads our own origin.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./shell/testing/electron-stub.ts'));
vi.mock('electron-store', () => import('./shell/testing/electron-store-stub.ts'));
import { app, BrowserWindow, electronStub, errorBoxes, ipcMain, protocol, session } from './shell/testing/electron-stub.ts';
import { invokeContract } from '../shared/ipc/contract.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-main-'));

const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

beforeAll(async () => {
  electronStub.reset();
  process.env.TILL_DATA_DIR = dataDir;
  fs.writeFileSync(path.join(dataDir, 'keys.json'), '{"version":1,'); // damaged: must not stop the start
  const main = await import('./main.ts');
  await main.started;
});
afterAll(() => {
  warn.mockRestore();
  delete process.env.TILL_DATA_DIR;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('starts without errors in the given data folder', () => {
    expect(errorBoxes).toEqual([]);
    expect(app.exitCode).toBeNull();
    expect(app.getPath('userData')).toBe(dataDir);
  });

  it('raises a notice for a damaged key file instead of failing to start', async () => {
    const id = BrowserWindow.instances[0]!.webContents.id;
    const info = await ipcMain.invoke('app:info', { frameUrl: 'app://till/', webContentsId: id }, undefined);
    expect(info).toMatchObject({ ok: true, value: { storage: { available: false } } });
    // A key file exists (damaged), so a missing PIN record is a locked till, not a first run.
    const kinds = (info as { value: { notices: { kind: string }[] } }).value.notices.map((n) => n.kind);
    expect(kinds.sort()).toEqual(['keys-unreadable', 'pin-untrusted']);
    fs.rmSync(path.join(dataDir, 'keys.json'));
  });

  it('registers the privileged app scheme and serves it', () => {
    expect(protocol.privileged).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(protocol.handlers.has('app')).toBe(true);
  });

  it('installs permission, CSP and navigation guards', () => {
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(session.defaultSession.permissionCheckHandler).not.toBeNull();
    expect(session.defaultSession.devicePermissionHandler).not.toBeNull();
    expect(session.defaultSession.headersReceived).not.toBeNull();
    expect(session.defaultSession.listenerCount('will-download')).toBe(1);
    expect(app.listenerCount('web-contents-created')).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(1);
  });

  it('opens one hardened window on app://till/ with the bundled preload', () => {
    expect(BrowserWindow.instances).toHaveLength(1);
    const win = BrowserWindow.instances[0]!;
    expect(win.webContents.url).toBe('app://till/');
    expect(win.options.webPreferences).toMatchObject({ preload: path.join(app.getAppPath(), '.vite', 'build', 'preload.cjs'), sandbox: true, contextIsolation: true });
    expect(win.webContents.windowOpenHandler).not.toBeNull();
  });

  it('serves every contract channel, for our window only', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(invokeContract).map((c) => c.name).sort());
    const id = BrowserWindow.instances[0]!.webContents.id;
    expect(await ipcMain.invoke('app:info', { frameUrl: 'app://till/', webContentsId: id }, undefined)).toMatchObject({
      ok: true,
      value: { name: 'SocialHub Till', mode: 'sandbox', storage: { backend: process.platform === 'darwin' ? 'keychain' : process.platform === 'win32' ? 'dpapi' : 'gnome_libsecret' } },
    });
    expect(await ipcMain.invoke('app:info', { frameUrl: 'app://till/', webContentsId: id + 100 }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Main logs to its data folder's structured log (core/log), not the console.
    await vi.waitFor(() => {
      const lines = fs.readFileSync(path.join(dataDir, 'logs', 'till.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'IPC call from a foreign sender refused', channel: 'app:info' }));
    });
  });

  it('pushes lock-state events to the window', async () => {
    const win = BrowserWindow.instances[0]!;
    const id = win.webContents.id;
    const status = (await ipcMain.invoke('pin:status', { frameUrl: 'app://till/', webContentsId: id }, undefined)) as { ok: true; value: { setupCode: string | null } };
    expect(status.value.setupCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(await ipcMain.invoke('pin:set', { frameUrl: 'app://till/', webContentsId: id }, { newPin: '258046', setupCode: status.value.setupCode })).toMatchObject({ ok: true });
    expect(win.webContents.sent.at(-1)).toMatchObject({ channel: 'event:lock-state', args: [{ configured: true, unlocked: true }] });
  });
});
