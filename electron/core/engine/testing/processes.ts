/** Spawning till worker processes on the repo's Node (≥ 22: node:sqlite, type stripping). */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { WorkerSpec } from './worker.ts';

const WORKER = join(import.meta.dirname, 'worker.ts');

/** This Node if it is new enough (vitest via npx runs the repo's), else the repo's own binary. */
export function nodeBinary(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const local = resolve(import.meta.dirname, '../../../../node_modules/.bin/node');
  if (!existsSync(local)) throw new Error('Node ≥ 22 is needed for the worker processes (node_modules/.bin/node is missing)');
  return local;
}

export interface Worker {
  proc: ChildProcessWithoutNullStreams;
  lines: string[];
  /** Resolves with the first line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function spawnWorker(spec: WorkerSpec, specPath: string): Worker {
  writeFileSync(specPath, JSON.stringify(spec));
  // A shared compile cache: a restarted till loads its modules much faster the second time.
  const env = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'socialhub-till-node-cache') };
  const proc = spawn(nodeBinary(), [WORKER, specPath], { stdio: 'pipe', env });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  createInterface({ input: proc.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) => {
    proc.once('exit', (code, signal) => res({ code, signal, stderr }));
  });
  return {
    proc,
    lines,
    exited,
    waitFor: (pattern) => {
      const seen = lines.find((l) => pattern.test(l));
      return seen !== undefined ? Promise.resolve(seen) : new Promise((res) => waiters.push({ pattern, resolve: res }));
    },
  };
}
