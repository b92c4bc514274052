/** Spawning the real CLI (the bin launcher, under the repo's Node 24) for the CLI's tests. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
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
