import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonFileBackend, openSettings, quarantineFile } from './settings-file.ts';
import type { OpenSettingsBackend } from './settings-file.ts';
import { defaultSettings } from './settings-schema.ts';

let dir: string;
let file: string;
const now = () => new Date('2026-11-25T19:15:00.123Z');
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const corruptFiles = () => fs.readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));

/** The same backend contract as electron/shell/settings-store.ts, over conf (electron-store's base class). */
function confBackend(): OpenSettingsBackend {
  return () => {
    const store = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', clearInvalidConfig: false });
    return {
      read: () => store.store,
      write: (s) => {
        store.store = s;
      },
    };
  };
}

describe.each([
  ['plain JSON file', () => jsonFileBackend(file)],
  ['conf (electron-store base)', confBackend],
])('settings over %s', (_name, backend) => {
  it('starts with defaults when there is no file, and round-trips an update', () => {
    const s = openSettings({ filePath: file, open: backend(), now });
    expect(s.get()).toEqual(defaultSettings());
    expect(s.notices).toEqual([]);
    s.update({ tillId: 'till-07', storeId: 'st_nyc_01', scanner: { maxGapMs: 30, prefix: '', suffix: '', terminator: 'tab', minLength: 6, customPattern: null } });

    const reopened = openSettings({ filePath: file, open: backend(), now });
    expect(reopened.get()).toMatchObject({ tillId: 'till-07', storeId: 'st_nyc_01', scanner: { terminator: 'tab', minLength: 6 } });
    expect(reopened.notices).toEqual([]);
    expect(reopened.persistent).toBe(true);
  });

  it.each([
    ['truncated JSON', '{"tillId": "till-07", "kiosk": tr'],
    ['zeroed bytes', '\0'.repeat(64)],
    ['empty file', ''],
    ['schema-invalid values', JSON.stringify({ tillId: 'till 07 with spaces', journalRetentionDays: -3 })],
  ])('quarantines %s: moved aside and kept, defaults used, notice raised', (_why, content) => {
    fs.writeFileSync(file, content);
    const s = openSettings({ filePath: file, open: backend(), now });

    expect(s.get()).toEqual(defaultSettings());
    const moved = corruptFiles();
    expect(moved).toEqual(['settings.json.corrupt-2026-11-25T19-15-00-123Z']);
    expect(fs.readFileSync(path.join(dir, moved[0]!), 'utf8')).toBe(content); // kept byte for byte
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]).toMatchObject({ kind: 'settings-quarantined', file: moved[0] });
    expect(s.notices[0]!.message).toContain(moved[0]);

    // The till keeps working and saving on the fresh file.
    s.update({ kiosk: true });
    expect(openSettings({ filePath: file, open: backend(), now }).get().kiosk).toBe(true);
  });

  it('never overwrites an earlier quarantined file', () => {
    fs.writeFileSync(file, 'first bad');
    openSettings({ filePath: file, open: backend(), now });
    fs.writeFileSync(file, 'second bad');
    openSettings({ filePath: file, open: backend(), now });
    expect(corruptFiles().sort()).toEqual(['settings.json.corrupt-2026-11-25T19-15-00-123Z', 'settings.json.corrupt-2026-11-25T19-15-00-123Z-1']);
  });
});

describe('when nothing can be opened', () => {
  it('runs on in-memory defaults with a notice instead of crash-looping', () => {
    let opens = 0;
    const s = openSettings({
      filePath: file,
      open: () => {
        opens++;
        throw new Error('EACCES');
      },
      now,
    });
    expect(s.get()).toEqual(defaultSettings());
    expect(s.persistent).toBe(false);
    expect(s.notices.map((n) => n.kind)).toEqual(['settings-unwritable']);
    expect(opens).toBe(1); // no file to move aside: no retry loop
    expect(s.update({ kiosk: true }).kiosk).toBe(true);
  });

  it('falls back to memory when the file keeps failing after being moved aside', () => {
    fs.writeFileSync(file, 'bad');
    const s = openSettings({
      filePath: file,
      open: () => {
        throw new SyntaxError('bad');
      },
      now,
    });
    expect(s.notices.map((n) => n.kind)).toEqual(['settings-quarantined', 'settings-unwritable']);
    expect(corruptFiles()).toHaveLength(1);
  });

  it('fails an update that cannot be saved, and keeps the old settings', () => {
    const s = openSettings({
      filePath: file,
      open: () => ({
        read: () => ({}),
        write: () => {
          throw new Error('ENOSPC');
        },
      }),
      now,
    });
    expect(() => s.update({ kiosk: true })).toThrow('ENOSPC');
    expect(s.get().kiosk).toBe(false);
  });
});

describe('quarantineFile', () => {
  it('returns null when there is nothing to move', () => {
    expect(quarantineFile(file, now())).toBeNull();
  });
});
