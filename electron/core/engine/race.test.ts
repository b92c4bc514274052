/**
 * Two processes (the app and the CLI) on one journal file and one sandbox, awarding the same
 * sales at the same moment: every sale lands once. Real child processes; leases and the
 * journal's UNIQUE dedup key are all that keep them apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import { descriptionMatches } from '../../../shared/ledger/sale-token.ts';
import { openJournal } from '../journal/index.ts';
import { spawnWorker } from './testing/processes.ts';
import type { WorkerSpec } from './testing/worker.ts';

const MEMBERS = [DEMO.newMember, DEMO.spareCouponMember, DEMO.zeroBalanceMember];

describe('two processes, one journal', () => {
  it('award the same sales at once: each lands exactly once, one process records each', { timeout: 60_000 }, async () => {
    const sandbox = await startSandbox({ quiet: true, rateLimit: { capacity: 100_000, refillPerSecond: 100_000 } });
    sandbox.setFaults([
      { route: 'POST /members/:id/points', kind: 'applyThenDrop', probability: 0.05, seed: 11 },
      { route: 'POST /members/:id/points', kind: 'latency', ms: 5, jitterMs: 20, seed: 12 },
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'engine-race-'));
    const sales = Array.from({ length: 150 }, (_, i) => ({ memberId: MEMBERS[i % MEMBERS.length]!, posTxnId: `race${i}`, points: 3 }));
    const spec = (owner: string, order: typeof sales): WorkerSpec => ({
      journalPath: join(dir, 'journal.sqlite'),
      url: sandbox.url,
      key: sandbox.keys.write,
      owner,
      seed: 1,
      crashAt: {},
      sales: order,
      timings: { requestTimeoutMs: 300, settleMs: 600, leaseMs: 1500, ledgerMarginMs: 5000 },
      barrier: true,
    });
    try {
      openJournal({ path: join(dir, 'journal.sqlite') }).close();
      const app = spawnWorker(spec('app', sales), join(dir, 'app.json'));
      const cli = spawnWorker(spec('cli', sales), join(dir, 'cli.json'));
      await Promise.all([app.waitFor(/^READY/), cli.waitFor(/^READY/)]);
      app.proc.stdin.write('go\n');
      cli.proc.stdin.write('go\n');
      const results = await Promise.all(
        [app, cli].map(async (w) => {
          const end = await w.exited;
          expect(end.code, end.stderr).toBe(0);
          const done = w.lines.find((l) => l.startsWith('DONE '));
          return JSON.parse(done!.slice(5)) as { tally: Record<string, number> };
        }),
      );
      // Every sale: one process recorded it, the other was told "duplicate".
      const duplicates = results.reduce((n, r) => n + (r.tally.duplicate ?? 0), 0);
      expect(duplicates).toBe(sales.length);
      const ledgers = MEMBERS.map((m) => sandbox.ledger(m));
      for (const s of sales) {
        const token = { kind: 'purchase' as const, storeId: 'st_nyc_01', tillId: 'T1', posTxnId: s.posTxnId };
        expect(ledgers.reduce((n, l) => n + l.filter((t) => descriptionMatches(t.description, token)).length, 0)).toBe(1);
      }
      const journal = openJournal({ path: join(dir, 'journal.sqlite') });
      expect(journal.count({ states: ['confirmed'] })).toBe(sales.length);
      // Never two attempts in flight for one row (the lease held), and exactly one proof of applying.
      for (const row of journal.query({ limit: 200 }).rows) {
        const attempts = journal.attempts(row.id);
        expect(attempts.filter((a) => a.classification === 'applied')).toHaveLength(1);
        for (let i = 1; i < attempts.length; i++) expect(attempts[i]!.startedAt).toBeGreaterThanOrEqual(attempts[i - 1]!.finishedAt!);
      }
      journal.close();
    } finally {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
