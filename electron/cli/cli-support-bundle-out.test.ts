/** `support-bundle --out` never replaces a file: not the journal it reads, not anything else. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../sandbox/server.ts';
import { runChecked, useCliSandbox } from './testing/cli-runner.ts';

const fx = useCliSandbox('cli-bundle-out-');

describe('support-bundle --out', () => {
  it('refuses to write the zip over the journal it is reading (a mistyped --out must not destroy the journal)', async () => {
    const env = fx.writeEnv('T7', 1000, { TILL_POLICY: path.join(fx.dir.dir, 'no-policy.json') });
    const award = await runChecked(['award', '--member', DEMO.memberWithCoupons, '--txn', 'SBX1', '--points', '12'], env);
    expect(award.code).toBe(0);
    const journal = fx.dir.file();
    const before = fs.readFileSync(journal);
    const run = await runChecked(['support-bundle', '--out', journal], env);
    const after = fs.readFileSync(journal);
    expect(after.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(after.equals(before)).toBe(true);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/already exists/);
  });

  it('does not silently replace an existing file that is not a bundle', async () => {
    const env = fx.writeEnv('T7', 1000, { TILL_POLICY: path.join(fx.dir.dir, 'no-policy.json'), TILL_JOURNAL: undefined });
    const other = path.join(fx.dir.dir, 'orders-export.csv');
    fs.writeFileSync(other, 'order,total\n1,19.99\n');
    const run = await runChecked(['support-bundle', '--out', other], env);
    expect(fs.readFileSync(other, 'utf8')).toBe('order,total\n1,19.99\n');
    expect(run.code).not.toBe(0);
  });

  it('writes the bundle owner-only (0600)', async () => {
    const env = fx.writeEnv('T7', 1000, { TILL_POLICY: path.join(fx.dir.dir, 'no-policy.json'), TILL_JOURNAL: undefined });
    const out = path.join(fx.dir.dir, 'b.zip');
    const run = await runChecked(['support-bundle', '--out', out], env);
    expect(run.code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
  });
});
