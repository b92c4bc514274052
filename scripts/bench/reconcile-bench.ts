/**
 * Figures, not assertions: how long reconciliation takes for N members with writes that day, and
 * how fast the ledger export runs against a given client-side rate. Real sandbox over loopback
 * HTTP, real journal file. `npm run bench:reconcile -- [members=400]`
 */
import { rmSync } from 'node:fs';
import { createSocialHubClient } from '../../electron/core/api/index.ts';
import { createTokenBucket, exportLedger, pacedReadClient } from '../../electron/core/export/index.ts';
import { openJournal } from '../../electron/core/journal/index.ts';
import { tempDir } from '../../electron/core/journal/testing/fixtures.ts';
import { startSandbox } from '../../electron/sandbox/server.ts';
import { reconcileDay, todayIn } from '../../electron/core/reconcile/index.ts';
import { awardVia, purchase } from '../../electron/core/reconcile/testing/journal-rows.ts';

const members = Number(process.argv[2] ?? 400);
const sandbox = await startSandbox({ quiet: true, rateLimit: { capacity: 100_000, refillPerSecond: 100_000 } });
const dir = tempDir('reconcile-bench-');
try {
  const write = createSocialHubClient({ baseUrl: sandbox.url, apiKey: sandbox.keys.write });
  const read = createSocialHubClient({ baseUrl: sandbox.url, apiKey: sandbox.keys.read });
  const journal = openJournal({ path: dir.file() });
  const ids: string[] = [];
  for (let offset = 0; ids.length < members; offset += 200) {
    const page = await read.listMembers({ status: 'active', limit: 200, offset });
    if (!page.ok || page.value.members.length === 0) break;
    ids.push(...page.value.members.map((m) => m.id));
  }
  ids.length = Math.min(ids.length, members);
  for (const [i, id] of ids.entries()) {
    for (let k = 0; k < 3; k++) await awardVia(journal, write, purchase('st_nyc_01', 'TB', `B${i}-${k}`), id, 10 + k);
  }
  console.log(`seeded ${ids.length} members × 3 awards`);

  for (const concurrency of [1, 4, 8]) {
    const t0 = performance.now();
    const report = await reconcileDay({ journal, client: read, date: todayIn('UTC'), timeZone: 'UTC', storeId: 'st_nyc_01', tillId: 'TB', concurrency });
    const ms = performance.now() - t0;
    console.log(
      `reconcile ${ids.length} members (${report.totals.matched} writes), concurrency ${concurrency}: ${ms.toFixed(0)} ms, ${(ms / ids.length).toFixed(2)} ms/member (unpaced)`,
    );
  }
  for (const rate of [10, 50]) {
    const t0 = performance.now();
    const reconcilePaced = await reconcileDay({
      journal,
      client: pacedReadClient(read, createTokenBucket({ ratePerSecond: rate, burst: rate })),
      date: todayIn('UTC'),
      timeZone: 'UTC',
      storeId: 'st_nyc_01',
      tillId: 'TB',
    });
    const s = (performance.now() - t0) / 1000;
    console.log(`reconcile paced at ${rate} req/s: ${reconcilePaced.totals.matched} writes in ${s.toFixed(1)} s (${(ids.length / s).toFixed(1)} members/s)`);
    if (rate === 10 && ids.length > 100) break;
  }
  journal.close();

  for (const rate of [25, 100]) {
    const file = dir.file(`ledger-${rate}.csv`);
    const result = await exportLedger({
      client: pacedReadClient(read, createTokenBucket({ ratePerSecond: rate, burst: 10 })),
      file,
      since: Date.parse('2025-06-01T00:00:00Z'),
    });
    const s = result.elapsedMs / 1000;
    console.log(`export ledger at --rate ${rate}: ${result.requests} requests, ${result.rows} rows in ${s.toFixed(1)} s = ${(result.requests / s).toFixed(1)} req/s, ${(result.rows / s).toFixed(0)} rows/s`);
    rmSync(file, { force: true });
  }
} finally {
  dir.remove();
  await sandbox.close();
}
