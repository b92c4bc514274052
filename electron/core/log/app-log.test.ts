import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOG_FILE, logFiles, openAppLog } from './app-log.ts';

const WRITE_KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const SANDBOX_ADMIN = 'sbx_admin_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const PIN = '246810';

let dir = '';
afterEach(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
});

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stream, text: () => text };
}

describe('the app log', () => {
  it('writes JSON lines with levels to the data folder, and no key, PIN or token reaches the file', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-'));
    const log = openAppLog({ dataDir: dir, level: 'debug', secrets: () => [WRITE_KEY, SANDBOX_ADMIN] });
    expect(log.file).toBe(path.join(dir, 'logs', LOG_FILE));
    log.info('till started', { version: '0.1.0' });
    log.debug('pin entered', { pin: PIN, nested: { newPin: PIN, setupCode: 'ABCD-EFGH-JKLM' } });
    log.warn(`key test failed for ${WRITE_KEY}`, { apiKey: WRITE_KEY, headers: { authorization: `Bearer ${WRITE_KEY}` } });
    log.error('sandbox admin call', { detail: `token ${SANDBOX_ADMIN} refused`, url: `http://127.0.0.1/admin?t=${SANDBOX_ADMIN.slice(5)}` });
    log.warn('a sliced key', { tail: WRITE_KEY.slice(10) }); // a partial key is still the key (the IPC rule's window)
    log.info('an unknown key-shaped value', { pasted: 'fl_test_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0P' });
    await log.close();

    const text = fs.readFileSync(path.join(dir, 'logs', LOG_FILE), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', 'till started'],
      ['debug', 'pin entered'],
      ['warn', 'key test failed for fl_live_[redacted]'],
      ['error', 'sandbox admin call'],
      ['warn', 'a sliced key'],
      ['info', 'an unknown key-shaped value'],
    ]);
    expect(lines[0]).toMatchObject({ app: 'socialhub-till', version: '0.1.0' });
    expect(typeof lines[0]?.time).toBe('string');
    for (const secret of [WRITE_KEY, WRITE_KEY.slice(8), WRITE_KEY.slice(10, 26), SANDBOX_ADMIN, SANDBOX_ADMIN.slice(10), PIN, 'ABCD-EFGH-JKLM', 'Zz9Yy8Xx7Ww6']) {
      expect(text).not.toContain(secret);
    }
  });

  it('leaves out debug lines at the default level', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-'));
    const log = openAppLog({ dataDir: dir });
    log.debug('noise');
    log.info('signal');
    await log.close();
    const text = fs.readFileSync(path.join(dir, 'logs', LOG_FILE), 'utf8');
    expect(text).toContain('signal');
    expect(text).not.toContain('noise');
  });

  it('rotates by size and keeps only the newest files', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-'));
    const log = openAppLog({ dataDir: dir, size: '1K', maxFiles: 2 });
    for (let i = 0; i < 60; i++) {
      log.info('filler line to make the file grow', { i, pad: 'x'.repeat(40) });
      await new Promise((r) => setImmediate(r)); // let the rotating stream run between writes
    }
    await log.close();
    await vi.waitFor(() => {
      const files = logFiles(path.join(dir, 'logs'));
      expect(files[0]).toBe(path.join(dir, 'logs', LOG_FILE));
      expect(files.length).toBeGreaterThan(1);
      expect(files.length).toBeLessThanOrEqual(3); // the current file and at most two rotated ones
    });
    const all = logFiles(path.join(dir, 'logs')).map((f) => fs.readFileSync(f, 'utf8')).join('');
    expect(all).toContain('"i":59'); // the newest line is kept
    expect(all).not.toContain('"i":0,'); // the oldest were dropped with their file
  });

  it('says once that an unwritable log folder falls back to stderr, and keeps logging there', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-log-'));
    const blocked = path.join(dir, 'data');
    fs.writeFileSync(blocked, 'a file where the data folder should be'); // mkdir of data/logs fails (ENOTDIR), as root too
    const err = capture();
    const log = openAppLog({ dataDir: blocked, stderr: err.stream, secrets: () => [WRITE_KEY] });
    expect(log.file).toBeNull();
    expect(log.dir).toBeNull();
    log.warn('still here', { apiKey: WRITE_KEY, note: WRITE_KEY });
    log.error('and here');
    await log.close();
    const lines = err.text().trim().split('\n');
    expect(lines[0]).toBe(`[till] Logs cannot be written to ${path.join(blocked, 'logs')} (ENOTDIR); logging to stderr instead. The till keeps working.`);
    expect(lines.filter((l) => l.includes('cannot be written'))).toHaveLength(1);
    expect(lines.slice(1).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['still here', 'and here']);
    expect(err.text()).not.toContain(WRITE_KEY.slice(8));
  });
});
