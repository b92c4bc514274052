/**
 * The installed CLI on a Node.js without node:sqlite (22.12 and 23.0–23.3 keep it behind a flag;
 * `--no-experimental-sqlite` turns it off on this one, which is how the test gets there): one line
 * saying what to install, a failure exit, never the module loader's stack trace. A real process.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NODE, REPO } from './testing/cli-runner.ts';

const run = promisify(execFile);
const MAIN = path.join(REPO, 'electron', 'cli', 'main.ts');

describe('the CLI where node:sqlite is missing', () => {
  it('says in one line which Node.js it needs and exits 1, without a stack trace', async () => {
    const failed = await run(NODE, ['--no-experimental-sqlite', MAIN, '--help']).then(
      () => null,
      (e: unknown) => e as { code: number; stdout: string; stderr: string },
    );
    expect(failed).not.toBeNull();
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed?.stderr).toMatch(/^socialhub-till: this Node\.js \(v[\d.]+\) has no node:sqlite.*22\.13/);
    expect(failed?.stderr).not.toMatch(/ERR_UNKNOWN_BUILTIN_MODULE|\n\s+at /);
  });

  it('holds: with node:sqlite there, --help works as before', async () => {
    const ok = await run(NODE, [MAIN, '--help']);
    expect(ok.stdout).toContain('socialhub-till');
  });
});
