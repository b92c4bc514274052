/** A policy lock survives the till reset a cashier can reach before a PIN is set. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPolicySource } from '../policy/policy-source.ts';
import type { PolicySource } from '../policy/policy-source.ts';
import { createTillKit } from './testing/till-kit.ts';
import type { TillKit } from './testing/till-kit.ts';

let kit: TillKit | null = null;
let policy: PolicySource | null = null;
let dir = '';
afterEach(async () => {
  await kit?.close();
  kit = null;
  policy?.close();
  policy = null;
  if (dir !== '') fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});

async function start(settings: Record<string, unknown>): Promise<{ kit: TillKit; policyFile: string; source: PolicySource }> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-reset-'));
  const policyFile = path.join(dir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify({ settings: {} }));
  const source = openPolicySource({ path: policyFile, releaseBuild: false, watch: false });
  policy = source;
  kit = await createTillKit({ dataDir: path.join(dir, 'data'), policy: source, settings });
  return { kit, policyFile, source };
}

describe('policy lock vs till reset', () => {
  it('a field locked without a value ("freeze what the till has now") keeps its value through tillReset', async () => {
    const { kit: k, policyFile, source } = await start({ mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1', journalRetentionDays: 400 });
    // IT then freezes the store and retention as this till has them.
    fs.writeFileSync(policyFile, JSON.stringify({ settings: { storeId: { locked: true }, journalRetentionDays: { locked: true } } }));
    expect(source.reload()).toMatchObject({ status: 'applied' });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { storeId: 'st_nyc_01', journalRetentionDays: 400 } });
    const reset = await k.call('tillReset', { confirm: 'clear keys and settings' });
    expect(reset).toMatchObject({ ok: true });
    // The rest went back to factory; the frozen fields did not.
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { storeId: 'st_nyc_01', journalRetentionDays: 400, tillId: null } });
    // And a restart reads the same from disk.
    expect(JSON.parse(fs.readFileSync(path.join(k.dir, 'settings.json'), 'utf8'))).toMatchObject({ storeId: 'st_nyc_01', journalRetentionDays: 400 });
  });

  it('after the reset the till is on a first run (a set-up code), not stuck asking for another reset', async () => {
    const { kit: k, policyFile, source } = await start({ mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1', posLink: { enabled: true } });
    fs.writeFileSync(policyFile, JSON.stringify({ settings: { storeId: { locked: true }, posLink: { locked: true } } }));
    expect(source.reload()).toMatchObject({ status: 'applied' });
    const before = k.setupCode();
    expect(await k.call('tillReset', { confirm: 'clear keys and settings' })).toMatchObject({ ok: true, value: { configured: false, setup: 'first-run' } });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { storeId: 'st_nyc_01', posLink: { enabled: true }, tillId: null } });
    // A new set-up code was issued for the new first run.
    expect(k.setupCode()).not.toBeNull();
    expect(k.setupCode()).not.toBe(before);
  });

  it('holds: without a policy lock the reset clears the field', async () => {
    const { kit: k } = await start({ mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1', journalRetentionDays: 400 });
    expect(await k.call('tillReset', { confirm: 'clear keys and settings' })).toMatchObject({ ok: true });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { storeId: null, journalRetentionDays: 90 } });
  });
});
