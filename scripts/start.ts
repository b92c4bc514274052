/**
 * `npm start`: the app in Electron when this machine has an Electron binary (`electron-forge
 * start`), otherwise the same app core in the dev web host on the embedded sandbox, for a
 * browser. `require('electron')` is deliberately not used to find out: it downloads the binary
 * when it is missing, which is exactly what this machine cannot do.
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

function dataDir(): string {
  if (process.env.TILL_DATA_DIR !== undefined && path.isAbsolute(process.env.TILL_DATA_DIR)) return process.env.TILL_DATA_DIR;
  const config = process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  return path.join(config, 'socialhub-till-web');
}

async function main(): Promise<void> {
  if (electronBinary() !== null) {
    const forge = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-forge.cmd' : 'electron-forge');
    const child = spawn(forge, ['start', ...process.argv.slice(2)], { stdio: 'inherit', cwd: ROOT });
    child.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  const options = parseServeArgs(process.argv.slice(2));
  const dir = options.dataDir ?? dataDir();
  process.stderr.write('No Electron binary on this machine; starting the web host instead — open this URL in Chromium:\n');
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
