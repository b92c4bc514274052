/**
 * ERP exports through the CLI, including the hard case: the process SIGKILLed mid-export and
 * run again. The result must hold every row exactly once, checked against the sandbox's data.
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSocialHubClient } from '../core/api/index.ts';
import type { SocialHubClient } from '../core/api/index.ts';
import { checkpointPath, parseCsv } from '../core/export/index.ts';
import { checkShape, cleanEnv, collect, runChecked, startCli, useCliSandbox } from './testing/cli-runner.ts';

const fx = useCliSandbox('cli-export-');
const SINCE = '2025-06-01';
let read: SocialHubClient;

beforeAll(() => {
  read = createSocialHubClient({ baseUrl: fx.sandbox.url, apiKey: fx.sandbox.keys.read });
});

const env = (): NodeJS.ProcessEnv => cleanEnv({ SOCIALHUB_BASE_URL: fx.sandbox.url, SOCIALHUB_READ_KEY: fx.sandbox.keys.read, TILL_TZ: 'UTC' });

async function activeIds(): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await read.listMembers({ status: 'active', limit: 200, offset });
    if (!page.ok) throw new Error(page.failure.message);
    ids.push(...page.value.members.map((m) => m.id));
    if (offset + 200 >= page.value.total) return ids;
  }
}

/** Waits until the checkpoint says `ready`, then SIGKILLs the child. */
async function killWhen(args: string[], file: string, ready: (cp: { rows: number; position: Record<string, unknown> }) => boolean): Promise<void> {
  const child = startCli(args, env());
  const done = collect(child);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('export never reached the kill point');
    try {
      const cp = JSON.parse(fs.readFileSync(checkpointPath(file), 'utf8')) as { rows: number; position: Record<string, unknown> };
      if (ready(cp)) break;
    } catch {
      // not written yet, or caught mid-rename
    }
    await sleep(20);
  }
  child.kill('SIGKILL');
  const run = await done;
  expect(run.signal).toBe('SIGKILL');
}

describe('export through the CLI', () => {
  it('ledger: SIGKILL mid-export, run again, every entry since the date exactly once', async () => {
    const file = fx.dir.file('ledger.csv');
    const args = ['export', 'ledger', '--since', SINCE, '--csv', file, '--rate', '90', '--burst', '5'];
    await killWhen(args, file, (cp) => Number(cp.position.memberIndex) >= 80);
    expect(fs.existsSync(checkpointPath(file))).toBe(true);

    const run = await runChecked(args, env());
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ export: 'ledger', resumed: true, members: (await activeIds()).length });
    expect(run.stderr).toMatch(/export ledger: .* ETA/);

    const ids = parseCsv(fs.readFileSync(file, 'utf8')).slice(1).map((r) => r[1]!);
    expect(new Set(ids).size).toBe(ids.length);
    const since = Date.parse(`${SINCE}T00:00:00Z`);
    const expected = (await activeIds()).flatMap((m) => fx.sandbox.ledger(m).filter((t) => Date.parse(t.createdAt) >= since).map((t) => t.id));
    expect(ids.length).toBe(expected.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(run.json!.rows).toBe(expected.length);
    expect(fs.existsSync(checkpointPath(file))).toBe(false);
    // paging never asked for more than 200
    expect(fx.sandbox.audit().every((e) => Number(new URL(e.path, 'http://x').searchParams.get('limit') ?? 0) <= 200)).toBe(true);
  }, 60_000);

  it('roster: SIGKILL mid-export, run again, each member once; a finished file is not overwritten', async () => {
    const file = fx.dir.file('roster.csv');
    const args = ['export', 'roster', '--csv', file, '--page-size', '20', '--rate', '15', '--burst', '1'];
    await killWhen(args, file, (cp) => cp.rows >= 100);
    const run = await runChecked(args, env());
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ resumed: true });
    const ids = parseCsv(fs.readFileSync(file, 'utf8')).slice(1).map((r) => r[0]);
    expect(ids).toEqual(await activeIds());

    const again = await runChecked(args, env());
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--overwrite/);
  }, 60_000);

  it('SIGINT stops cleanly: exit 130, one line, the checkpoint kept for a resume', async () => {
    const file = fx.dir.file('ledger.csv');
    const child = startCli(['export', 'ledger', '--since', SINCE, '--csv', file, '--rate', '40', '--burst', '1'], env());
    const done = collect(child);
    while (!fs.existsSync(checkpointPath(file)) || Number((JSON.parse(fs.readFileSync(checkpointPath(file), 'utf8')) as { position: { memberIndex: number } }).position.memberIndex) < 5) {
      await sleep(20);
    }
    child.kill('SIGINT');
    const run = await done;
    checkShape(run);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/interrupted/);
    expect(fs.existsSync(checkpointPath(file))).toBe(true);
  }, 30_000);
});
