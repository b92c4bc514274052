/**
 * The logs a support bundle picks up, against what a real log folder can hold: a current log
 * that grew past what a string can hold (a service wrapper appending stderr to it, or rotation
 * failing on a full disk), a link planted among the logs, and an entry that vanished (rotated
 * away) or dangles. Real files; the huge one is sparse, so it costs no disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { logFiles } from '../log/app-log.ts';
import { BUNDLE_LOG_BYTES, buildSupportBundle } from './bundle.ts';

let dir = '';
afterEach(() => {
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function logsDir(): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-logs-'));
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs);
  return logs;
}

function bundleOf(logs: string): Record<string, string> {
  const bundle = buildSupportBundle({ app: { name: 'socialhub-till', version: '0.1.0', packaged: false }, settings: null, policy: null, journal: null, logDir: logs, secrets: () => [] });
  return Object.fromEntries(Object.entries(unzipSync(bundle.zip)).map(([n, b]) => [n, strFromU8(b)]));
}

describe('the logs in a support bundle', () => {
  it('a current log larger than 2 GiB still goes in: its newest lines, within the bundle budget, from a line start', () => {
    const logs = logsDir();
    const file = path.join(logs, 'till.log');
    const last = '{"level":"error","msg":"the line support needs"}\n';
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, `{"level":"info","msg":"first"}\n`, 0);
    fs.writeSync(fd, `${'{"level":"info","msg":"older"}\n'.repeat(1000)}${last}`, 2 ** 31 + 4096); // sparse gap before the tail
    fs.closeSync(fd);
    const files = bundleOf(logs);
    const text = files['logs/till.log'];
    expect(text).toBeDefined();
    expect(text?.endsWith(last)).toBe(true);
    expect(Buffer.byteLength(text ?? '')).toBeLessThanOrEqual(BUNDLE_LOG_BYTES);
    expect(text?.startsWith('{"level":"info","msg":"older"}')).toBe(true); // cut at a line, not mid-line
  });

  it('a link planted among the logs is not followed into the bundle', () => {
    const logs = logsDir();
    const outside = path.join(dir, 'till-keys.json');
    fs.writeFileSync(outside, '{"write":"what a link must not carry out"}');
    fs.writeFileSync(path.join(logs, 'till.log'), '{"msg":"real"}\n');
    fs.symlinkSync(outside, path.join(logs, 'till-2026-01-01.log'));
    const files = bundleOf(logs);
    expect(Object.keys(files).filter((n) => n.startsWith('logs/'))).toEqual(['logs/till.log']);
    expect(Object.values(files).join('\n')).not.toContain('what a link must not carry out');
  });

  it('an entry that vanished or dangles does not stop the bundle (the other logs still go in)', () => {
    const logs = logsDir();
    fs.writeFileSync(path.join(logs, 'till.log'), '{"msg":"current"}\n');
    fs.symlinkSync(path.join(dir, 'gone.log'), path.join(logs, 'till-2026-01-02.log'));
    expect(logFiles(logs)).toEqual([path.join(logs, 'till.log')]);
    expect(bundleOf(logs)['logs/till.log']).toBe('{"msg":"current"}\n');
  });
});
