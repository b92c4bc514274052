/**
 * The web host for the UI benches: `electron/web-host/serve.ts` (what `npm run e2e:serve` runs) in
 * its own process, as Electron main is its own process, on a data folder the bench prepared. The
 * renderer is served from a private copy (or a private build when the shared one is stale), so a
 * rebuild by someone else mid-run cannot pull files from under the page.
 */
import fs from 'node:fs';
import { spawnServe } from '../../../electron/web-host/spawn-serve.ts';
import { buildRenderer, rendererBuildStale, rendererSourcesExist, RENDERER_OUT_DIR, PROJECT_ROOT } from '../../../electron/web-host/renderer-build.ts';

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

/** Starts `serve.ts` on `dataDir` (preset to sandbox mode, demo store, till T1 when it has no settings yet). */
export async function spawnWebHost(options: { dataDir: string; rendererDir: string; managerPin: string }): Promise<SpawnedHost> {
  const args = ['--data-dir', options.dataDir, '--port', '0', '--manager-pin', options.managerPin, '--renderer-dir', options.rendererDir];
  const host = await spawnServe(args, { timeoutMs: START_TIMEOUT_MS });
  return {
    tillUrl: host.tillUrl,
    sandboxUrl: host.sandboxUrl,
    sandboxOrigin: new URL(host.sandboxUrl).origin,
    readKey: host.sandboxReadKey,
    adminToken: host.sandboxAdminToken,
    pid: host.pid,
    log: () => host.log(),
    stop: () => host.stop(),
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
