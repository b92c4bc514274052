/**
 * Opening the journal file without ever harming it.
 *
 * - A missing file is created complete (schema included) under a temporary name and then
 *   hard-linked into place, so a crash can never leave a half-made journal at the real path,
 *   and two processes creating it at once end up sharing the first one.
 * - An existing file is checked before SQLite may write to it: plain file, readable and
 *   writable, SQLite header, then `quick_check`, application id and schema version on a
 *   read-only connection (which cannot checkpoint or otherwise modify the file). Any problem
 *   raises {@link JournalUnavailableError} and leaves every byte as it was.
 * - Only then is the read-write connection opened: WAL, synchronous=FULL, busy_timeout,
 *   foreign keys, migrations.
 * - The journal holds members, amounts and the manager's notes: the file, its WAL and its shared
 *   memory file are owner-only (0600) whatever the process umask. The file is created with that
 *   mode before SQLite opens it (SQLite gives the WAL and -shm the main file's mode), and all
 *   three are chmod-ed after opening, which also tightens a journal an older version left open.
 */
import { chmodSync, closeSync, constants, copyFileSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { JournalUnavailableError, toJournalError } from './journal-errors.ts';
import type { UnavailableReason } from './journal-errors.ts';
import { JOURNAL_APPLICATION_ID, SCHEMA_VERSION, migrate, readUserVersion, tooNewError } from './schema.ts';

/** SQLite before 3.51.3 can corrupt a WAL database written by two connections at once (WAL-reset bug). */
export const MIN_SQLITE_VERSION = '3.51.3';

export interface OpenDatabaseOptions {
  busyTimeoutMs: number;
  /** Refuse instead of creating a new journal when the file is missing. */
  mustExist: boolean;
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function fsReason(err: unknown): UnavailableReason {
  switch (errnoCode(err)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission-denied';
    case 'EROFS':
      return 'read-only';
    case 'EISDIR':
      return 'not-a-file';
    case 'ENOSPC':
      return 'disk-full';
    default:
      return 'io-error';
  }
}

function fsDetail(err: unknown): string {
  const code = errnoCode(err);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    default:
      return code ?? (err instanceof Error ? err.message : String(err));
  }
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function sqliteVersion(): string {
  const db = new DatabaseSync(':memory:');
  try {
    const v = db.prepare('SELECT sqlite_version() AS v').get()?.v;
    return typeof v === 'string' ? v : '0';
  } finally {
    db.close();
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw new JournalUnavailableError(path, fsReason(err), fsDetail(err), { cause: err });
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** Readable, writable and starts like a SQLite database — checked with plain fs, before SQLite touches it. */
function checkFile(path: string, st: Stats): void {
  if (!st.isFile()) throw new JournalUnavailableError(path, 'not-a-file', 'it is not a regular file');
  if (st.size === 0) throw new JournalUnavailableError(path, 'empty', 'the file is empty; a journal is never empty, so it was probably truncated');
  let fd: number;
  try {
    fd = openSync(path, 'r+'); // r+ proves write access without writing anything.
  } catch (err) {
    throw new JournalUnavailableError(path, fsReason(err), fsDetail(err), { cause: err });
  }
  try {
    const header = Buffer.alloc(100);
    const n = readSync(fd, header, 0, 100, 0);
    if (n < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
      throw new JournalUnavailableError(path, 'not-a-database', 'file is not a database');
    }
  } finally {
    closeSync(fd);
  }
}

/** quick_check, application id and schema version on a connection that cannot write. */
function inspectReadOnly(path: string, busyTimeoutMs: number): void {
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((p) => statOrNull(p) === null);
  let db: DatabaseSync | undefined;
  try {
    // Another process may be creating or migrating this file right now: wait for it as writers do.
    db = new DatabaseSync(path, { readOnly: true, timeout: busyTimeoutMs });
    const check = db.prepare('PRAGMA quick_check(1)').get()?.quick_check;
    if (check !== 'ok') throw new JournalUnavailableError(path, 'corrupt', `integrity check failed: ${String(check).split('\n').join('; ')}`);
    const appId = db.prepare('PRAGMA application_id').get()?.application_id;
    const version = readUserVersion(db);
    if (appId !== JOURNAL_APPLICATION_ID) {
      const objects = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get()?.n;
      // An empty database with no id is one we may adopt; anything else belongs to someone else.
      if (appId !== 0 || version !== 0 || objects !== 0) {
        throw new JournalUnavailableError(path, 'not-a-journal', 'it is a SQLite database, but not a SocialHub Till journal');
      }
    }
    if (version > SCHEMA_VERSION) throw tooNewError(path, version, SCHEMA_VERSION);
  } catch (err) {
    db?.close();
    db = undefined;
    // A refused file is left exactly as found: drop the empty sidecars this check created.
    for (const p of sidecars) if ((statOrNull(p)?.size ?? 1) === 0 || p.endsWith('-shm')) rmSync(p, { force: true });
    throw toJournalError(err, path);
  } finally {
    db?.close();
  }
}

function configure(db: DatabaseSync, busyTimeoutMs: number): void {
  db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  const mode = db.prepare('PRAGMA journal_mode').get()?.journal_mode;
  if (mode !== 'wal') {
    const set = db.prepare('PRAGMA journal_mode = WAL').get()?.journal_mode;
    if (set !== 'wal') throw new Error(`could not switch the journal to WAL mode (got ${String(set)})`);
  }
  // FULL: the WAL is synced on every commit, so a recorded intent survives a power cut.
  db.exec('PRAGMA synchronous = FULL');
  // macOS only (ignored elsewhere): plain fsync there does not flush the drive's cache.
  db.exec('PRAGMA fullfsync = ON');
  db.exec('PRAGMA checkpoint_fullfsync = ON');
  db.exec('PRAGMA foreign_keys = ON');
  // A journaled write adds ~28 WAL pages; at the default 1000 every ~35th write would pay for a
  // checkpoint. 4000 (~16 MB of WAL) keeps that off 99% of writes; Journal.checkpoint() lets the
  // engine do it when idle.
  db.exec('PRAGMA wal_autocheckpoint = 4000');
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Directories cannot be opened for fsync on Windows; NTFS journals the link itself.
  }
}

export const JOURNAL_FILE_MODE = 0o600;

/** An empty file only the owner can read or write (umask can only take bits away; chmod sets them exactly). */
function createOwnerOnly(path: string): void {
  closeSync(openSync(path, 'wx', JOURNAL_FILE_MODE));
  chmodSync(path, JOURNAL_FILE_MODE);
}

/** The journal and whichever of its sidecars exist, owner-only. */
function restrictModes(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(p, JOURNAL_FILE_MODE);
    } catch (err) {
      // Best effort: a file we do not own (a shared data folder) keeps its mode rather than stopping writes.
      if (errnoCode(err) !== 'ENOENT' && errnoCode(err) !== 'EPERM') throw err;
    }
  }
}

/** Creates a complete, empty journal at `path` unless one appears there first. */
function createFresh(path: string, busyTimeoutMs: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.new-${process.pid}-${randomUUID().slice(0, 8)}`;
  try {
    createOwnerOnly(tmp); // SQLite adopts an empty file as a new database
    const db = new DatabaseSync(tmp);
    try {
      configure(db, busyTimeoutMs);
      migrate(db, path);
    } finally {
      db.close(); // checkpoints and removes the temporary -wal, leaving one complete file
    }
    try {
      linkSync(tmp, path); // atomic and never overwrites: EEXIST means another process won
    } catch (err) {
      const code = errnoCode(err);
      if (code === 'EEXIST') return;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
      // No hard links on this file system: exclusive copy still never overwrites.
      try {
        copyFileSync(tmp, path, constants.COPYFILE_EXCL);
      } catch (copyErr) {
        if (errnoCode(copyErr) === 'EEXIST') return;
        throw copyErr;
      }
      chmodSync(path, JOURNAL_FILE_MODE);
      const fd = openSync(path, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    fsyncDir(dirname(path));
  } catch (err) {
    if (err instanceof JournalUnavailableError) throw err;
    throw new JournalUnavailableError(path, fsReason(err), `could not create it: ${fsDetail(err)}`, { cause: err });
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tmp + suffix, { force: true });
  }
}

/** Opens (creating if allowed) the journal database, checked and configured. Throws JournalUnavailableError. */
export function openJournalDatabase(path: string, options: OpenDatabaseOptions): DatabaseSync {
  const version = sqliteVersion();
  if (compareVersions(version, MIN_SQLITE_VERSION) < 0) {
    throw new JournalUnavailableError(path, 'sqlite-too-old', `bundled SQLite ${version} is older than ${MIN_SQLITE_VERSION}, which fixes a WAL corruption bug`);
  }

  let st = statOrNull(path);
  if (!st) {
    if (options.mustExist) throw new JournalUnavailableError(path, 'missing', 'expected an existing journal');
    const wal = statOrNull(`${path}-wal`);
    if (wal && wal.size > 0) {
      throw new JournalUnavailableError(path, 'orphan-wal', `the journal file is missing but its write-ahead log ${path}-wal is present; it may have been moved or deleted`);
    }
    createFresh(path, options.busyTimeoutMs);
    st = statOrNull(path);
    if (!st) throw new JournalUnavailableError(path, 'io-error', 'the file disappeared right after it was created');
  }
  checkFile(path, st);
  inspectReadOnly(path, options.busyTimeoutMs);

  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
    configure(db, options.busyTimeoutMs);
    migrate(db, path);
    restrictModes(path);
    return db;
  } catch (err) {
    db?.close();
    throw toJournalError(err, path);
  }
}
