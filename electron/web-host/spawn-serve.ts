/**
 * Starts `serve.ts` (what `npm run e2e:serve` runs) in its own process and waits for its
 * TILL_URL / SANDBOX_URL / SANDBOX_READ_KEY / SANDBOX_ADMIN_TOKEN lines (and TILL_SETUP_CODE,
 * printed before them when that start issued one, and TILL_LOG, the structured log file). Dev/test only: the e2e
 * fixture's spawn mode and the UI benches share it, so the start-up contract is parsed in one place.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const SERVE = path.join(import.meta.dirname, 'serve.ts');
const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const WANT = ['TILL_URL', 'SANDBOX_URL', 'SANDBOX_READ_KEY', 'SANDBOX_ADMIN_TOKEN'] as const;

export interface ServedHost {
  tillUrl: string;
  /** http://127.0.0.1:<port>/api/v2 */
  sandboxUrl: string;
  sandboxReadKey: string;
  sandboxAdminToken: string;
  /** The set-up code the host printed (a new data folder), else null. */
  setupCode: string | null;
  /** The host's structured log file (TILL_LOG), else null. */
  logFile: string | null;
  pid: number;
  /** What the host wrote on stderr (the last 100 KB or so). */
  log(): string;
  stop(): Promise<void>;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** `args` are serve.ts flags (`--data-dir`, `--manager-pin`, …); `node` must be Node ≥ 22.18. */
export async function spawnServe(args: readonly string[], options: { node?: string; timeoutMs?: number } = {}): Promise<ServedHost> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = spawn(options.node ?? process.execPath, [SERVE, ...args], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const values = new Map<string, string>();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the web host printed no ${WANT.filter((k) => !values.has(k)).join(', ')} within ${timeoutMs / 1000} s`)), timeoutMs);
      createInterface({ input: child.stdout }).on('line', (text) => {
        const m = /^([A-Z_]+)=(\S+)$/.exec(text.trim());
        if (m?.[1] !== undefined && m[2] !== undefined) values.set(m[1], m[2]);
        if (WANT.every((k) => values.has(k))) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the web host exited (${signal ?? code}) before it was ready`));
      });
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } catch (e) {
    await stopChild(child);
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n--- web host stderr ---\n${stderr.slice(-4000)}`, { cause: e });
  }
  const get = (k: (typeof WANT)[number]): string => values.get(k) ?? '';
  return {
    tillUrl: get('TILL_URL'),
    sandboxUrl: get('SANDBOX_URL'),
    sandboxReadKey: get('SANDBOX_READ_KEY'),
    sandboxAdminToken: get('SANDBOX_ADMIN_TOKEN'),
    setupCode: values.get('TILL_SETUP_CODE') ?? null,
    logFile: values.get('TILL_LOG') ?? null,
    pid: child.pid ?? -1,
    log: () => stderr,
    stop: () => stopChild(child),
  };
}
