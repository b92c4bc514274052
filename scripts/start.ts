/**
 * `npm start`: the app in Electron (`electron-forge start`). Installs run without Electron's
 * download script, so on a first start the binary is usually missing: then Electron's own
 * installer runs (`node node_modules/electron/install.js`), and only if that fails does the same
 * app core start in the dev web host on the embedded sandbox, for a browser, with one line saying
 * why. `require('electron')` is deliberately not used to probe: it throws a stack at the user.
 *
 * Web host fallback: data in $TILL_DATA_DIR or ~/.config/socialhub-till-web (kept between runs),
 * renderer rebuilt when stale; pass `-- --port N` for a fixed port.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseServeArgs, serve } from '../electron/web-host/serve.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The Electron executable the `electron` package would run, if it is present and starts. */
export function electronBinary(root = ROOT, env: NodeJS.ProcessEnv = process.env): string | null {
  const pkg = path.join(root, 'node_modules', 'electron');
  let relative = 'electron';
  try {
    relative = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
  } catch {
    if (env.ELECTRON_OVERRIDE_DIST_PATH === undefined) return null; // never installed (downloads are off here)
  }
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH !== undefined ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(pkg, 'dist', relative);
  if (!fs.existsSync(binary)) return null;
  // Present is not enough: a binary missing its system libraries fails here, not in front of the user.
  const probe = spawnSync(binary, ['--version'], { timeout: 15_000, stdio: 'ignore', env: { ...env, ELECTRON_RUN_AS_NODE: '1' } });
  return probe.status === 0 ? binary : null;
}

/** What `npm start` does next, from what it has found out so far. */
export type StartStep = { readonly kind: 'electron'; readonly binary: string } | { readonly kind: 'install'; readonly installer: string } | { readonly kind: 'web'; readonly why: string };

export interface StartFacts {
  /** A working Electron binary, or null. */
  readonly binary: string | null;
  /** Electron's installer (node_modules/electron/install.js), or null when the package is absent. */
  readonly installer: string | null;
  /** Not run yet, or how it went: ok, or the first line of its error. */
  readonly install: 'not-run' | { readonly ok: true } | { readonly ok: false; readonly error: string };
}

export function nextStartStep(facts: StartFacts): StartStep {
  if (facts.binary !== null) return { kind: 'electron', binary: facts.binary };
  if (facts.installer === null) return { kind: 'web', why: 'the electron package is not installed (run npm install)' };
  if (facts.install === 'not-run') return { kind: 'install', installer: facts.installer };
  if (!facts.install.ok) return { kind: 'web', why: `Electron's installer failed: ${facts.install.error}` };
  return { kind: 'web', why: "Electron installed but its binary does not start here (missing system libraries or no display?)" };
}

/** The one line `npm start` prints before the web host's URL. */
export function fallbackLine(why: string): string {
  return `No Electron app here (${why}); starting the web host instead — open this URL in Chromium:`;
}

/** Runs Electron's installer under this Node; its first error line, not its stack, is what the user gets. */
export function runElectronInstaller(installer: string, env: NodeJS.ProcessEnv = process.env): { ok: true } | { ok: false; error: string } {
  process.stderr.write("Electron's binary is missing; downloading it with Electron's installer…\n");
  const r = spawnSync(process.execPath, [installer], { env, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'], timeout: 15 * 60_000 });
  if (r.status === 0) return { ok: true };
  const lines = (r.stderr ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at '));
  const error = r.error?.message ?? lines[0] ?? `exit code ${String(r.status ?? r.signal)}`;
  return { ok: false, error: error.length > 160 ? `${error.slice(0, 157)}…` : error };
}

function dataDir(): string {
  if (process.env.TILL_DATA_DIR !== undefined && path.isAbsolute(process.env.TILL_DATA_DIR)) return process.env.TILL_DATA_DIR;
  const config = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  return path.join(config, 'socialhub-till-web');
}

async function main(): Promise<void> {
  const installerPath = path.join(ROOT, 'node_modules', 'electron', 'install.js');
  let facts: StartFacts = { binary: electronBinary(), installer: fs.existsSync(installerPath) ? installerPath : null, install: 'not-run' };
  let step = nextStartStep(facts);
  if (step.kind === 'install') {
    facts = { ...facts, install: runElectronInstaller(step.installer) };
    facts = { ...facts, binary: electronBinary() };
    step = nextStartStep(facts);
  }
  if (step.kind === 'electron') {
    const forge = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-forge.cmd' : 'electron-forge');
    const child = spawn(forge, ['start', ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT });
    child.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  if (step.kind !== 'web') throw new Error(`unexpected start step ${step.kind}`);
  const options = parseServeArgs(process.argv.slice(2));
  const dir = options.dataDir ?? dataDir();
  process.stderr.write(`${fallbackLine(step.why)}\n`);
  const { host, stop } = await serve({ ...options, dataDir: dir });
  process.stderr.write(`\n    ${host.tillUrl}\n\n(data folder: ${dir}; Ctrl+C stops the till)\n`);
  const shutdown = (): void => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    process.stderr.write(`The till could not start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
