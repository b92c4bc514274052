import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storesPageSchema } from '../../shared/api/schemas.ts';
import { parseCliArgs } from './cli.ts';
import { DEMO } from './server.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
// The project's Node 24 (the system `node` may be older and cannot strip types).
const node = join(repoRoot, 'node_modules', '.bin', 'node');
const cli = join(repoRoot, 'electron', 'sandbox', 'cli.ts');
const children: ChildProcessWithoutNullStreams[] = [];

function run(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(node, [cli, ...args], { cwd: repoRoot });
  children.push(child);
  return child;
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

describe('sandbox CLI', () => {
  it('prints the five lines first, serves the API, and exits cleanly on SIGTERM', async () => {
    const child = run(['--port', '0', '--seed', '5', '--rate', '100:50']);
    const done = exited(child);
    const lines = await new Promise<string[]>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const all = out.split('\n');
        if (all.length > 5) resolve(all.slice(0, 5));
      });
      child.on('close', () => reject(new Error(`exited early: ${out}`)));
    });
    const env = Object.fromEntries(lines.map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    expect(Object.keys(env)).toEqual(['SANDBOX_URL', 'SANDBOX_WRITE_KEY', 'SANDBOX_READ_KEY', 'SANDBOX_OTHER_TENANT_KEY', 'SANDBOX_ADMIN_TOKEN']);
    expect(env.SANDBOX_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/);
    expect(env.SANDBOX_WRITE_KEY).toMatch(/^fl_test_/);

    const stores = await fetch(`${env.SANDBOX_URL}/stores`, { headers: { Authorization: `Bearer ${env.SANDBOX_WRITE_KEY}` } });
    expect(storesPageSchema.parse(await stores.json()).stores[0]?.id).toBe(DEMO.storeId);
    const readWrite = await fetch(`${env.SANDBOX_URL}/coupons/${DEMO.activeCoupons[0]}/redeem`, { method: 'POST', headers: { Authorization: `Bearer ${env.SANDBOX_READ_KEY}` } });
    expect(readWrite.status).toBe(403);
    const origin = new URL(env.SANDBOX_URL!).origin;
    const rate = await fetch(`${origin}/__sandbox/rate-limit`, { headers: { Authorization: `Bearer ${env.SANDBOX_ADMIN_TOKEN}` } });
    expect(await rate.json()).toEqual({ capacity: 100, refillPerSecond: 50 });

    child.kill('SIGTERM');
    const { code, stdout, stderr } = await done;
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual(lines);
    expect(stderr).toMatch(/listening on/);
  });

  it.each([
    [['--port', 'abc'], /--port/],
    [['--bogus'], /bogus/],
  ])('bad flags %j: one line on stderr, exit 2', async (args, message) => {
    const { code, stdout, stderr } = await exited(run(args));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('parseCliArgs maps every flag', () => {
    expect(parseCliArgs(['--port', '8123', '--seed=-3', '--persist', 'x.json', '--rate', '5:2.5', '--admin-token', 'tok-12345', '--ledger-lag', '250', '--quiet'])).toEqual({
      port: 8123,
      seed: -3,
      persistPath: 'x.json',
      rateLimit: { capacity: 5, refillPerSecond: 2.5 },
      adminToken: 'tok-12345',
      ledgerLagMs: 250,
      quiet: true,
    });
    expect(() => parseCliArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--rate', '10'])).toThrow(/--rate/);
    expect(() => parseCliArgs(['--rate', '0:5'])).toThrow(/--rate/);
    expect(() => parseCliArgs(['--seed', '1.5'])).toThrow(/--seed/);
    expect(() => parseCliArgs(['--ledger-lag', '-1'])).toThrow();
    expect(() => parseCliArgs(['stray'])).toThrow(/stray/);
    expect(() => parseCliArgs(['--admin-token', 'short'])).toThrow(/--admin-token/);
  });
});
