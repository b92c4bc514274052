/**
 * The version a CLI support bundle reports, from where the CLI really runs: the sources, and the
 * packed layout (`node_modules/socialhub-till/dist/cli/electron/cli/commands/`), where the package's
 * package.json is two folders further up than in the sources. Real files in a temp folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliVersion } from './commands/support-bundle.ts';
import { REPO } from './testing/cli-runner.ts';

let dir = '';
afterEach(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('the version in a CLI support bundle', () => {
  it('is the package version when the CLI runs from the packed dist/ inside node_modules', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-version-'));
    const pkgDir = path.join(dir, 'oms-job', 'node_modules', 'socialhub-till');
    const commands = path.join(pkgDir, 'dist', 'cli', 'electron', 'cli', 'commands');
    fs.mkdirSync(commands, { recursive: true });
    fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'socialhub-till', version: '3.4.5' }));
    fs.writeFileSync(path.join(dir, 'oms-job', 'package.json'), JSON.stringify({ name: 'oms-job', version: '9.9.9' }));
    expect(cliVersion(commands)).toBe('3.4.5');
  });

  it('is the repository package version from the sources', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(cliVersion(path.join(REPO, 'electron', 'cli', 'commands'))).toBe(pkg.version);
    expect(cliVersion()).toBe(pkg.version);
  });

  it('says 0.0.0 rather than another package’s version when none is found', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-version-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'oms-job', version: '9.9.9' }));
    expect(cliVersion(dir)).toBe('0.0.0');
  });
});
