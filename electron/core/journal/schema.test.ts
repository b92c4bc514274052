import { readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRANSITIONS } from '../../../shared/journal/states.ts';
import { openJournal } from './journal.ts';
import { JournalUnavailableError } from './journal-errors.ts';
import { JOURNAL_APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate, readUserVersion } from './schema.ts';
import type { Migration } from './schema.ts';
import { award, tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('migrations', () => {
  it('creates a new journal at the current version with our application id', () => {
    openJournal({ path: dir.file() }).close();
    const db = new DatabaseSync(dir.file(), { readOnly: true });
    expect(readUserVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare('PRAGMA application_id').get()).toEqual({ application_id: JOURNAL_APPLICATION_ID });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('re-opening is a no-op and keeps the data', () => {
    const j = openJournal({ path: dir.file() });
    j.record(award('1'));
    j.close();
    const again = openJournal({ path: dir.file() });
    expect(again.count()).toBe(1);
    expect(again.info().schemaVersion).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('applies only pending migrations, in one transaction', () => {
    const db = new DatabaseSync(dir.file('m.sqlite'));
    const steps: Migration[] = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER)' },
    ];
    expect(migrate(db, 'm', steps.slice(0, 1))).toEqual({ from: 0, to: 1 });
    expect(migrate(db, 'm', steps)).toEqual({ from: 1, to: 2 });
    expect(migrate(db, 'm', steps)).toEqual({ from: 2, to: 2 });
    db.close();
  });

  it('rolls a failed migration back completely', () => {
    const db = new DatabaseSync(dir.file('m.sqlite'));
    migrate(db, 'm', [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' }]);
    const broken: Migration[] = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'b', sql: 'CREATE TABLE b (x INTEGER)' },
      { version: 3, name: 'c', sql: 'CREATE TABLE c (x INTEGER); SELECT no_such_function()' },
    ];
    expect(() => migrate(db, 'm', broken)).toThrow(/no_such_function/);
    expect(readUserVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('b','c')").all()).toEqual([]);
    db.close();
  });

  it('refuses a journal from a newer app, leaving it byte-for-byte unchanged', () => {
    openJournal({ path: dir.file() }).close();
    const db = new DatabaseSync(dir.file());
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(dir.file());
    let err: unknown;
    try {
      openJournal({ path: dir.file() });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JournalUnavailableError);
    expect(err).toMatchObject({ reason: 'too-new' });
    expect((err as Error).message).toContain(`newer version of SocialHub Till (schema version ${SCHEMA_VERSION + 1}, this app knows up to ${SCHEMA_VERSION})`);
    expect(readFileSync(dir.file()).equals(before)).toBe(true);
  });

  it('refuses a migration list with gaps', () => {
    const db = new DatabaseSync(':memory:');
    expect(() => migrate(db, 'm', [{ version: 2, name: 'x', sql: '' }])).toThrow(/expected 1/);
    db.close();
  });

  it('enforces in SQLite exactly the transition table of shared/journal/states.ts', () => {
    openJournal({ path: dir.file() }).close();
    const db = new DatabaseSync(dir.file(), { readOnly: true });
    const rows = db.prepare('SELECT from_state, to_state FROM state_transitions').all();
    db.close();
    const inDb = rows.map((r) => `${String(r.from_state)}>${String(r.to_state)}`).sort();
    const inCode = Object.entries(TRANSITIONS)
      .flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`))
      .sort();
    expect(inDb).toEqual(inCode);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
});
