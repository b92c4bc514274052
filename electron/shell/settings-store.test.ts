import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
vi.mock('electron-store', () => import('./testing/electron-store-stub.ts'));
import { app, electronStub } from './testing/electron-stub.ts';
import { electronStoreBackend } from './settings-store.ts';
import { openSettings } from '../core/settings/settings-file.ts';
import type { OpenSettingsOptions } from '../core/settings/settings-file.ts';

/** The settings as the app opens them (trusted-foundation.ts): userData/settings.json over electron-store. */
const openElectronSettings = (dir: string, options: Omit<OpenSettingsOptions, 'filePath' | 'open'> = {}) =>
  openSettings({ ...options, filePath: path.join(dir, 'settings.json'), open: electronStoreBackend(dir) });
import { defaultSettings } from '../core/settings/settings-schema.ts';

let dir: string;
beforeEach(() => {
  electronStub.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-estore-'));
  app.setPath('userData', dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('settings over electron-store (its conf core)', () => {
  it('round-trips in userData/settings.json', () => {
    const s = openElectronSettings(dir);
    s.update({ tillId: 'till-03', kiosk: true });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({ tillId: 'till-03', kiosk: true });
    expect(openElectronSettings(dir).get()).toMatchObject({ tillId: 'till-03', kiosk: true });
  });

  it('quarantines a corrupt file instead of clearing it or failing to start', () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"tillId": "till-03", "ki');
    const s = openElectronSettings(dir, { now: () => new Date('2026-11-25T08:00:00Z') });
    expect(s.get()).toEqual(defaultSettings());
    expect(s.notices).toMatchObject([{ kind: 'settings-quarantined' }]);
    expect(fs.readFileSync(path.join(dir, 'settings.json.corrupt-2026-11-25T08-00-00-000Z'), 'utf8')).toBe('{"tillId": "till-03", "ki');
  });
});
