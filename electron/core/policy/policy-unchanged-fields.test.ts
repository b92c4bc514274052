/**
 * A save under a policy that locks a group. The renderer's settings store sends only the section's
 * own fields, and the door must not fill the groups it leaves out (that would reset them, or
 * touch a locked one); a save that sends a locked group at the value in force must not be refused
 * either — or the manager can change nothing at all. A real change to a locked field is still
 * refused, and the stored value of a field the policy sets is not replaced by the policy's (it
 * comes back when the policy drops it). Real app core, real IPC door.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../settings/settings-schema.ts';
import { policyTills } from '../app/testing/policy-till.ts';
import type { TillKit } from '../app/testing/till-kit.ts';

const policyTill = policyTills();

const POLICY = {
  settings: {
    scanner: { value: { maxGapMs: 40, prefix: '', suffix: '', terminator: 'enter', minLength: 6, customPattern: null }, locked: true },
    earnRule: { locked: true },
    kiosk: { value: true, locked: true },
    posLink: { locked: true },
  },
};

async function start(): Promise<TillKit> {
  const { kit } = await policyTill({ policy: POLICY, kit: () => ({ settings: { mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T01' } }) });
  await kit.unlock();
  return kit;
}

async function current(k: TillKit): Promise<Settings> {
  const got = await k.call('settingsGet');
  if (!got.ok) throw new Error('settingsGet failed');
  return got.value;
}

describe('a settings save that leaves locked fields as they are', () => {
  it('a save of one field leaves every group as it was, and goes through under a locked scanner and earn rule', async () => {
    const k = await start();
    const before = await current(k);
    const saved = await k.call('settingsUpdate', { managerAutoLockMinutes: 12 });
    expect(saved).toMatchObject({ ok: true, value: { managerAutoLockMinutes: 12, scanner: { minLength: 6 }, earnRule: before.earnRule, camera: before.camera, posLink: before.posLink } });
  });

  it('a save that carries the locked groups at their current value goes through', async () => {
    const k = await start();
    const before = await current(k);
    const saved = await k.call('settingsUpdate', { managerAutoLockMinutes: 12, earnRule: before.earnRule, scanner: before.scanner, camera: before.camera });
    expect(saved).toMatchObject({ ok: true, value: { managerAutoLockMinutes: 12, scanner: { minLength: 6 }, earnRule: before.earnRule } });
  });

  it('a locked field sent at the value in force is no change; the stored value under the policy is kept', async () => {
    const k = await start();
    const s = await current(k);
    expect(await k.call('settingsUpdate', { kiosk: true, posLink: { enabled: s.posLink.enabled, port: 9300 }, requestTimeoutMs: 5000 })).toMatchObject({ ok: true, value: { kiosk: true, requestTimeoutMs: 5000, posLink: { port: 9300 } } });
    expect(JSON.parse(fs.readFileSync(path.join(k.dir, 'settings.json'), 'utf8'))).toMatchObject({ kiosk: false });
  });

  it('holds: a real change to a locked field, alone or beside unchanged ones, is still refused and changes nothing', async () => {
    const k = await start();
    const s = await current(k);
    for (const patch of [
      { managerAutoLockMinutes: 12, scanner: { ...s.scanner, minLength: 8 } },
      { earnRule: { pointsPerUnit: s.earnRule.pointsPerUnit + 1 } },
      { kiosk: false },
      { posLink: { enabled: !s.posLink.enabled } },
    ]) {
      expect(await k.call('settingsUpdate', patch), JSON.stringify(patch)).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED' } });
    }
    expect(await current(k)).toEqual(s);
  });
});
