/**
 * `npm start` on a machine without an Electron binary falls back to the web host; with a working
 * binary it would hand over to electron-forge. The probe never downloads anything.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary } from './start.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'till-start-'));
  dirs.push(d);
  return d;
}

describe('electronBinary', () => {
  it('finds none when the electron package has no downloaded binary', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'node_modules', 'electron'), { recursive: true });
    expect(electronBinary(root, {})).toBeNull();
  });

  it('accepts a binary only if it actually runs', () => {
    const root = tempDir();
    const dist = path.join(root, 'node_modules', 'electron', 'dist');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    expect(electronBinary(root, {})).toBe(path.join(dist, 'electron'));
    fs.writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\nexit 127\n', { mode: 0o755 });
    expect(electronBinary(root, {})).toBeNull();
  });
});

describe('npm start without Electron', () => {
  it('says so and serves the app from the web host', async () => {
    const dataDir = tempDir();
    const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'node'), [path.join(ROOT, 'scripts', 'start.ts'), '--renderer-dir', path.join(ROOT, 'electron', 'web-host', 'testing', 'fixtures')], {
      cwd: ROOT,
      env: { ...process.env, TILL_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        proc.stderr.on('data', (c: Buffer) => {
          stderr += c.toString();
          const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(stderr);
          if (m?.[1] !== undefined) resolve(m[1]);
        });
        proc.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
      });
      expect(stderr).toContain('No Electron binary on this machine; starting the web host instead — open this URL in Chromium');
      expect((await fetch(new URL('/', url))).status).toBe(200);
      expect(fs.existsSync(path.join(dataDir, 'journal.sqlite'))).toBe(true);
    } finally {
      const exited = new Promise((resolve) => proc.on('exit', resolve));
      proc.kill('SIGTERM');
      await exited;
    }
    expect(fs.existsSync(path.join(dataDir, 'journal.sqlite'))).toBe(true); // npm start keeps its data
  }, 60_000);
});
