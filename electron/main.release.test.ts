/**
 * The release guards as main applies them, under the Electron stand-in: a packaged (non-QA) build
 * given a debugger switch exits before touching anything, and ignores TILL_DATA_DIR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./shell/testing/electron-stub.ts'));
vi.mock('electron-store', () => import('./shell/testing/electron-store-stub.ts'));
import { app, BrowserWindow, electronStub, ipcMain } from './shell/testing/electron-stub.ts';

const attackerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-attacker-'));
const argv = process.argv;
const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
let logged: string[] = [];

beforeAll(async () => {
  electronStub.reset();
  app.isPackaged = true;
  process.env.TILL_DATA_DIR = attackerDir;
  process.argv = [...argv, '--remote-debugging-port=9222'];
  const main = await import('./main.ts');
  await main.started;
  logged = errors.mock.calls.map((c) => String(c[0])); // read now: the runner may reset spies between hooks and tests
});
afterAll(() => {
  process.argv = argv;
  delete process.env.TILL_DATA_DIR;
  errors.mockRestore();
  fs.rmSync(attackerDir, { recursive: true, force: true });
});

describe('a release build started with --remote-debugging-port', () => {
  it('exits with an error before opening a window, serving IPC or using any data folder', () => {
    expect(app.exitCode).toBe(1);
    expect(BrowserWindow.instances).toEqual([]);
    expect(ipcMain.handlers.size).toBe(0);
    expect(app.getPath('userData')).not.toBe(attackerDir);
    expect(fs.readdirSync(attackerDir)).toEqual([]);
    expect(logged).toEqual([expect.stringContaining('does not start with --remote-debugging-port')]);
  });
});
