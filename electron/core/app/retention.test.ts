import { afterEach, describe, expect, it } from 'vitest';
import { openJournalSlot } from './journal-slot.ts';
import { startRetention } from './retention.ts';
import { T0, bulkInsert, tempDir } from '../journal/testing/fixtures.ts';
import type { TempDir } from '../journal/testing/fixtures.ts';

const DAY = 86_400_000;
const quietLog = { warn: () => undefined, error: () => undefined };
let dir: TempDir | null = null;
afterEach(() => {
  dir?.remove();
  dir = null;
});

describe('journal retention', () => {
  it('prunes finished rows older than the window and never touches unfinished ones', async () => {
    dir = tempDir();
    const file = dir.file();
    const slot = openJournalSlot({ path: file, now: () => T0 });
    bulkInsert(file, [
      { kind: 'award', state: 'confirmed', createdAt: T0 - 200 * DAY, posTxnId: 'old-confirmed', memberId: 'm_1' },
      { kind: 'award', state: 'unknown', createdAt: T0 - 200 * DAY, posTxnId: 'old-unknown', memberId: 'm_1' },
      { kind: 'award', state: 'queued', createdAt: T0 - 200 * DAY, posTxnId: 'old-queued', memberId: 'm_1' },
      { kind: 'award', state: 'confirmed', createdAt: T0 - 10 * DAY, posTxnId: 'recent-confirmed', memberId: 'm_1' },
    ]);
    let days = 90;
    const retention = startRetention({ journal: slot, retentionDays: () => days, log: quietLog, firstDelayMs: 3_600_000 });
    try {
      const result = await retention.pruneOnce();
      expect(result?.rows).toBe(1);
      const left = slot.journal().query({ limit: 50 }).rows.map((r) => r.posTxnId).sort();
      expect(left).toEqual(['old-queued', 'old-unknown', 'recent-confirmed']);
      // The manager's window is read at every run.
      days = 7;
      expect((await retention.pruneOnce())?.rows).toBe(1);
      expect(slot.journal().query({ limit: 50 }).rows.map((r) => r.posTxnId).sort()).toEqual(['old-queued', 'old-unknown']);
    } finally {
      retention.stop();
      slot.close();
    }
  });

  it('does nothing while the journal is unusable', async () => {
    dir = tempDir();
    const file = dir.file();
    const slot = openJournalSlot({ path: file, now: () => T0 });
    slot.close();
    const retention = startRetention({ journal: slot, retentionDays: () => 90, log: quietLog, firstDelayMs: 3_600_000 });
    expect(await retention.pruneOnce()).toBeNull();
    retention.stop();
  });
});
