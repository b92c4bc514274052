/**
 * The journal (members, amounts, the manager's notes) and its WAL and shared-memory files are
 * owner-only, on real files, even under a process umask that would leave them world-readable.
 */
import { chmodSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import { award, tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const files = (path: string): string[] => [path, `${path}-wal`, `${path}-shm`];

let dir: TempDir;
let umask: number;
beforeAll(() => {
  dir = tempDir();
  umask = process.umask(0o000); // the worst case: every file created world-readable and writable
});
afterAll(() => {
  process.umask(umask);
  dir.remove();
});

describe.skipIf(process.platform === 'win32')('journal file modes', () => {
  it('creates the journal, its WAL and -shm 0600 under umask 000', () => {
    const path = dir.file('new.sqlite');
    const j = openJournal({ path });
    try {
      j.record(award('1'));
      expect(files(path).map(mode)).toEqual(['600', '600', '600']);
    } finally {
      j.close();
    }
  });

  it('tightens a journal an older version left world-readable', () => {
    const path = dir.file('old.sqlite');
    openJournal({ path }).close();
    chmodSync(path, 0o666);
    const j = openJournal({ path });
    try {
      j.record(award('2'));
      expect(files(path).map(mode)).toEqual(['600', '600', '600']);
    } finally {
      j.close();
    }
  });
});
