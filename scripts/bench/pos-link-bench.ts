/**
 * POS-link benchmark (`npm run bench:pos-link`), side by side with today's typed entry, on a real
 * till (app core, embedded sandbox, a journal of 100k rows) over real loopback HTTP:
 *  1. POS PUT → the sale visible on the cashier channel (`pos-sale:current` answers it), against
 *     the typed path's first step (`award:preview` for the typed total, card already shown);
 *  2. status GET at 100k journal rows, against the typed path's sale lookup (`sale:lookup`).
 * Figures only; nothing here asserts. Targets: PUT → screen p95 ≤ 50 ms; status GET p95 ≤ 5 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO } from '../../electron/sandbox/server.ts';
import { createTillKit } from '../../electron/core/app/testing/till-kit.ts';
import { buildManagerJournal } from './support/journal-fixture.ts';

const ROWS = Number(process.env.POS_BENCH_ROWS ?? 100_000);
const SAMPLES = 300;

function p(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
}
const row = (name: string, s: number[]): string => `${name.padEnd(46)} ${p(s, 0.5).toFixed(2).padStart(8)} ${p(s, 0.95).toFixed(2).padStart(8)} ${p(s, 0.99).toFixed(2).padStart(8)}`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-link-bench-'));
const built = buildManagerJournal(path.join(dataDir, 'journal.sqlite'), ROWS);
const kit = await createTillKit({ dataDir, settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1' }, posLinkRateLimit: { perSecond: 10_000, burst: 10_000 } });
try {
  await kit.unlock();
  const conf = await kit.call('posLinkConfigure', { enabled: true });
  const port = conf.ok ? (conf.value as { listening: { port: number } }).listening.port : 0;
  const created = await kit.call('posLinkTokenCreate');
  const token = created.ok ? (created.value as { token: string }).token : '';
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const base = `http://127.0.0.1:${port}/pos/v1`;
  await kit.call('memberCard', { memberId: DEMO.goldMember });

  const putToScreen: number[] = [];
  const typedPreview: number[] = [];
  const statusGet: number[] = [];
  const typedLookup: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const id = `B${Date.now().toString(36)}${i}`;
    ids.push(id);
    const t = performance.now();
    const res = await fetch(`${base}/sales/${id}`, { method: 'PUT', headers, body: JSON.stringify({ total: '19.99', currency: 'USD' }) });
    await res.arrayBuffer();
    const current = await kit.call('posSaleCurrent');
    const seen = current.ok && (current.value as { sale: { posTxnId: string } } | null)?.sale.posTxnId === id;
    if (!seen || res.status !== 201) throw new Error(`sale ${id} not on the cashier channel (${res.status})`);
    putToScreen.push(performance.now() - t);

    const t2 = performance.now();
    const preview = await kit.call('awardPreview', { memberId: DEMO.goldMember, saleTotal: '19.99' });
    if (!preview.ok) throw new Error('typed preview failed');
    typedPreview.push(performance.now() - t2);
  }
  // A few awarded sales, so the status read covers both kinds.
  for (const id of ids.slice(-5)) {
    await kit.call('memberCard', { memberId: DEMO.goldMember });
    await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember });
  }
  for (let i = 0; i < SAMPLES; i++) {
    const id = ids[i % ids.length] ?? '';
    const t = performance.now();
    const res = await fetch(`${base}/sales/${id}`, { headers });
    await res.arrayBuffer();
    statusGet.push(performance.now() - t);
    const t2 = performance.now();
    await kit.call('saleLookup', { posTxnId: id });
    typedLookup.push(performance.now() - t2);
  }
  const count = kit.core.journal.journal().count();
  // The machine's load says how far to trust one run: the figures scale with it.
  console.log(`POS-link bench — ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, journal ${count.toLocaleString('en-US')} rows (built in ${(built / 1000).toFixed(1)} s), ${SAMPLES} samples each, ms`);
  console.log(`${''.padEnd(46)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}`);
  console.log(row('POS PUT → sale on the cashier channel', putToScreen));
  console.log(row('typed: award:preview (card shown)', typedPreview));
  console.log(row('POS status GET (HTTP, 100k rows)', statusGet));
  console.log(row('typed: sale:lookup (IPC, 100k rows)', typedLookup));
  console.log('targets: PUT → screen p95 ≤ 50 ms; status GET p95 ≤ 5 ms');
} finally {
  await kit.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
