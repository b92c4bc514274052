/**
 * The CLI as a child process against the sandbox and a temp journal: configuration and flag
 * errors, the read commands (stores, journal, reconcile JSON + CSV). Write commands are in
 * cli-write.test.ts, exports and the SIGKILL resume in cli-export.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reconcileReportSchema } from '../../shared/ipc/schemas/till.ts';
import { formatDescription } from '../../shared/ledger/sale-token.ts';
import { createSocialHubClient } from '../core/api/index.ts';
import { parseCsv } from '../core/export/index.ts';
import { openJournal } from '../core/journal/index.ts';
import { businessDateAt, DEFAULT_DAY_START } from '../../shared/time/business-day.ts';
import { awardVia, markConfirmed, markSending, purchase, recordAward } from '../core/reconcile/testing/journal-rows.ts';
import { DEMO } from '../sandbox/server.ts';
import { checkShape, cleanEnv, expectNoKeys, runChecked, runCli, runCliWithInput, useCliSandbox } from './testing/cli-runner.ts';
import type { CliRun } from './testing/cli-runner.ts';

const fx = useCliSandbox('cli-test-');

const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv =>
  cleanEnv({ SOCIALHUB_BASE_URL: fx.sandbox.url, SOCIALHUB_READ_KEY: fx.sandbox.keys.read, TILL_JOURNAL: fx.dir.file(), TILL_STORE_ID: DEMO.storeId, TILL_ID: 'T3', ...extra });

async function cli(args: string[], e: NodeJS.ProcessEnv = env()): Promise<CliRun> {
  const run = await runChecked(args, e);
  expectNoKeys(run, fx.sandbox);
  return run;
}

describe('flags and configuration', () => {
  it('prints help for the CLI and for each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const name of ['award', 'clawback', 'redeem', 'recover', 'journal', 'reconcile', 'stores', 'export roster', 'export ledger']) expect(top.stdout).toContain(name);
    for (const args of [['award', '--help'], ['reconcile', '-h'], ['export', 'ledger', '--help'], ['export', '--help']]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^usage: socialhub-till/);
    }
    expect((await cli([])).code).toBe(2);
  });

  it('bad flags and unknown commands exit 2 with one line', async () => {
    const cases: [string[], RegExp][] = [
      [['stores', '--nope'], /Unknown option '--nope'/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['export', 'everything', '--csv', 'x'], /unknown command/],
      [['journal', '--limit', 'lots'], /--limit must be a whole number/],
      [['journal', '--state', 'happy'], /--state: unknown value "happy"/],
      [['reconcile', '--date', '2026-02-30'], /real date/],
      [['reconcile', '--tz', 'Mars/Base'], /unknown time zone/],
      [['export', 'ledger', '--csv', 'x.csv', '--since', 'yesterday'], /--since must be/],
      [['export', 'roster'], /--csv <file> is required/],
      [['stores', '--rate', '0'], /--rate must be a number above 0/],
      [['stores', '--txn-scope', 'weekly'], /--txn-scope must be forever or business-day/],
      [['stores', '--store', 'st 1'], /--store must be/],
      [['award', '--member', 'mb_x', '--txn', '1'], /give --points N or --total AMOUNT|key is required/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.json).toMatchObject({ ok: false, exitCode: 2 });
    }
  });

  it('refuses a plain-http base URL that is not loopback, before any request', async () => {
    const run = await cli(['stores', '--base-url', 'http://flash.socialhub.ai/api/v2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/must use https/);
    expect(fx.sandbox.audit()).toHaveLength(0);
  });

  it('needs the read-only key for read jobs and says which flag or variable to set', async () => {
    const run = await cli(['stores'], env({ SOCIALHUB_READ_KEY: undefined, SOCIALHUB_API_KEY: fx.sandbox.keys.write }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SOCIALHUB_READ_KEY or --read-key-file FILE/);
    const bad = await cli(['stores'], env({ SOCIALHUB_READ_KEY: 'short' }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a usable API key/);
  });

  it('a key SocialHub refuses is a failure (exit 1), with the key masked', async () => {
    const run = await cli(['stores'], env({ SOCIALHUB_READ_KEY: 'fl_test_0000000000000000deadbeef' }));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/401/);
    expect(run.stdout + run.stderr).not.toContain('fl_test_0000000000000000deadbeef');
  });

  it('a key on the command line is refused, never echoed, and nothing is sent', async () => {
    for (const args of [
      ['stores', '--read-key', fx.sandbox.keys.read],
      ['stores', `--read-key=${fx.sandbox.keys.read}`],
      ['award', '--member', 'mb_x', '--txn', 'A1', '--points', '1', '--key', fx.sandbox.keys.write],
    ]) {
      const run = await cli(args); // cli() also checks that no key appears in stdout or stderr
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is not accepted: a key on the command line is visible to every user of this computer/);
    }
    expect(fx.sandbox.audit()).toHaveLength(0);
  });

  it('redacts fl_*_ values from every argument error (typos, stray values, bad ids)', async () => {
    const secret = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
    for (const args of [
      ['stores', '--kye', secret],
      ['stores', secret],
      ['stores', `--kye=${secret}`],
      ['journal', '--limit', secret],
      ['award', '--member', 'mb_x', '--txn', `${secret} 1`, '--points', '1'],
      [secret],
    ]) {
      const run = await runCli(args, env({ SOCIALHUB_API_KEY: fx.sandbox.keys.write }));
      checkShape(run);
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).not.toContain(secret.slice(8, 20));
    }
    const typo = await runCli(['stores', '--kye', secret], env());
    expect(typo.stderr).toMatch(/Unknown option '--kye'/);
    const stray = await runCli(['stores', secret], env());
    expect(stray.stderr).toContain('fl_live_[redacted]');
  });

  it('reads a key from a key file or from stdin', async () => {
    const keyFile = fx.dir.file('read.key');
    fs.writeFileSync(keyFile, `${fx.sandbox.keys.read}\n`, { mode: 0o600 });
    const fromFile = await cli(['stores', '--read-key-file', keyFile], env({ SOCIALHUB_READ_KEY: undefined }));
    expect(fromFile.code).toBe(0);
    const viaEnvFile = await cli(['stores'], env({ SOCIALHUB_READ_KEY: undefined, SOCIALHUB_READ_KEY_FILE: keyFile }));
    expect(viaEnvFile.code).toBe(0);

    const fromStdin = await runCliWithInput(['stores', '--read-key-file', '-'], env({ SOCIALHUB_READ_KEY: undefined }), `${fx.sandbox.keys.read}\n`);
    checkShape(fromStdin);
    expect(fromStdin.code).toBe(0);
    expect(fx.sandbox.audit().every((a) => a.keyId === 'key_demo_read')).toBe(true);
    expect(fx.sandbox.audit()).toHaveLength(3);

    const empty = await runCliWithInput(['stores', '--read-key-file', '-'], env({ SOCIALHUB_READ_KEY: undefined }), '\n');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--read-key-file: stdin holds no key/);
    const missing = await cli(['stores', '--read-key-file', fx.dir.file('nope.key')], env({ SOCIALHUB_READ_KEY: undefined }));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/could not be read \(ENOENT\)/);
    const both = await cli(['award', '--member', 'mb_x', '--txn', 'A1', '--points', '1', '--key-file', '-', '--read-key-file', '-']);
    expect(both.stderr).toMatch(/only one of --key-file and --read-key-file can read stdin/);
  });

  it('the launcher refuses a Node without type stripping in one line', async () => {
    let version = '';
    try {
      version = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      return; // no system node to try
    }
    const [major = 0, minor = 0] = version.slice(1).split('.').map(Number);
    if (major > 22 || (major === 22 && minor >= 18)) return; // the system node can run it
    const run = await runCli(['stores'], env(), 'node');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`socialhub-till: needs Node.js 22.18 or newer with TypeScript type stripping (this is ${version})\n`);
  });

  it('flags win over the environment', async () => {
    const run = await cli(['stores', '--base-url', fx.sandbox.url], env({ SOCIALHUB_BASE_URL: 'https://unreachable.invalid/api/v2' }));
    expect(run.code).toBe(0);
  });
});

describe('read commands', () => {
  it('stores: one JSON object with every store', async () => {
    const run = await cli(['stores']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ total: 4 });
    expect((run.json!.stores as { id: string }[]).map((s) => s.id)).toEqual(DEMO.storeIds);
  });

  it('journal: rows newest first, filtered, with stats; a missing journal is an error, not a new file', async () => {
    const missing = await cli(['journal']);
    expect(missing.code).toBe(1);
    expect(fs.existsSync(fx.dir.file())).toBe(false);
    const j = openJournal({ path: fx.dir.file() });
    const a = recordAward(j, purchase(DEMO.storeId, 'T3', 'J1'), DEMO.memberWithCoupons, 10);
    const b = recordAward(j, purchase(DEMO.storeId, 'T3', 'J2'), DEMO.memberWithCoupons, 20);
    markSending(j, b);
    markConfirmed(j, b);
    j.close();
    const all = await cli(['journal']);
    expect(all.code).toBe(0);
    expect((all.json!.rows as { id: number }[]).map((r) => r.id)).toEqual([b.id, a.id]);
    expect(all.json).toMatchObject({ total: 2, stats: { unfinished: 1 } });
    const queued = await cli(['journal', '--state', 'queued', '--limit', '1']);
    expect((queued.json!.rows as { id: number }[]).map((r) => r.id)).toEqual([a.id]);
  });

  it('reconcile: JSON report (schema-valid) and CSV, reading with the read key only', async () => {
    const write = createSocialHubClient({ baseUrl: fx.sandbox.url, apiKey: fx.sandbox.keys.write });
    const j = openJournal({ path: fx.dir.file() });
    await awardVia(j, write, purchase(DEMO.storeId, 'T3', 'R1'), DEMO.memberWithCoupons, 50);
    const miss = recordAward(j, purchase(DEMO.storeId, 'T3', 'R2'), DEMO.memberWithCoupons, 25);
    markSending(j, miss);
    markConfirmed(j, miss);
    j.close();
    const formula = formatDescription(purchase(DEMO.storeId, 'T3', 'R3'));
    expect((await write.postPoints(DEMO.memberWithCoupons, { amount: 5, description: formula })).ok).toBe(true);
    fx.sandbox.addFault({ route: 'GET /members/:id/points', kind: 'rateLimit', retryAfter: '1', count: 1 });

    const csv = fx.dir.file('reconcile.csv');
    const run = await cli(['reconcile', '--date', businessDateAt(Date.now(), DEFAULT_DAY_START, 'UTC'), '--tz', 'UTC', '--csv', csv]);
    expect(run.code).toBe(0);
    const report = reconcileReportSchema.parse(run.json);
    expect(report.totals).toMatchObject({ matched: 1, missing: 1, duplicated: 0, unexpected: 1, journalPoints: 75, serverPoints: 55 });
    expect(run.json).toMatchObject({ clean: false, csvFile: csv });
    expect(run.stderr).toMatch(/reconcile \d{4}-\d{2}-\d{2}: done/);
    const rows = parseCsv(fs.readFileSync(csv, 'utf8'));
    expect(rows.map((r) => r[0])).toEqual(['category', 'matched', 'missing_on_server', 'unexpected_on_server']);
    const reads = fx.sandbox.audit().filter((e) => e.keyId === 'key_demo_read');
    expect(reads.every((e) => e.method === 'GET')).toBe(true);
    expect(reads.some((e) => e.status === 429)).toBe(true);
  });

  it('reconcile: a member whose ledger cannot be read makes the report partial (exit 1)', async () => {
    const write = createSocialHubClient({ baseUrl: fx.sandbox.url, apiKey: fx.sandbox.keys.write });
    const j = openJournal({ path: fx.dir.file() });
    await awardVia(j, write, purchase(DEMO.storeId, 'T3', 'P1'), DEMO.memberWithCoupons, 50);
    j.close();
    fx.sandbox.addFault({ route: 'GET /members/:id/points', kind: 'error5xx', status: 500 });
    const run = await cli(['reconcile', '--tz', 'UTC']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/1 member\(s\) could not be read/);
    expect(reconcileReportSchema.parse(run.json).incomplete).toHaveLength(1);
  });
});
