/**
 * ERP exports against the real sandbox over HTTP: complete output checked against the sandbox's
 * own data, and resume after an interruption (a failed page, a torn append) without a duplicate.
 * The SIGKILL variant runs the CLI as a child process (electron/cli/cli-export.test.ts).
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSocialHubClient } from '../api/index.ts';
import type { SocialHubClient } from '../api/index.ts';
import { tempDir } from '../journal/testing/fixtures.ts';
import type { TempDir } from '../journal/testing/fixtures.ts';
import { startSandbox } from '../../sandbox/server.ts';
import type { SandboxHandle } from '../../sandbox/server.ts';
import { checkpointPath, createTokenBucket, exportLedger, exportRoster, listAllStores, membersPath, pacedReadClient, parseCsv } from './index.ts';
import type { ExportProgress, ReadClient } from './index.ts';

let sandbox: SandboxHandle;
let read: SocialHubClient;
let dir: TempDir;
const SINCE = Date.parse('2025-06-01T00:00:00Z');

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true });
  read = createSocialHubClient({ baseUrl: sandbox.url, apiKey: sandbox.keys.read, timeoutMs: 5000 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  sandbox.setRateLimit({ capacity: 5000, refillPerSecond: 5000 });
  dir = tempDir('export-test-');
});
afterEach(() => dir.remove());

async function activeMembers(): Promise<{ id: string; name: string }[]> {
  const all: { id: string; name: string }[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await read.listMembers({ status: 'active', limit: 200, offset });
    if (!page.ok) throw new Error(page.failure.message);
    all.push(...page.value.members);
    if (offset + 200 >= page.value.total) return all;
  }
}

async function expectedLedgerIds(): Promise<string[]> {
  return (await activeMembers()).flatMap((m) => sandbox.ledger(m.id).filter((t) => Date.parse(t.createdAt) >= SINCE).map((t) => t.id));
}

/** Fails every call after the first `n`, like a network that went away mid-export. */
function failingAfter(client: ReadClient, n: number): ReadClient {
  let calls = 0;
  const gate = <T>(fn: () => Promise<T>, fail: () => T): Promise<T> => (++calls > n ? Promise.resolve(fail()) : fn());
  const failure = { ok: false as const, failure: { classification: 'not-applied' as const, reason: 'connection-refused' as const, message: 'connection refused', endpoint: 'GET', latencyMs: 0 } };
  return {
    listStores: (p) => gate(() => client.listStores(p), () => failure),
    listMembers: (p) => gate(() => client.listMembers(p), () => failure),
    getPoints: (id, p) => gate(() => client.getPoints(id, p), () => failure),
  };
}

describe('stores', () => {
  it('lists every store', async () => {
    const { stores, total } = await listAllStores(read);
    expect(total).toBe(4);
    expect(stores.map((s) => s.id)).toContain('st_nyc_01');
  });
});

describe('exportRoster', () => {
  it('writes every active member once, paged at 200, and removes its checkpoint', async () => {
    const file = dir.file('roster.csv');
    const progress: ExportProgress[] = [];
    const result = await exportRoster({ client: read, file, onProgress: (p) => progress.push(p) });
    const records = parseCsv(fs.readFileSync(file, 'utf8'));
    const expected = await activeMembers();
    expect(records[0]).toEqual(['member_id', 'name', 'status', 'tier', 'balance']);
    expect(records.slice(1).map((r) => r[0])).toEqual(expected.map((m) => m.id));
    expect(result).toMatchObject({ rows: expected.length, total: expected.length, resumed: false });
    expect(fs.existsSync(checkpointPath(file))).toBe(false);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', etaMs: 0 });
    const limits = sandbox.audit().map((e) => new URL(e.path, 'http://x').searchParams.get('limit'));
    expect(limits.every((l) => l === '200')).toBe(true);
  });

  it('resumes after a failed page without duplicating rows, and refuses to clobber a finished file', async () => {
    const file = dir.file('roster.csv');
    await expect(exportRoster({ client: failingAfter(read, 1), file })).rejects.toThrow(/connection refused/);
    expect(JSON.parse(fs.readFileSync(checkpointPath(file), 'utf8'))).toMatchObject({ rows: 200, position: { offset: 200 } });
    const result = await exportRoster({ client: read, file });
    expect(result.resumed).toBe(true);
    const ids = parseCsv(fs.readFileSync(file, 'utf8')).slice(1).map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual((await activeMembers()).map((m) => m.id));
    await expect(exportRoster({ client: read, file })).rejects.toThrow(/already exists/);
    expect((await exportRoster({ client: read, file, overwrite: true })).rows).toBe(ids.length);
  });

  it('refuses to resume with different options', async () => {
    const file = dir.file('roster.csv');
    await expect(exportRoster({ client: failingAfter(read, 1), file })).rejects.toThrow();
    await expect(exportRoster({ client: read, file, status: 'inactive' })).rejects.toThrow(/different options/);
  });
});

