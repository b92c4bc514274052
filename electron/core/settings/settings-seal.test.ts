import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeKeyCrypto } from '../keys/testing/fake-key-crypto.ts';
import { openTrustStore } from '../auth/till-trust.ts';
import { jsonFileBackend, openSettings } from './settings-file.ts';
import { DEFAULT_BASE_URL } from './settings-schema.ts';
import { isFactorySettings, sealSettings } from './settings-seal.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function folder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-seal-'));
  dirs.push(dir);
  const file = path.join(dir, 'settings.json');
  const crypto = createFakeKeyCrypto();
  const open = async () => sealSettings(openSettings({ filePath: file, open: jsonFileBackend(file) }), await openTrustStore({ filePath: path.join(dir, 'till-trust.json'), crypto }));
  return { file, open };
}

describe('sealed settings', () => {
  it('a factory folder is trusted and factory; a manager’s change stays trusted across restarts', async () => {
    const f = folder();
    const s = await f.open();
    expect(s.trusted()).toBe(true);
    expect(isFactorySettings(s.stored())).toBe(true);
    s.update({ mode: 'live', baseUrl: 'https://flash.socialhub.ai/api/v2', storeId: 'st_nyc_01' });
    expect(isFactorySettings(s.stored())).toBe(false);
    const again = await f.open();
    expect(again.trusted()).toBe(true);
    expect(again.get()).toMatchObject({ mode: 'live', storeId: 'st_nyc_01' });
  });

  it('a hand-written file (no MAC) is read with safe protected fields; the other fields are kept', async () => {
    const f = folder();
    fs.writeFileSync(f.file, JSON.stringify({ mode: 'live', baseUrl: 'https://evil.example/api/v2', storeId: 'st_x', tillId: 'T7', kiosk: true }));
    const s = await f.open();
    expect(s.trusted()).toBe(false);
    expect(s.get()).toMatchObject({ mode: 'sandbox', baseUrl: DEFAULT_BASE_URL, storeId: null, tillId: 'T7', kiosk: true });
    expect(s.get()).toBe(s.get()); // one object while nothing changes
    expect(s.stored()).toMatchObject({ baseUrl: 'https://evil.example/api/v2' });
  });

  it('keeps the previous MAC, so a crash between the MAC and the settings write still verifies', async () => {
    const f = folder();
    const s = await f.open();
    s.update({ mode: 'live', storeId: 'st_nyc_01' });
    const saved = fs.readFileSync(f.file, 'utf8');
    s.update({ storeId: 'st_sfo_02' });
    fs.writeFileSync(f.file, saved); // as if the second settings write never landed
    const after = await f.open();
    expect(after.trusted()).toBe(true);
    expect(after.get().storeId).toBe('st_nyc_01');
  });

  it('resetToFactory() leaves factory settings that verify', async () => {
    const f = folder();
    const s = await f.open();
    s.update({ mode: 'live', storeId: 'st_nyc_01', tillId: 'T2', kiosk: true });
    s.resetToFactory();
    expect(isFactorySettings(s.stored())).toBe(true);
    expect((await f.open()).trusted()).toBe(true);
  });
});
