/**
 * The CLI as an OMS/ERP host installs it: `npm pack` (which builds the plain-JS CLI), install the
 * tarball into an empty folder, run `npx socialhub-till award` against the sandbox over HTTP.
 * Real processes throughout; slow on a first run while npm fills its cache.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDescription } from '../../shared/ledger/sale-token.ts';
import { DEMO } from '../sandbox/server.ts';
import { checkShape, collect, expectNoKeys, NODE, REPO, useCliSandbox } from './test-support.ts';
import { spawn } from 'node:child_process';

const run = promisify(execFile);
const fx = useCliSandbox('cli-pack-');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'till-pack-'));
const job = path.join(work, 'oms-job');
/** Node ≥ 22 first on PATH (the system one may be older), so npm, npx and the bin all run on it. */
const nodeDir = path.join(work, 'node-bin');
const PATH = `${nodeDir}${path.delimiter}${process.env.PATH ?? ''}`;
let tarball = '';

beforeAll(async () => {
  fs.mkdirSync(nodeDir);
  fs.symlinkSync(fs.realpathSync(NODE), path.join(nodeDir, 'node'));
  const packed = await run('npm', ['pack', '--pack-destination', work, '--json'], { cwd: REPO, env: { ...process.env, PATH }, maxBuffer: 16 << 20 });
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info?.filename ?? 'missing.tgz');
  fs.mkdirSync(job);
  fs.writeFileSync(path.join(job, 'package.json'), JSON.stringify({ name: 'oms-job', private: true }));
  await run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: job, env: { ...process.env, PATH } });
}, 600_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the packed CLI', () => {
  it('ships plain JavaScript only: the built CLI, no TypeScript sources, no tests', async () => {
    const listed = await run('tar', ['-tzf', tarball]);
    const files = listed.stdout.trim().split('\n');
    expect(files).toContain('package/dist/cli/electron/cli/main.js');
    expect(files.filter((f) => f.endsWith('.ts') || f.includes('.test.') || f.includes('test-support'))).toEqual([]);
    const installed = path.join(job, 'node_modules', 'socialhub-till');
    expect(fs.readFileSync(path.join(installed, 'dist/cli/electron/cli/main.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const imported = await run(fs.realpathSync(NODE), ['--input-type=module', '-e', "const m = await import('socialhub-till'); console.log(typeof m.runCli)"], { cwd: job });
    expect(imported.stdout.trim()).toBe('function');
  });

  it('awards exactly once with `npx socialhub-till award` against the sandbox', async () => {
    const env = fx.writeEnv('T8', 2000, { PATH });
    const npx = (args: string[]) => collect(spawn('npx', ['--no-install', 'socialhub-till', ...args], { cwd: job, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    const first = await npx(['award', '--member', DEMO.goldMember, '--txn', 'PACK-1', '--points', '40']);
    checkShape(first);
    expectNoKeys(first, fx.sandbox);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ status: 'confirmed' });
    const again = await npx(['award', '--member', DEMO.goldMember, '--txn', 'PACK-1', '--points', '40']);
    expect(again.json).toMatchObject({ status: 'duplicate' });
    const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T8', posTxnId: 'PACK-1' });
    expect(fx.sandbox.ledger(DEMO.goldMember).filter((t) => t.description === description)).toHaveLength(1);
    expect(fs.existsSync(fx.dir.file())).toBe(true); // the journal the job keeps between runs
  });
});
