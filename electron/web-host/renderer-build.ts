/**
 * The renderer build the web host serves: `vite build -c vite.renderer.config.ts`, output in
 * .vite/renderer/main_window (what the app:// protocol serves in Electron). Rebuilt when missing,
 * when any renderer or shared source is newer than it, or when asked (`--build`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, createLogger } from 'vite';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const RENDERER_OUT_DIR = path.join(PROJECT_ROOT, '.vite', 'renderer', 'main_window');
const SOURCES = ['renderer', 'shared', 'vite.renderer.config.ts', 'package.json'];
const SKIP = new Set(['node_modules', '.vite', 'dist']);

function newestMtime(p: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

/** Why the build must be (re)made, or null when it is up to date. */
export function rendererBuildStale(root = PROJECT_ROOT, outDir = RENDERER_OUT_DIR): string | null {
  const index = path.join(outDir, 'index.html');
  if (!fs.existsSync(index)) return 'no renderer build yet';
  const built = fs.statSync(index).mtimeMs;
  const changed = SOURCES.find((s) => newestMtime(path.join(root, s)) > built);
  return changed === undefined ? null : `${changed} changed since the last build`;
}

export function rendererSourcesExist(root = PROJECT_ROOT): boolean {
  return fs.existsSync(path.join(root, 'renderer', 'index.html'));
}

/** Builds the renderer in this process; Vite's output goes to stderr (stdout is for the URL lines). */
export async function buildRenderer(root = PROJECT_ROOT, outDir = RENDERER_OUT_DIR): Promise<string> {
  const logger = createLogger('warn');
  const write = (msg: string): void => void process.stderr.write(`${msg}\n`);
  await build({
    configFile: path.join(root, 'vite.renderer.config.ts'),
    customLogger: { ...logger, info: write, warn: write, warnOnce: write, error: write },
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

/** The build directory, (re)built first when stale or when `force`. */
export async function ensureRendererBuild(options: { force?: boolean; log?: (message: string) => void } = {}): Promise<string> {
  const why = options.force === true ? 'rebuild requested' : rendererBuildStale();
  if (why !== null) {
    if (!rendererSourcesExist()) throw new Error('There is no renderer to build yet (renderer/index.html is missing).');
    options.log?.(`Building the renderer (${why})…`);
    await buildRenderer();
  }
  return RENDERER_OUT_DIR;
}
