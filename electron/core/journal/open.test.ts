import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import { JournalUnavailableError } from './journal-errors.ts';
import type { UnavailableReason } from './journal-errors.ts';
import { award, bulkInsert, mixedRows, tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

let dir: TempDir;
let healthy: Buffer;
const PAGE = 4096;

beforeAll(() => {
  dir = tempDir();
  const path = dir.file('healthy.sqlite');
  const j = openJournal({ path });
  j.record(award('1'));
  j.close();
  bulkInsert(path, mixedRows(2000));
  healthy = readFileSync(path);
});
afterAll(() => dir.remove());

function flip(buf: Buffer, from: number, len: number): Buffer {
  const b = Buffer.from(buf);
  for (let i = from; i < from + len; i++) b[i] = (b[i] ?? 0) ^ 0xff;
  return b;
}

/** Opens `bytes` written to a fresh file; returns the refusal and asserts the file is untouched. */
function refuse(name: string, bytes: Buffer): JournalUnavailableError {
  const path = dir.file(`${name}.sqlite`);
  writeFileSync(path, bytes);
  let err: unknown;
  try {
    openJournal({ path }).close();
  } catch (e) {
    err = e;
  }
  expect(err, `${name} should be refused`).toBeInstanceOf(JournalUnavailableError);
  expect(readFileSync(path).equals(bytes), `${name} must be byte-for-byte unchanged`).toBe(true);
  expect(readdirSync(dir.dir).filter((f) => f.startsWith(`${name}.sqlite`))).toEqual([`${name}.sqlite`]);
  return err as JournalUnavailableError;
}

describe('a journal that cannot be read', () => {
  const cases: [string, () => Buffer, UnavailableReason][] = [
    ['garbage', () => Buffer.from('this is not a database at all '.repeat(200)), 'not-a-database'],
    ['zeroed first page', () => Buffer.concat([Buffer.alloc(PAGE), healthy.subarray(PAGE)]), 'not-a-database'],
    ['truncated to half', () => healthy.subarray(0, Math.floor(healthy.length / 2)), 'corrupt'],
    ['truncated to its header', () => healthy.subarray(0, 100), 'corrupt'],
    ['shorter than a header', () => healthy.subarray(0, 40), 'not-a-database'],
    ['a zeroed page inside', () => Buffer.concat([healthy.subarray(0, 5 * PAGE), Buffer.alloc(PAGE), healthy.subarray(6 * PAGE)]), 'corrupt'],
    ['flipped bytes in a b-tree page', () => flip(healthy, 10 * PAGE, 300), 'corrupt'],
    ['empty file', () => Buffer.alloc(0), 'empty'],
  ];
  it.each(cases)('%s → refused with a clear message, file untouched', (name, bytes, reason) => {
    const err = refuse(name.replaceAll(' ', '-'), bytes());
    expect(err.reason).toBe(reason);
    expect(err.message).toMatch(/^The journal at .+ cannot be read \(.+\)\. Writes are stopped; the file was left untouched\.$/);
  });

  it('names the exact problem for a non-database', () => {
    expect(refuse('plain', Buffer.from('hello'.repeat(100))).message).toContain('(file is not a database)');
  });

  it('refuses another application’s SQLite database', () => {
    const path = dir.file('foreign.sqlite');
    const db = new DatabaseSync(path);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    const before = readFileSync(path);
    expect(() => openJournal({ path })).toThrow(/not a SocialHub Till journal/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses a directory in place of the file', () => {
    const path = dir.file('a-directory');
    mkdirSync(path);
    expect(() => openJournal({ path })).toThrow(expect.objectContaining({ reason: 'not-a-file' }) as Error);
  });

  it('refuses a file it may not write (wrong permissions), untouched', () => {
    const sub = join(dir.dir, 'perm');
    mkdirSync(sub);
    chmodSync(dir.dir, 0o755);
    chmodSync(sub, 0o755);
    for (const [mode, label] of [
      [0o000, 'unreadable'],
      [0o444, 'read-only'],
    ] as const) {
      const path = join(sub, `${label}.sqlite`);
      writeFileSync(path, healthy);
      chmodSync(path, mode);
      const asRoot = process.getuid?.() === 0;
      // Root ignores file modes, so the open is tried by an unprivileged child process.
      const out = spawnSync(process.execPath, [join(import.meta.dirname, 'testing', 'open-child.ts'), path], {
        encoding: 'utf8',
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      // The child runs as nobody: it needs a checkout every user may traverse (not under a 0700 folder).
      expect(out.error, `the unprivileged child could not start: ${String(out.error)}`).toBeUndefined();
      const result = JSON.parse(out.stdout.trim()) as { opened: boolean; reason?: string; message?: string };
      expect(result, out.stderr).toMatchObject({ opened: false, reason: 'permission-denied' });
      expect(result.message).toMatch(/cannot be read \(permission denied\)\. Writes are stopped; the file was left untouched\./);
      chmodSync(path, 0o644);
      expect(readFileSync(path).equals(healthy)).toBe(true);
    }
  });

  it('stops writes, not just the open, when the file goes bad under an open journal', () => {
    const path = dir.file('later.sqlite');
    writeFileSync(path, healthy);
    const j = openJournal({ path });
    // Overwritten behind our back, except the header page SQLite already holds in its cache.
    writeFileSync(path, Buffer.concat([healthy.subarray(0, PAGE), Buffer.alloc(healthy.length - PAGE, 0x5a)]));
    expect(() => j.query({ limit: 200 })).toThrow(JournalUnavailableError);
    // Sticky: every later call refuses with the same error, nothing more reaches the file.
    expect(() => j.record(award('after'))).toThrow(/cannot be read \(.*malformed.*\)\. Writes are stopped/);
    expect(() => j.get(1)).toThrow(JournalUnavailableError);
    j.close();
  });
});

describe('a missing journal', () => {
  it('is created complete, with no temporary files left', () => {
    const path = join(dir.dir, 'new', 'nested', 'journal.sqlite');
    openJournal({ path }).close();
    // The journal and its identity side file (identity.ts), nothing temporary.
    expect(readdirSync(join(dir.dir, 'new', 'nested')).sort()).toEqual(['journal.sqlite', 'journal.sqlite.identity']);
  });

  it('is refused when the caller says it must exist', () => {
    const path = dir.file('gone.sqlite');
    expect(() => openJournal({ path, mustExist: true })).toThrow(expect.objectContaining({ reason: 'missing' }) as Error);
    expect(existsSync(path)).toBe(false);
  });

  it('is refused, not recreated, when its write-ahead log is still there', () => {
    const path = dir.file('moved.sqlite');
    writeFileSync(`${path}-wal`, Buffer.alloc(4096, 1));
    expect(() => openJournal({ path })).toThrow(expect.objectContaining({ reason: 'orphan-wal' }) as Error);
    expect(existsSync(path)).toBe(false);
  });
});
