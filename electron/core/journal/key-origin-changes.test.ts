import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import { tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('key origin changes', () => {
  it('are recorded durably, newest first, and survive a reopen', () => {
    const j = openJournal({ path: dir.file(), now: () => Date.parse('2026-11-25T10:00:00Z') });
    j.recordKeyOriginChange({ fromOrigin: 'https://flash.socialhub.ai', toOrigin: 'https://eu.socialhub.ai', cleared: ['write', 'read'], actor: 'manager@T1' });
    j.recordKeyOriginChange({ fromOrigin: null, toOrigin: 'https://flash.socialhub.ai', cleared: [], actor: 'manager@T1' });
    j.close();
    const again = openJournal({ path: dir.file() });
    expect(again.keyOriginChanges()).toEqual([
      { id: 2, at: '2026-11-25T10:00:00.000Z', fromOrigin: null, toOrigin: 'https://flash.socialhub.ai', cleared: [], actor: 'manager@T1' },
      { id: 1, at: '2026-11-25T10:00:00.000Z', fromOrigin: 'https://flash.socialhub.ai', toOrigin: 'https://eu.socialhub.ai', cleared: ['write', 'read'], actor: 'manager@T1' },
    ]);
    again.close();
  });

  it('cannot be edited or deleted, even with SQL on the file', () => {
    const j = openJournal({ path: dir.file() });
    j.recordKeyOriginChange({ fromOrigin: 'https://flash.socialhub.ai', toOrigin: 'https://eu.socialhub.ai', cleared: ['write'], actor: 'manager@T1' });
    j.close();
    const db = new DatabaseSync(dir.file());
    expect(() => db.exec("UPDATE key_origin_changes SET to_origin = 'https://x.socialhub.ai'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM key_origin_changes')).toThrow(/append-only/);
    db.close();
  });

  it('refuses a record that is not an origin change', () => {
    const j = openJournal({ path: dir.file() });
    expect(() => j.recordKeyOriginChange({ fromOrigin: null, toOrigin: '', cleared: [], actor: 'm' })).toThrow(/Invalid key origin change/);
    j.close();
  });
});
