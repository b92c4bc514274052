/**
 * The web host for the UI benches: `electron/web-host/serve.ts` (what `npm run e2e:serve` runs) in
 * its own process, as Electron main is its own process, on a data folder the bench prepared. The
 * renderer is served from a private copy (or a private build when the shared one is stale), so a
 * rebuild by someone else mid-run cannot pull files from under the page.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { buildRenderer, rendererBuildStale, rendererSourcesExist, RENDERER_OUT_DIR, PROJECT_ROOT } from '../../../electron/web-host/renderer-build.ts';

const SERVE = path.join(PROJECT_ROOT, 'electron', 'web-host', 'serve.ts');
const START_TIMEOUT_MS = 90_000;

export interface SpawnedHost {
  tillUrl: string;
  /** http://127.0.0.1:<port>/api/v2 */
  sandboxUrl: string;
  sandboxOrigin: string;
  readKey: string;
  adminToken: string;
  pid: number;
  /** What the host wrote on stderr (last 100 KB). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * A renderer build in `into`: a copy of the shared build when it is up to date, else a fresh
 * build of the current sources. Returns what was done, for the report.
 */
export async function privateRendererBuild(into: string): Promise<string> {
  if (!rendererSourcesExist()) throw new Error('there is no renderer (renderer/index.html is missing)');
  const stale = rendererBuildStale();
  if (stale === null) {
    fs.cpSync(RENDERER_OUT_DIR, into, { recursive: true });
    return 'copy of the up-to-date shared build';
  }
  const t = Date.now();
  await buildRenderer(PROJECT_ROOT, into);
  return `built afresh (${stale}) in ${((Date.now() - t) / 1000).toFixed(1)} s`;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Starts `serve.ts` on `dataDir` (preset to sandbox mode, demo store, till T1 when it has no settings yet). */
export async function spawnWebHost(options: { dataDir: string; rendererDir: string; managerPin: string }): Promise<SpawnedHost> {
  const args = [SERVE, '--data-dir', options.dataDir, '--port', '0', '--manager-pin', options.managerPin, '--renderer-dir', options.rendererDir];
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const values = new Map<string, string>();
  const want = ['TILL_URL', 'SANDBOX_URL', 'SANDBOX_READ_KEY', 'SANDBOX_ADMIN_TOKEN'];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the web host printed no ${want.filter((k) => !values.has(k)).join(', ')} within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      createInterface({ input: child.stdout }).on('line', (text) => {
        const m = /^([A-Z_]+)=(\S+)$/.exec(text.trim());
        if (m?.[1] !== undefined && m[2] !== undefined) values.set(m[1], m[2]);
        if (want.every((k) => values.has(k))) {
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
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n--- web host stderr ---\n${stderr.slice(-3000)}`, { cause: e });
  }
  const sandboxUrl = values.get('SANDBOX_URL') ?? '';
  return {
    tillUrl: values.get('TILL_URL') ?? '',
    sandboxUrl,
    sandboxOrigin: new URL(sandboxUrl).origin,
    readKey: values.get('SANDBOX_READ_KEY') ?? '',
    adminToken: values.get('SANDBOX_ADMIN_TOKEN') ?? '',
    pid: child.pid ?? -1,
    log: () => stderr,
    stop: () => stopChild(child),
  };
}

/** The sandbox's admin surface (electron/sandbox/README.md), over HTTP: the sandbox lives in the host process. */
export function sandboxAdmin(host: Pick<SpawnedHost, 'sandboxOrigin' | 'adminToken'>) {
  const call = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${host.sandboxOrigin}/__sandbox/${route}`, {
      method,
      headers: { authorization: `Bearer ${host.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox admin ${method} /__sandbox/${route} → HTTP ${res.status}: ${text.slice(0, 300)}`);
    return (text === '' ? null : JSON.parse(text)) as T;
  };
  return {
    setFaults: (faults: unknown[]) => call<unknown>('PUT', 'faults', { faults }),
    clearFaults: () => call<unknown>('DELETE', 'faults'),
    audit: async (since?: Date) =>
      (await call<{ entries: { at: string; method: string; path: string; status: number; latencyMs: number }[] }>('GET', `audit${since === undefined ? '' : `?since=${encodeURIComponent(since.toISOString())}`}`)).entries,
  };
}
