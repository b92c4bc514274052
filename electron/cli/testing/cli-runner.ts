/** Spawning the real CLI (the bin launcher, under the repo's Node 24) for the CLI's tests, and their shared sandbox + temp journal setup. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { tempDir } from '../../core/journal/testing/fixtures.ts';
import type { TempDir } from '../../core/journal/testing/fixtures.ts';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import type { SandboxHandle } from '../../sandbox/server.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const NODE = path.join(REPO, 'node_modules/.bin/node');
export const BIN = path.join(REPO, 'bin/socialhub-till.js');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as the one JSON object every command prints (undefined for help text). */
  json: Record<string, unknown> | undefined;
}

/** Env for the child: nothing from ours that could configure it by accident. */
export function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC' };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function startCli(args: readonly string[], env: NodeJS.ProcessEnv, node = NODE): ChildProcess {
  return spawn(node, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, node = NODE): Promise<CliRun> {
  return collect(startCli(args, env, node));
}

/** As runCli, with `input` written to the child's stdin (then closed). */
export function runCliWithInput(args: readonly string[], env: NodeJS.ProcessEnv, input: string): Promise<CliRun> {
  const child = spawn(NODE, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(input);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      resolve({ code, signal, stdout, stderr, json });
    });
  });
}

/** The invariants of every run: at most one stdout line of JSON, never a stack trace, failures explained in one line. */
export function checkShape(run: CliRun): void {
  if (run.json !== undefined && run.stdout.trimEnd().includes('\n')) throw new Error(`more than one stdout line: ${run.stdout}`);
  if (/\n\s+at /.test(run.stderr)) throw new Error(`stack trace on stderr: ${run.stderr}`);
  if (run.code !== 0 && run.code !== null) {
    const failures = run.stderr.split('\n').filter((l) => l.startsWith('socialhub-till: '));
    if (failures.length !== 1) throw new Error(`expected one reason line on stderr, got: ${run.stderr}`);
  }
}

export interface CliSandbox {
  /** One sandbox for the test file, reset before each test. */
  readonly sandbox: SandboxHandle;
  /** A fresh temp folder per test (the journal lives in it). */
  readonly dir: TempDir;
  /** Env for a write command on till `tillId` of the demo store, with the write key and this test's journal. */
  writeEnv(tillId: string, requestTimeoutMs: number, extra?: Record<string, string | undefined>): NodeJS.ProcessEnv;
}

/** Registers the file's hooks: the sandbox for the whole file, a reset and a new temp folder (prefix `prefix`) for each test. Call at a test file's top level. */
export function useCliSandbox(prefix: string): CliSandbox {
  let sandbox: SandboxHandle | undefined;
  let dir: TempDir | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ quiet: true });
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => {
    sandbox?.reset();
    dir = tempDir(prefix);
  });
  afterEach(() => dir?.remove());
  const fx: CliSandbox = {
    get sandbox(): SandboxHandle {
      if (sandbox === undefined) throw new Error('the sandbox is only there inside the tests of a file that called useCliSandbox');
      return sandbox;
    },
    get dir(): TempDir {
      if (dir === undefined) throw new Error('the temp folder is only there inside a test of a file that called useCliSandbox');
      return dir;
    },
    writeEnv: (tillId, requestTimeoutMs, extra = {}) =>
      cleanEnv({
        SOCIALHUB_BASE_URL: fx.sandbox.url,
        SOCIALHUB_API_KEY: fx.sandbox.keys.write,
        TILL_JOURNAL: fx.dir.file(),
        TILL_STORE_ID: DEMO.storeId,
        TILL_ID: tillId,
        TILL_REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
        ...extra,
      }),
  };
  return fx;
}

/** runCli, then the invariants of checkShape. */
export async function runChecked(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  const run = await runCli(args, env);
  checkShape(run);
  return run;
}

/** No sandbox key (read, write, admin) anywhere in what the CLI printed. */
export function expectNoKeys(run: CliRun, sandbox: SandboxHandle): void {
  for (const key of Object.values(sandbox.keys)) expect(run.stdout + run.stderr).not.toContain(key);
}