describe('exportLedger', () => {
  it('exports every active member’s entries since the date, each exactly once', async () => {
    const file = dir.file('ledger.csv');
    const result = await exportLedger({ client: read, file, since: SINCE });
    const records = parseCsv(fs.readFileSync(file, 'utf8'));
    expect(records[0]).toEqual(['member_id', 'txn_id', 'created_at', 'amount', 'balance_after', 'description']);
    const ids = records.slice(1).map((r) => r[1]);
    const expected = await expectedLedgerIds();
    expect(ids.length).toBeGreaterThan(100);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(result.rows).toBe(expected.length);
    expect(fs.existsSync(checkpointPath(file))).toBe(false);
    expect(fs.existsSync(membersPath(file))).toBe(false);
  });

  it('resumes mid-export and after a torn append, never writing a row twice', async () => {
    const file = dir.file('ledger.csv');
    await expect(exportLedger({ client: failingAfter(read, 120), file, since: SINCE })).rejects.toThrow();
    const cp = JSON.parse(fs.readFileSync(checkpointPath(file), 'utf8')) as { bytes: number; position: { memberIndex: number } };
    expect(cp.position.memberIndex).toBeGreaterThan(50);
    // A crash after the append but before the checkpoint leaves rows the checkpoint does not cover.
    const firstRow = parseCsv(fs.readFileSync(file, 'utf8'))[1]!;
    fs.appendFileSync(file, `${firstRow.join(',')}\r\npartial,row`);
    const result = await exportLedger({ client: read, file, since: SINCE });
    expect(result.resumed).toBe(true);
    const ids = parseCsv(fs.readFileSync(file, 'utf8')).slice(1).map((r) => r[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...(await expectedLedgerIds())].sort());
  });

  it('pages a long ledger across several requests (limit ≤ 200) and paces with the token bucket', async () => {
    const file = dir.file('gold.csv');
    let requests = 0;
    const bucket = createTokenBucket({ ratePerSecond: 400, burst: 20 });
    const result = await exportLedger({ client: pacedReadClient(read, bucket, () => requests++), file, since: Date.parse('2020-01-01T00:00:00Z'), pageSize: 200 });
    expect(result.requests).toBe(requests);
    const goldPages = sandbox.audit().filter((e) => e.path.includes('/members/mb_marcus_webb/points'));
    expect(goldPages.map((e) => new URL(e.path, 'http://x').searchParams.get('offset'))).toEqual(['0', '200']);
    expect(sandbox.audit().every((e) => Number(new URL(e.path, 'http://x').searchParams.get('limit')) <= 200)).toBe(true);
  });

  it('waits out 429s', async () => {
    const file = dir.file('ledger.csv');
    sandbox.addFault({ route: 'GET /members/:id/points', kind: 'rateLimit', retryAfter: '1', count: 2 });
    const result = await exportLedger({ client: read, file, since: Date.parse('2025-09-01T00:00:00Z') });
    expect(sandbox.audit().filter((e) => e.status === 429)).toHaveLength(2);
    expect(result.rows).toBe((await activeMembers()).flatMap((m) => sandbox.ledger(m.id).filter((t) => Date.parse(t.createdAt) >= Date.parse('2025-09-01T00:00:00Z'))).length);
  });
});
