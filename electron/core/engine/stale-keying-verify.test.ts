/**
 * Review: the engine re-reads the journal's keying before each new write only. Its drainer's
 * read-back of another process's row still matches markers by the keying it read before another
 * program re-keyed the empty journal: with ids unique per store now (one sale at two tills), a
 * sibling till's entry of that sale must count as landed, not be resent. Real journal file, real sandbox.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { openJournal } from '../journal/index.ts';
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
  it('matches markers by the journal’s keying now, so a sale already on the ledger from another till is not awarded again', async () => {
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
    // This till's drainer reads the row back (it has written nothing since, so holds the old keying).
    const row = await settle(h.engine, h.journal, out.row!.id);
    expect(row.state).toBe('confirmed');
    expect(h.sandbox.ledger(M).filter((e) => e.description.includes('txn p9'))).toHaveLength(1);
  });
});
