/**
 * Review: the engine follows a re-keyed empty journal's day (zone, day start, id scope) before
 * each write, but a journal re-keyed for another store is not this till's journal: a sale of this
 * store must not be recorded under it (the journal would then hold this store's sales keyed as
 * the other's, and this till is refused for good once restarted). Real journal file, real sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { JournalKeyingError, openJournal } from '../journal/index.ts';
import { startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

let h: Harness;
afterEach(async () => h?.close());

describe('a journal re-keyed for another store', () => {
  it('is refused at this store’s next sale, not followed', async () => {
    h = await startHarness();
    expect(h.journal.keying()).toMatchObject({ storeId: 'st_nyc_01' });
    expect(h.journal.count({})).toBe(0);
    // Another store's program (the CLI) claims the still-empty journal file.
    openJournal({ path: h.path, keying: { storeId: 'st_other_02' } }).close();
    let refused: unknown = null;
    try {
      await h.engine.award({ memberId: DEMO.newMember, posTxnId: 'STORE-A-1', points: 10 });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(JournalKeyingError);
    // Nothing of this store's went in under the other store's keying.
    expect(h.journal.count({})).toBe(0);
    // With nothing recorded under it, this store's till can still claim the journal when restarted.
    expect(() => openJournal({ path: h.path, keying: { storeId: 'st_nyc_01' } }).close()).not.toThrow();
  });
});
