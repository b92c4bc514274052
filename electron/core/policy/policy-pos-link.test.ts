/** The POS link under a fleet policy: on/off as the policy says, at start, through every channel, and live. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { policyTills, type PolicyTill } from '../app/testing/policy-till.ts';
import type { TillKitOptions } from '../app/testing/till-kit.ts';

const policyTill = policyTills();

const OFF_LOCKED = { settings: { posLink: { value: { enabled: false }, locked: true } } };
const LINK_ON: TillKitOptions['settings'] = { mode: 'sandbox', storeId: 'st_nyc_01', tillId: 'T1', posLink: { enabled: true } };

async function start(policy: unknown): Promise<PolicyTill> {
  const till = await policyTill({ policy, kit: (dir) => ({ dataDir: path.join(dir, 'data'), settings: LINK_ON }) });
  await till.kit.unlock();
  return till;
}

describe('the POS link under a policy', () => {
  it('a policy locking it off keeps it off at start although the stored settings say on', async () => {
    // The stored settings say on before the policy arrives; the till then starts under the lock.
    const { kit } = await policyTill({
      policy: OFF_LOCKED,
      firstLaunch: { kit: (dir) => ({ dataDir: path.join(dir, 'data'), settings: LINK_ON }), then: (first) => expect(first.core.posLink.status().listening).not.toBeNull() },
      kit: (dir) => ({ dataDir: path.join(dir, 'data'), settings: null }),
    });
    expect(kit.core.posLink.status()).toMatchObject({ enabled: false, listening: null });
    expect(await kit.call('settingsGet')).toMatchObject({ ok: true, value: { posLink: { enabled: false } } });
  });

  it('refuses turning it on through the POS link channel and settings, and still takes a port change', async () => {
    const { kit: k, file, source: s } = await start({ settings: {} });
    expect(k.core.posLink.status().listening).not.toBeNull();
    fs.writeFileSync(file, JSON.stringify(OFF_LOCKED));
    s.reload();
    await vi.waitFor(() => expect(k.core.posLink.status().listening).toBeNull(), { timeout: 5000, interval: 20 });

    expect(await k.call('posLinkConfigure', { enabled: true })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED', issues: [{ path: ['posLink'], message: 'Managed by your organisation' }] } });
    expect(await k.call('settingsUpdate', { posLink: { enabled: true } })).toMatchObject({ ok: false, error: { code: 'SETTINGS_LOCKED' } });
    expect(await k.call('posLinkConfigure', { port: 9100 })).toMatchObject({ ok: true, value: { enabled: false, listening: null } });
    expect(await k.call('settingsUpdate', { posLink: { autoAwardWhenCardShown: true } })).toMatchObject({ ok: true, value: { posLink: { enabled: false, port: 9100, autoAwardWhenCardShown: true } } });
    expect(k.core.posLink.status().listening).toBeNull();
  });

  it('a live policy change stops the listener, and dropping the policy brings the stored setting back', async () => {
    const { kit: k, file, source: s } = await start({ settings: {} });
    expect(k.core.posLink.status()).toMatchObject({ enabled: true });
    expect(k.core.posLink.status().listening).not.toBeNull();
    fs.writeFileSync(file, JSON.stringify(OFF_LOCKED));
    s.reload();
    await vi.waitFor(() => expect(k.core.posLink.status()).toMatchObject({ enabled: false, listening: null }), { timeout: 5000, interval: 20 });
    fs.writeFileSync(file, JSON.stringify({ settings: {} }));
    s.reload();
    await vi.waitFor(() => expect(k.core.posLink.status().listening).not.toBeNull(), { timeout: 5000, interval: 20 });
  });

  it("a policy's value without a lock wins over the manager's stored on/off until the policy drops it", async () => {
    const { kit: k, file, source: s } = await start({ settings: {} });
    expect(await k.call('posLinkConfigure', { enabled: false })).toMatchObject({ ok: true, value: { enabled: false, listening: null } });
    fs.writeFileSync(file, JSON.stringify({ settings: { posLink: { value: { enabled: true } } } }));
    s.reload();
    await vi.waitFor(() => expect(k.core.posLink.status().listening).not.toBeNull(), { timeout: 5000, interval: 20 });
    // Not locked: the manager's change is taken (stored), but the policy's value is what runs.
    expect(await k.call('posLinkConfigure', { enabled: false })).toMatchObject({ ok: true, value: { enabled: true } });
    expect(k.core.posLink.status().listening).not.toBeNull();
    fs.writeFileSync(file, JSON.stringify({ settings: {} }));
    s.reload();
    await vi.waitFor(() => expect(k.core.posLink.status()).toMatchObject({ enabled: false, listening: null }), { timeout: 5000, interval: 20 });
  });
});
