/**
 * Issue #10 items 8, 9, 13 through the real CLI: concurrent processes on one journal, a held
 * lock (exit 75, retry), processes in two time zones, and one sale rung up at two tills.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../core/journal/index.ts';
import { closedPortUrl } from '../core/api/testing/loopback-servers.ts';
import { DEMO } from '../sandbox/server.ts';
import { runChecked, useCliSandbox } from './testing/cli-runner.ts';
import type { CliRun } from './testing/cli-runner.ts';

const fx = useCliSandbox('cli-keying-');
const ava = DEMO.memberWithCoupons;

const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => fx.writeEnv('T1', 2000, extra);

const cli = (args: string[], e: NodeJS.ProcessEnv = env()): Promise<CliRun> => runChecked(args, e);

const ours = (txn: string): number => fx.sandbox.ledger(ava).filter((t) => t.description.endsWith(` · txn ${txn}`)).length;

describe('a busy journal is not a refusal (item 13)', () => {
  it('four CLI processes awarding at once on one journal: every one exits 0, each sale lands once', async () => {
    const runs = await Promise.all(['k1', 'k2', 'k3', 'k4'].map((txn) => cli(['award', '--member', ava, '--txn', txn, '--points', '5'])));
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(runs.map(() => [0, '']));
    for (const txn of ['k1', 'k2', 'k3', 'k4']) expect(ours(txn)).toBe(1);
  });

  it('a lock held past the wait: exit 75 (retry), nothing written; the same command then succeeds', async () => {
    await cli(['award', '--member', ava, '--txn', 'warm', '--points', '1']); // the journal exists
    const holder = new DatabaseSync(fx.dir.file());
    holder.exec('BEGIN IMMEDIATE');
    const busy = await cli(['award', '--member', ava, '--txn', 'b1', '--points', '5'], env({ TILL_BUSY_TIMEOUT_MS: '300' }));
    holder.exec('ROLLBACK');
    holder.close();
    expect(busy.code).toBe(75);
    expect(busy.stderr).toMatch(/busy.*safe to run the same command again/);
    expect(ours('b1')).toBe(0);
    const again = await cli(['award', '--member', ava, '--txn', 'b1', '--points', '5']);
    expect(again.code).toBe(0);
    expect(ours('b1')).toBe(1);
  });
});

describe('processes that key sales differently (item 8)', () => {
  it('a CLI in another time zone follows the journal; one that names a different zone or scope exits 78 and sends nothing', async () => {
    const first = await cli(['award', '--member', ava, '--txn', 'z1', '--points', '3', '--txn-scope', 'business-day', '--tz', 'Pacific/Auckland'], env({ TZ: 'Pacific/Auckland' }));
    expect(first.code).toBe(0);
    // Another process, another TZ, no keying flags: same key, so a duplicate, never a second award.
    const follower = await cli(['award', '--member', ava, '--txn', 'z1', '--points', '3'], env({ TZ: 'America/Los_Angeles' }));
    expect(follower.code).toBe(0);
    expect(follower.json).toMatchObject({ status: 'duplicate' });
    const other = await cli(['award', '--member', ava, '--txn', 'z2', '--points', '3', '--tz', 'local'], env({ TZ: 'America/Los_Angeles' }));
    expect(other.code).toBe(78);
    expect(other.stderr).toContain('time zone is Pacific/Auckland in the journal but America/Los_Angeles here');
    const scope = await cli(['award', '--member', ava, '--txn', 'z3', '--points', '3', '--txn-scope', 'forever']);
    expect(scope.code).toBe(78);
    expect(scope.stderr).toContain('id scope is business-day in the journal but forever here');
    expect(ours('z1')).toBe(1);
    expect(ours('z2') + ours('z3')).toBe(0);
    const j = openJournal({ path: fx.dir.file() });
    expect(j.keying()).toMatchObject({ idScope: 'business-day', timeZone: 'Pacific/Auckland', dayStart: '04:00' });
    j.close();
  });
});

describe('one sale, two tills (item 9)', () => {
  it('till 2 (own journal) whose send fails is verified against till 1’s entry and never awards it again', async () => {
    const t1 = await cli(['award', '--member', ava, '--txn', 's1', '--points', '7']);
    expect(t1.code).toBe(0);
    // Till 2's POST dies after the server applied nothing it can see; its read-back finds till 1's entry.
    fx.sandbox.setFaults([{ route: 'POST /members/:id/points', kind: 'error5xx', status: 503, probability: 1 }]);
    const t2env = env({ TILL_ID: 'T2', TILL_JOURNAL: join(fx.dir.dir, 'till2.sqlite'), TILL_SETTLE_MS: '4000' });
    const pending = await cli(['award', '--member', ava, '--txn', 's1', '--points', '7'], t2env);
    expect(pending.code).toBe(3);
    fx.sandbox.setFaults([]);
    const recovered = await cli(['recover'], t2env);
    expect(recovered.code).toBe(0);
    expect(ours('s1')).toBe(1);
    const j = openJournal({ path: join(fx.dir.dir, 'till2.sqlite') });
    expect(j.listUnfinished()).toEqual([]);
    expect(j.query({ limit: 5 }).rows[0]).toMatchObject({ state: 'confirmed', tillId: 'T2' });
    j.close();
  });
});

describe('a restored journal (item 10)', () => {
  it('awarded offline, backed up, sent, restored, recovered again: read back first, awarded once', async () => {
    const offline = await cli(['award', '--member', ava, '--txn', 'r1', '--points', '4'], env({ SOCIALHUB_BASE_URL: await closedPortUrl() }));
    expect(offline.code).toBe(3);
    copyFileSync(fx.dir.file(), `${fx.dir.file()}.bak`); // the nightly backup, while the award is queued
    expect((await cli(['recover'])).code).toBe(0);
    expect(ours('r1')).toBe(1);
    for (const s of ['-wal', '-shm']) rmSync(fx.dir.file() + s, { force: true });
    copyFileSync(`${fx.dir.file()}.bak`, fx.dir.file()); // restored: the award is queued again
    const again = await cli(['recover']);
    expect(again.code).toBe(0);
    expect(ours('r1')).toBe(1);
    const j = openJournal({ path: fx.dir.file() });
    const row = j.query({ limit: 1 }).rows[0];
    expect(row).toMatchObject({ state: 'confirmed', attemptCount: 1 }); // only the refused offline try: nothing sent after the restore
    expect(j.events(row?.id ?? 0).some((e) => e.detail?.includes('may be a copy'))).toBe(true);
    j.close();
  });
});
