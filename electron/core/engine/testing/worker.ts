/**
 * A till process for the crash and race tests: opens the shared journal, runs the engine against
 * the sandbox over HTTP, and awards its list of sales. Crash points (TILL_CRASH_AT-style
 * probabilities, seeded) kill this process with SIGKILL — at `mid-request` a moment later, while
 * the request is in flight. Prints `DONE {json}` when every row in the journal is final.
 *
 * argv[2]: path of a JSON WorkerSpec.
 */
import { readFileSync, writeSync } from 'node:fs';
import { createSocialHubClient } from '../../api/index.ts';
import { openJournal } from '../../journal/index.ts';
import { createEngine } from '../index.ts';
import type { CrashPoint } from '../index.ts';
import { mulberry32 } from '../../../sandbox/prng.ts';

export interface WorkerSpec {
  journalPath: string;
  url: string;
  key: string;
  owner: string;
  seed: number;
  /** Probability per crash point, e.g. { 'after-record': 0.02 }. */
  crashAt: Partial<Record<CrashPoint, number>>;
  sales: { memberId: string; posTxnId: string; points: number }[];
  timings: { requestTimeoutMs: number; settleMs: number; leaseMs: number; ledgerMarginMs: number; duplicateCheckMaxMs?: number };
  /** Wait for a line on stdin before awarding (lines up two racing processes). */
  barrier?: boolean;
}

const say = (line: string): void => {
  writeSync(1, `${line}\n`); // synchronous: printed before any later kill
};

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as WorkerSpec;
const rng = mulberry32(spec.seed);
const kill = (): void => {
  process.kill(process.pid, 'SIGKILL');
};
const crashPoint = (name: CrashPoint): void => {
  const p = spec.crashAt[name] ?? 0;
  if (p <= 0 || rng() >= p) return;
  say(`CRASH ${name}`);
  if (name === 'mid-request') setTimeout(kill, Math.floor(rng() * spec.timings.requestTimeoutMs));
  else kill();
};

const journal = openJournal({ path: spec.journalPath, busyTimeoutMs: 10_000 });
const engine = createEngine({
  journal,
  client: createSocialHubClient({ baseUrl: spec.url, apiKey: spec.key, timeoutMs: spec.timings.requestTimeoutMs }),
  storeId: 'st_nyc_01',
  tillId: 'T1',
  txnIdScope: 'forever',
  owner: spec.owner,
  ...spec.timings,
  backoff: { baseMs: 20, capMs: 200 },
  probeIntervalMs: 100,
  idlePollMs: 10,
  crashPoint,
});

async function main(): Promise<void> {
  if (spec.barrier) {
    say('READY');
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
    process.stdin.destroy();
  }
  // Recovery of what a previous incarnation left runs alongside new sales (leases keep them apart).
  const recovering = engine.recover();
  engine.start();
  const tally: Record<string, number> = {};
  for (const sale of spec.sales) {
    const out = await engine.award(sale);
    tally[out.status] = (tally[out.status] ?? 0) + 1;
  }
  await recovering;
  for (;;) {
    const report = await engine.recover({ timeoutMs: 30_000 });
    if (journal.stats().unfinished === 0) {
      await engine.stop();
      say(`DONE ${JSON.stringify({ tally, report })}`);
      journal.close();
      return;
    }
    if (report.pending === 0 && journal.count({ states: ['needs-attention'] }) > 0) {
      await engine.stop();
      say(`DONE ${JSON.stringify({ tally, report, needsAttention: true })}`);
      journal.close();
      return;
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
