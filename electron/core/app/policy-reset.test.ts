/** A policy lock survives the till reset a cashier can reach before a PIN is set. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyTills, type PolicyTill } from './testing/policy-till.ts';

const policyTill = policyTills();

/** A till storing `settings` under an empty policy, which each test then tightens. */
const start = (settings: Record<string, unknown>): Promise<PolicyTill> => policyTill({ policy: { settings: {} }, kit: (dir) => ({ dataDir: path.join(dir, 'data'), settings }) });

describe('policy lock vs till reset', () => {
  it('a field locked without a value ("freeze what the till has now") keeps its value through tillReset', async () => {
    const { kit: k, file: policyFile, source } = await start({ mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1', journalRetentionDays: 400 });
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
    const { kit: k, file: policyFile, source } = await start({ mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1', posLink: { enabled: true } });
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
