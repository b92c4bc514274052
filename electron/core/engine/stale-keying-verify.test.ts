/**
 * Review: an engine's drainer read back another process's row by markers matched with a keying
 * read before another program re-keyed the empty journal: with ids unique per store now (one sale
 * at two tills), a sibling till's entry of that sale must count as landed, not be resent. The
 * engine keys only by its own settled keying, so it leaves such rows (and refuses verify, resend,
 * recover) to the program whose keying they are under. Real journal file, real sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { JournalKeyingError, openJournal } from '../journal/index.ts';
import type { Journal } from '../journal/index.ts';
import { createEngine } from './index.ts';
import { TIMINGS, settle, startHarness } from './testing/harness.ts';
import type { Harness } from './testing/harness.ts';

const M = DEMO.newMember;
let h: Harness;
let cliJournal: Journal | null = null;
afterEach(async () => {
  cliJournal?.close();
  cliJournal = null;
  await h?.close();
});

describe('read-back after another program re-keyed the journal', () => {
  it('is left to the program that keyed it, so a sale already on the ledger from another till is not awarded again', async () => {
    // This till's engine keyed the still-empty journal with ids unique per till.
    h = await startHarness({ config: { idsUniquePer: 'till' } });
    expect(h.journal.keying()).toMatchObject({ idsUniquePer: 'till' });
    // The CLI re-keys it (ids unique per store: a sale rung up at two tills is one sale) and records a sale.
    cliJournal = openJournal({ path: h.path });
    const cli = createEngine({ journal: cliJournal, client: h.client(), storeId: 'st_nyc_01', tillId: 'T1', idsUniquePer: 'store', owner: 'cli-run', ...TIMINGS });
    expect(cliJournal.keying()).toMatchObject({ idsUniquePer: 'store' });
    // The same sale already reached SocialHub from till 2 (its own journal).
    const sibling = await h.client().postPoints(M, { amount: 20, description: 'In-store purchase · store st_nyc_01 · till T2 · txn p9' });
    expect(sibling.ok).toBe(true);
    // The CLI's own send is lost before it applies: the outcome is unknown and the CLI exits 3.
    h.sandbox.addFault({ route: 'POST /members/:id/points', kind: 'dropBeforeApply', count: 1 });
    const out = await cli.award({ memberId: M, posTxnId: 'p9', points: 20 });
    expect(out.row?.state).toBe('unknown');
    await cli.stop();
    // This till's engine keys by ids unique per till: it must not read the CLI's row back (a sibling
    // till's entry would not count as this sale) nor resend it; it is left for the CLI's keying.
    expect(await h.engine.drainOnce()).toMatchObject({ processed: 0 });
    await expect(h.engine.verifyNow(out.row!.id)).rejects.toBeInstanceOf(JournalKeyingError);
    await expect(h.engine.resend(out.row!.id)).rejects.toBeInstanceOf(JournalKeyingError);
    await expect(h.engine.recover()).rejects.toBeInstanceOf(JournalKeyingError);
    expect(h.engine.keyingRefusal()).toMatch(/unique per/);
    expect(h.journal.get(out.row!.id)?.state).toBe('unknown');
    // The CLI, run again with its keying, reads the row back: till 2's entry is this sale, landed once.
    const again = createEngine({ journal: cliJournal, client: h.client(), storeId: 'st_nyc_01', tillId: 'T1', idsUniquePer: 'store', owner: 'cli-run-2', ...TIMINGS });
    const row = await settle(again, cliJournal, out.row!.id);
    await again.stop();
    expect(row.state).toBe('confirmed');
    expect(h.sandbox.ledger(M).filter((e) => e.description.includes('txn p9'))).toHaveLength(1);
  });
});
