/**
 * `npm run e2e`: the Playwright QA suite's web target, headless. Builds the renderer first when
 * the build is missing or older than its sources (`npm run build:renderer`), then runs
 * `playwright test --project=web` and exits with Playwright's code. Extra arguments go to
 * Playwright (`npm run e2e -- --grep wedge`).
 *
 *   E2E_SKIP_BUILD=1   use whatever .vite/renderer/main_window holds
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { rendererBuildStale } from '../electron/web-host/renderer-build.ts';

const root = path.resolve(import.meta.dirname, '..');

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.error) throw r.error;
  return r.signal !== null ? 1 : (r.status ?? 1);
}

function main(): number {
  const why = process.env.E2E_SKIP_BUILD === '1' ? null : rendererBuildStale();
  if (why !== null) {
    console.log(`e2e: building the renderer (${why})…`);
    const code = run('npm', ['run', '-s', 'build:renderer']);
    if (code !== 0) return code;
  }
  // This Node (the project's 24, via npm) runs Playwright, so the in-process web host gets node:sqlite.
  const cli = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  return run(process.execPath, [cli, 'test', '--project=web', ...process.argv.slice(2)]);
}

process.exitCode = main();
