import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { policyTills, type PolicyTill } from '../app/testing/policy-till.ts';

const openPolicyTill = policyTills();
const POLICY = {
  settings: {
    kiosk: { value: true, locked: true },
    journalRetentionDays: { value: 30, locked: true },
    managerAutoLockMinutes: { value: 2, locked: true },
    cardFreshnessMinutes: { value: 3 },
    language: { value: 'de-AT', locked: true },
    currency: { value: 'CAD', locked: true },
    posLink: { value: { enabled: false }, locked: true },
  },
  tillIdPattern: 'T[0-9]{2}',
};

async function start(policy: unknown): Promise<PolicyTill> {
  const till = await openPolicyTill({ policy, source: { debounceMs: 20 }, kit: () => ({ settings: { mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T01' } }) });
  await till.kit.unlock();
  return till;
}

describe('settings under a fleet policy', () => {
  it('reads the policy values over the stored ones and says which fields are locked', async () => {
    const { kit: k } = await start(POLICY);
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { kiosk: true, journalRetentionDays: 30, managerAutoLockMinutes: 2, cardFreshnessMinutes: 3, tillId: 'T01', language: 'de', currency: 'CAD' } });
    expect(await k.call('policyStatus')).toMatchObject({
      ok: true,
      value: {
        status: 'applied',
        locked: ['journalRetentionDays', 'managerAutoLockMinutes', 'kiosk', 'posLink', 'language', 'currency'],
        managed: ['journalRetentionDays', 'managerAutoLockMinutes', 'cardFreshnessMinutes', 'kiosk', 'posLink', 'language', 'currency'],
        fleet: { posLinkEnabled: false, language: 'de-AT', currency: 'CAD' },
        tillIdPattern: 'T[0-9]{2}',
        lockedLabel: 'Managed by your organisation',
      },
    });
    // The PIN's auto-lock follows the policy too.
    expect((await k.pin.state()).autoLockMinutes).toBe(2);
  });

  it('refuses a change to a locked field through IPC, names it, and changes nothing', async () => {
    const { kit: k } = await start(POLICY);
    const stored = fs.readFileSync(path.join(k.dir, 'settings.json'), 'utf8');
    const refused = await k.call('settingsUpdate', { kiosk: false, requestTimeoutMs: 5000 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED', message: expect.stringContaining('kiosk') as unknown, issues: [{ path: ['kiosk'], message: 'Managed by your organisation' }] } });
    expect(fs.readFileSync(path.join(k.dir, 'settings.json'), 'utf8')).toBe(stored);
    // Unlocked fields still change (a managed value without a lock stays the policy's until the policy drops it).
    expect(await k.call('settingsUpdate', { requestTimeoutMs: 5000, cardFreshnessMinutes: 9 })).toMatchObject({ ok: true, value: { requestTimeoutMs: 5000, cardFreshnessMinutes: 3 } });
    // A till id off the organisation's pattern is refused too.
    expect(await k.call('settingsUpdate', { tillId: 'front-desk' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED', message: expect.stringContaining('T[0-9]{2}') as unknown } });
    expect(await k.call('settingsUpdate', { tillId: 'T02' })).toMatchObject({ ok: true, value: { tillId: 'T02' } });
  });

  it('picks up a new policy without a restart; a bad one changes nothing and tells the manager which field', async () => {
    const { kit: k, file, source } = await start(POLICY);
    fs.writeFileSync(file, JSON.stringify({ settings: { kiosk: { value: false, locked: false }, cardFreshnessMinutes: { value: 5000, locked: true } } }));
    await vi.waitFor(() => expect(source.state().status).toBe('rejected'), { timeout: 10_000, interval: 20 });
    const info = await k.call('appInfo');
    expect(info).toMatchObject({ ok: true, value: { notices: [expect.objectContaining({ kind: 'policy-rejected', message: expect.stringContaining('settings.cardFreshnessMinutes.value') as unknown }) as unknown] } });
    expect(k.logged).toContainEqual(['Fleet policy rejected', expect.objectContaining({ field: 'settings.cardFreshnessMinutes.value' }) as unknown]);
    // The last good policy is still whole: kiosk locked on, freshness 3.
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { kiosk: true, cardFreshnessMinutes: 3 } });
    expect(await k.call('settingsUpdate', { kiosk: false })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED' } });

    fs.writeFileSync(file, JSON.stringify({ settings: { cardFreshnessMinutes: { value: 7, locked: true } } }));
    await vi.waitFor(() => expect(source.state().status).toBe('applied'), { timeout: 10_000, interval: 20 });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { kiosk: false, cardFreshnessMinutes: 7 } });
    expect(await k.call('settingsUpdate', { kiosk: true })).toMatchObject({ ok: true, value: { kiosk: true } });
    expect(await k.call('settingsUpdate', { cardFreshnessMinutes: 8 })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED' } });
    // The notice about the bad file went with it.
    const after = await k.call('appInfo');
    expect(after.ok && after.value.notices.some((n) => n.kind === 'policy-rejected')).toBe(false);
  });

  it("widens where keys may go with the policy's allow-list, and a locked base URL cannot be moved", async () => {
    const { kit: k } = await start({ settings: { baseUrl: { value: 'https://api.chain.example/v2', locked: true } }, originAllowList: ['api.chain.example'] });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { baseUrl: 'https://api.chain.example/v2' } });
    expect(await k.call('settingsUpdate', { baseUrl: 'https://flash.socialhub.ai/api/v2' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED' } });
    expect(await k.call('settingsUpdate', { mode: 'live' })).toMatchObject({ ok: true, value: { mode: 'live', baseUrl: 'https://api.chain.example/v2' } });
  });

  it('a locked field cannot be reached under another casing, through __proto__, inside its group, or by clearing the till id', async () => {
    const { kit: k } = await start({ ...POLICY, settings: { ...POLICY.settings, earnRule: { locked: true } } });
    const before = await k.call('settingsGet');
    for (const payload of [{ Kiosk: false }, { KIOSK: false }, JSON.parse('{"__proto__":{"kiosk":false}}') as unknown, { settings: { kiosk: false } }]) {
      expect((await k.call('settingsUpdate', payload)).ok, JSON.stringify(payload)).toBe(false);
    }
    expect(await k.call('settingsUpdate', { earnRule: { pointsPerUnit: 5 } })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED', issues: [{ path: ['earnRule'] }] } });
    expect(await k.call('settingsUpdate', { posLink: { enabled: true } })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED', issues: [{ path: ['posLink'] }] } });
    expect(await k.call('settingsUpdate', { tillId: null })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED', message: expect.stringContaining('cannot be cleared') as unknown } });
    expect(await k.call('settingsGet')).toEqual(before);
  });
});
