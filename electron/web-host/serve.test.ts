/**
 * `npm run e2e:serve` as a script sees it: a child process that prints exactly four lines on
 * stdout, serves until killed, and cleans up its temporary data folder.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServeArgs } from './serve.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node');
const FIXTURE_DIR = path.join(import.meta.dirname, 'testing', 'fixtures');

describe('parseServeArgs', () => {
  it('defaults to a fresh folder, any port, factory PIN state and a preset till', () => {
    expect(parseServeArgs([])).toEqual({ dataDir: null, port: 0, managerPin: undefined, settings: {}, build: false, rendererDir: null, preset: true });
    expect(parseServeArgs(['--data-dir', 'x', '--port', '8123', '--manager-pin', '123456', '--settings', '{"requestTimeoutMs":2000}', '--build', '--no-preset'])).toMatchObject({
      dataDir: path.resolve('x'),
      port: 8123,
      managerPin: '123456',
      settings: { requestTimeoutMs: 2000 },
      build: true,
      preset: false,
    });
  });

  it('refuses nonsense', () => {
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--manager-pin', '12345'])).toThrow('--manager-pin: A PIN is 6 to 12 digits.');
    expect(() => parseServeArgs(['--settings', '{"mode":"moon"}'])).toThrow(/--settings: mode/);
    expect(() => parseServeArgs(['--settings', 'nope'])).toThrow(/--settings/);
    expect(() => parseServeArgs(['--bogus'])).toThrow();
    expect(parseServeArgs(['--pos-link-port', '0']).posLinkPort).toBe(0);
    expect(parseServeArgs(['--policy', 'fleet/policy.json']).policyPath).toBe(path.resolve('fleet/policy.json'));
    expect(() => parseServeArgs(['--pos-link-port', '70000'])).toThrow(/--pos-link-port/);
  });
});

let child: ChildProcessByStdio<null, Readable, Readable> | null = null;
afterEach(() => {
  if (child !== null && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

describe('e2e:serve', () => {
  it('prints TILL_SETUP_CODE, TILL_URL, SANDBOX_URL, SANDBOX_READ_KEY, SANDBOX_ADMIN_TOKEN and serves until killed', async () => {
    const proc = spawn(NODE, [path.join(ROOT, 'electron', 'web-host', 'serve.ts'), '--renderer-dir', FIXTURE_DIR, '--manager-pin', '123456'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.split('\n').length > 6) resolve();
      });
      proc.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const all = stdout.trimEnd().split('\n');
    expect(all.map((l) => l.split('=')[0])).toEqual(['TILL_SETUP_CODE', 'TILL_LOG', 'TILL_URL', 'SANDBOX_URL', 'SANDBOX_READ_KEY', 'SANDBOX_ADMIN_TOKEN']);
    // What an operator notes at a first run; the --manager-pin preset was set with it.
    expect(all[0]).toMatch(/^TILL_SETUP_CODE=[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // The structured log, for checks after a flow.
    expect(fs.existsSync(all[1]!.slice('TILL_LOG='.length))).toBe(true);
    const lines = all.slice(2);
    const value = (i: number): string => lines[i]!.slice(lines[i]!.indexOf('=') + 1);
    const tillUrl = new URL(value(0));
    expect(tillUrl.hostname).toBe('127.0.0.1');
    expect(tillUrl.hash).toMatch(/^#token=[A-Za-z0-9_-]{16,}$/);
    expect(value(1)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v2$/);

    expect((await fetch(new URL('/', tillUrl))).status).toBe(200);
    expect((await fetch(`${value(1)}/stores?limit=1`, { headers: { authorization: `Bearer ${value(2)}` } })).status).toBe(200);
    const origin = new URL(value(1)).origin;
    expect((await fetch(`${origin}/__sandbox/fixtures`, { headers: { authorization: `Bearer ${value(3)}` } })).status).toBe(200);

    const folder = /data folder (\S+) \(removed on exit\)/.exec(stderr)?.[1];
    expect(folder).toBeDefined();
    expect(fs.existsSync(path.join(folder!, 'journal.sqlite'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(folder!, 'settings.json'), 'utf8'))).toMatchObject({ storeId: 'st_nyc_01', tillId: 'T1' });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(folder!)).toBe(false);
  }, 60_000);
});
