import fc from 'fast-check';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalState } from '../../../shared/journal/states.ts';
import { isFinal } from '../../../shared/journal/states.ts';
import type { Journal } from './journal.ts';
import { T0, award, clawback, testJournal } from './testing/fixtures.ts';
import type { FakeClock, TestJournal } from './testing/fixtures.ts';

const DAY = 86_400_000;

function walk(j: Journal, id: number, path: readonly JournalState[]): void {
  let from: JournalState = 'queued';
  for (const to of path) {
    const r = j.transition(id, {
      from: [from],
      to,
      owner: 'w',
      leaseMs: 1000,
      ...(to === 'needs-attention' ? { patch: { reasonCode: 'test' } } : to === 'resolved' ? { patch: { resolvedBy: 'ana', resolution: 'checked' } } : {}),
    });
    if (!r.ok) throw new Error(`${from} → ${to}: ${r.reason}`);
    from = to;
  }
}

/** Records a row `ageDays` ago and walks it along `path` at that time. */
function at(clock: FakeClock, ageDays: number, fn: () => number): number {
  clock.set(T0 - ageDays * DAY);
  const id = fn();
  clock.set(T0);
  return id;
}

let t: TestJournal;
let j: Journal;
beforeEach(() => {
  t = testJournal();
  j = t.journal;
});
afterEach(() => t.dispose());

function rec(j: Journal, clock: FakeClock, txn: string, ageDays: number, path: JournalState[]): number {
  return at(clock, ageDays, () => {
    const id = j.record(award(txn)).row.id;
    walk(j, id, path);
    return id;
  });
}

describe('prune', () => {
  it('deletes only old confirmed/rejected rows nobody had to look at, with their attempts and history', async () => {
    const c = t.clock;
    const oldConfirmed = rec(j, c, 'a', 120, ['sending', 'confirmed']);
    const oldRejected = rec(j, c, 'b', 120, ['sending', 'rejected']);
    const recentConfirmed = rec(j, c, 'c', 30, ['sending', 'confirmed']);
    const unfinished = (['queued', 'sending', 'unknown', 'verifying', 'needs-attention'] as const).map((s, i) =>
      rec(j, c, `u${i}`, 400, { queued: [], sending: ['sending'], unknown: ['sending', 'unknown'], verifying: ['sending', 'unknown', 'verifying'], 'needs-attention': ['needs-attention'] }[s] as JournalState[]),
    );
    const resolved = rec(j, c, 'r', 400, ['needs-attention', 'resolved']);
    const touched = rec(j, c, 't', 400, ['needs-attention', 'queued', 'sending', 'confirmed']);
    const noted = rec(j, c, 'n', 400, ['sending', 'confirmed']);
    j.addNote(noted, { by: 'ana', text: 'Customer disputed this.' });
    // An old award whose clawback is still open stays; one whose clawback is done goes with it.
    const keptParent = rec(j, c, 'p1', 200, ['sending', 'confirmed']);
    const openChild = at(c, 200, () => j.record(clawback('p1', 'R1', -10, { parentId: keptParent })).row.id);
    const goneParent = rec(j, c, 'p2', 200, ['sending', 'confirmed']);
    const doneChild = at(c, 200, () => {
      const id = j.record(clawback('p2', 'R1', -10, { parentId: goneParent })).row.id;
      walk(j, id, ['sending', 'confirmed']);
      return id;
    });
    j.recordApiCall({ at: T0 - 100 * DAY, keyMask: 'fl_…abcd', method: 'GET', path: '/x', endpoint: 'GET /x', latencyMs: 1, outcome: 'ok' });
    j.recordApiCall({ at: T0 - DAY, keyMask: 'fl_…abcd', method: 'GET', path: '/y', endpoint: 'GET /y', latencyMs: 1, outcome: 'ok' });

    const result = await j.prune({ olderThanDays: 90 });

    const gone = [oldConfirmed, oldRejected, goneParent, doneChild];
    expect(result).toEqual({ rows: 4, attempts: 4, events: 12, apiCalls: 1 });
    for (const id of gone) expect(j.get(id)).toBeUndefined();
    for (const id of [recentConfirmed, ...unfinished, resolved, touched, noted, keptParent, openChild]) expect(j.get(id)).toBeDefined();
    expect(j.apiCalls().map((a) => a.path)).toEqual(['/y']);
    const raw = new DatabaseSync(t.path, { readOnly: true });
    expect(raw.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(raw.prepare(`SELECT count(*) AS n FROM attempts WHERE intent_id IN (${gone.join(',')})`).get()).toEqual({ n: 0 });
    raw.close();
    expect(await j.prune()).toEqual({ rows: 0, attempts: 0, events: 0, apiCalls: 0 });
  });

  it('never deletes an unfinished, resolved or touched row, whatever the mix (property)', async () => {
    const PATHS: JournalState[][] = [
      [],
      ['sending'],
      ['sending', 'unknown'],
      ['sending', 'unknown', 'verifying'],
      ['needs-attention'],
      ['sending', 'confirmed'],
      ['sending', 'rejected'],
      ['needs-attention', 'resolved'],
      ['sending', 'unknown', 'verifying', 'confirmed'],
      ['needs-attention', 'queued', 'sending', 'confirmed'],
      ['sending', 'queued', 'sending', 'confirmed'],
    ];
    const spec = fc.record({
      path: fc.integer({ min: 0, max: PATHS.length - 1 }),
      ageDays: fc.integer({ min: 0, max: 200 }),
      note: fc.boolean(),
      parent: fc.option(fc.nat(), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 150 }), async (specs, days) => {
        const tj = testJournal();
        try {
          const { journal, clock } = tj;
          const rows: { id: number; kind: 'award' | 'clawback'; parent?: number; state: JournalState; touched: boolean; note: boolean; finishedAgeDays: number }[] = [];
          specs.forEach((s, i) => {
            const awards = rows.filter((r) => r.kind === 'award');
            const parent = s.parent !== undefined && awards.length > 0 ? awards[s.parent % awards.length] : undefined;
            const path = PATHS[s.path] ?? [];
            const id = at(clock, s.ageDays, () => {
              const rid = journal.record(parent ? clawback(`t${i}`, 'R', -1, { parentId: parent.id }) : award(`t${i}`)).row.id;
              walk(journal, rid, path);
              if (s.note) journal.addNote(rid, { by: 'ana', text: 'n' });
              return rid;
            });
            rows.push({ id, kind: parent ? 'clawback' : 'award', ...(parent ? { parent: parent.id } : {}), state: path.at(-1) ?? 'queued', touched: path.includes('needs-attention'), note: s.note, finishedAgeDays: s.ageDays });
          });
          await journal.prune({ olderThanDays: days });

          const prunable = (r: (typeof rows)[number]): boolean => (r.state === 'confirmed' || r.state === 'rejected') && r.finishedAgeDays > days && !r.touched && !r.note;
          const kept = new Set<number>();
          // A row stays if it is not prunable, or any child stays (children first: they come later in `rows`).
          for (const r of [...rows].reverse()) {
            if (!prunable(r) || rows.some((c) => c.parent === r.id && kept.has(c.id))) kept.add(r.id);
          }
          for (const r of rows) {
            const present = journal.get(r.id) !== undefined;
            expect(present, `row ${r.id} (${r.state}, ${r.finishedAgeDays}d)`).toBe(kept.has(r.id));
            if (!isFinal(r.state) || r.state === 'resolved') expect(present).toBe(true);
          }
        } finally {
          tj.dispose();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a window under a day', async () => {
    await expect(j.prune({ olderThanDays: 0 })).rejects.toThrow(/at least 1/);
  });
});
