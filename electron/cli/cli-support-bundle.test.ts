/** `support-bundle` as IT would run it after an OMS job: the real CLI process, the sandbox, the journal it wrote. */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../sandbox/server.ts';
import { expectNoKeys, runChecked, useCliSandbox } from './testing/cli-runner.ts';

const fx = useCliSandbox('cli-bundle-');

describe('support-bundle', () => {
  it('zips the journal counts, API activity and the CLI log beside the journal, with no key in any file', async () => {
    const env = fx.writeEnv('T7', 1000, { TILL_POLICY: path.join(fx.dir.dir, 'no-policy.json') });
    const award = await runChecked(['award', '--member', DEMO.memberWithCoupons, '--txn', 'SB1', '--points', '12'], env);
    expect(award.code).toBe(0);
    const out = path.join(fx.dir.dir, 'bundle.zip');
    const run = await runChecked(['support-bundle', '--out', out], env);
    expectNoKeys(run, fx.sandbox);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ ok: true, path: out });

    const files = Object.fromEntries(Object.entries(unzipSync(fs.readFileSync(out))).map(([n, b]) => [n, strFromU8(b)]));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['versions.json', 'journal-counts.json', 'api-activity.json', 'policy.json', 'logs/cli.log', 'pos-link-activity.json']) as unknown);
    expect(JSON.parse(files['journal-counts.json'] ?? '')).toMatchObject({ available: true, countsByState: { confirmed: 1 } });
    expect(JSON.parse(files['api-activity.json'] ?? '')).toMatchObject({ available: true, calls: [expect.objectContaining({ method: 'POST' }) as unknown] });
    expect(JSON.parse(files['policy.json'] ?? '')).toMatchObject({ status: 'none' });
    expect(files['logs/cli.log']).toContain('"command":"award"');
    const everything = Object.values(files).join('\n') + fs.readFileSync(path.join(fx.dir.dir, 'logs', 'cli.log'), 'utf8');
    const keys: string[] = [...Object.values(fx.sandbox.keys as unknown as Record<string, string>), fx.sandbox.adminToken];
    for (const key of keys) {
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(key.slice(8, 24));
    }
  });

  it('says in one line when the bundle cannot be written', async () => {
    const env = fx.writeEnv('T7', 1000, { TILL_POLICY: path.join(fx.dir.dir, 'no-policy.json'), TILL_JOURNAL: undefined });
    const blocker = path.join(fx.dir.dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const run = await runChecked(['support-bundle', '--out', path.join(blocker, 'bundle.zip')], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^socialhub-till: support-bundle: the support bundle could not be written to .*\(ENOTDIR\)\n$/);
  });
});
