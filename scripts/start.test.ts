/**
 * `npm start`: with a working Electron binary it hands over to electron-forge; without one it runs
 * Electron's installer, and only when that fails (as here: no download is possible) falls back to
 * the web host, saying why in one line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinary, fallbackLine, nextStartStep, runElectronInstaller } from './start.ts';

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

describe('nextStartStep', () => {
  const installer = '/app/node_modules/electron/install.js';
  it('starts Electron when its binary works, installing nothing', () => {
    expect(nextStartStep({ binary: '/bin/electron', installer, install: 'not-run' })).toEqual({ kind: 'electron', binary: '/bin/electron' });
  });
  it("runs Electron's installer when the binary is missing", () => {
    expect(nextStartStep({ binary: null, installer, install: 'not-run' })).toEqual({ kind: 'install', installer });
  });
  it('starts Electron once the installer put a working binary in place', () => {
    expect(nextStartStep({ binary: '/bin/electron', installer, install: { ok: true } })).toEqual({ kind: 'electron', binary: '/bin/electron' });
  });
  it('falls back to the web host with the reason, never installing twice', () => {
    expect(nextStartStep({ binary: null, installer, install: { ok: false, error: 'TypeError: fetch failed' } })).toEqual({ kind: 'web', why: "Electron's installer failed: TypeError: fetch failed" });
    expect(nextStartStep({ binary: null, installer, install: { ok: true } })).toMatchObject({ kind: 'web', why: expect.stringContaining('binary does not start') as unknown });
    expect(nextStartStep({ binary: null, installer: null, install: 'not-run' })).toEqual({ kind: 'web', why: 'the electron package is not installed (run npm install)' });
  });
  it('says why in one line', () => {
    expect(fallbackLine("Electron's installer failed: TypeError: fetch failed")).toBe(
      "No Electron app here (Electron's installer failed: TypeError: fetch failed); starting the web host instead — open this URL in Chromium:",
    );
  });
});

describe('runElectronInstaller', () => {
  it("reports the installer's first error line, not its stack", () => {
    const script = path.join(tempDir(), 'install.js');
    fs.writeFileSync(script, "console.error(new Error('getaddrinfo ENOTFOUND github.com').stack); process.exit(1);\n");
    expect(runElectronInstaller(script)).toEqual({ ok: false, error: 'Error: getaddrinfo ENOTFOUND github.com' });
    fs.writeFileSync(script, 'process.exit(0);\n');
    expect(runElectronInstaller(script)).toEqual({ ok: true });
  });
});

describe('npm start without Electron', () => {
  it("tries Electron's installer, then says why in one line and serves the app from the web host", async () => {
    const dataDir = tempDir();
    const proc = spawn(path.join(ROOT, 'node_modules', '.bin', 'node'), [path.join(ROOT, 'scripts', 'start.ts'), '--renderer-dir', path.join(ROOT, 'electron', 'web-host', 'test-fixtures')], {
      cwd: ROOT,
      // The real installer, pointed at a mirror that refuses (so it fails on any machine) and a private cache.
      env: { ...process.env, TILL_DATA_DIR: dataDir, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: tempDir() },
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
      const fallbacks = stderr.split('\n').filter((l) => l.startsWith('No Electron app here'));
      expect(fallbacks).toHaveLength(1);
      expect(fallbacks[0]).toMatch(/^No Electron app here \(Electron's installer failed: .+\); starting the web host instead — open this URL in Chromium:$/);
      expect(stderr).not.toMatch(/\n\s+at /);
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
