/**
 * Who can read the log on a shared computer: the journal and the support bundle are owner-only,
 * and the log (the bundle's main ingredient) must be too, the current file and every rotated one,
 * including a file an older version left readable by all. POSIX permissions, real files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOG_DIR, LOG_FILE, logFiles, openAppLog } from './app-log.ts';

let dir = '';
afterEach(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});
const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the log file permissions', () => {
  it('the current and the rotated log files are owner-only (0600)', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-mode-'));
    const log = openAppLog({ dataDir: dir, size: '1K', maxFiles: 3 });
    for (let i = 0; i < 40; i++) {
      log.info('filler line to make the file rotate', { i, pad: 'x'.repeat(40) });
      await new Promise((r) => setImmediate(r));
    }
    await log.close();
    const logs = path.join(dir, LOG_DIR);
    await vi.waitFor(() => expect(logFiles(logs).length).toBeGreaterThan(1));
    expect(logFiles(logs).map((f) => [path.basename(f), modeOf(f)])).toEqual(logFiles(logs).map((f) => [path.basename(f), 0o600]));
  });

  it('a log an older version left readable by all is tightened when the log opens', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-mode-'));
    const logs = path.join(dir, LOG_DIR);
    fs.mkdirSync(logs);
    fs.writeFileSync(path.join(logs, LOG_FILE), '{"msg":"old"}\n', { mode: 0o644 });
    fs.chmodSync(path.join(logs, LOG_FILE), 0o644);
    const log = openAppLog({ dataDir: dir });
    log.warn('opened');
    await log.close();
    expect(modeOf(path.join(logs, LOG_FILE))).toBe(0o600);
  });
});
