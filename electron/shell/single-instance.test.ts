import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import type { BrowserWindow as ElectronWindow } from 'electron';
import { app, BrowserWindow, electronStub } from './testing/electron-stub.ts';
import { claimSingleInstance } from './single-instance.ts';

beforeEach(() => electronStub.reset());

describe('single instance', () => {
  it('the second instance quits', () => {
    app.singleInstanceLock = false;
    expect(claimSingleInstance(() => null)).toBe(false);
    expect(app.quitCalled).toBe(true);
  });

  it('the first instance comes to the front when a second one starts', () => {
    const win = new BrowserWindow({});
    win.minimized = true;
    expect(claimSingleInstance(() => win as unknown as ElectronWindow)).toBe(true);
    app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.shown && win.focused).toBe(true);
    expect(app.quitCalled).toBe(false);
  });
});
