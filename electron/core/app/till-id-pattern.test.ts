/** A stored till id off the fleet policy's till id pattern is told to the manager: at start, on a live policy change, once. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { policyTills, type PolicyTill } from './testing/policy-till.ts';
import type { TillKit } from './testing/till-kit.ts';
import { createFakeKeyCrypto } from '../keys/testing/fake-key-crypto.ts';

const policyTill = policyTills();

/** A till storing `tillId`, started again under `policy` (the id is stored first: the policy would refuse setting an id off its pattern). */
async function start(policy: unknown, tillId: string): Promise<PolicyTill> {
  const crypto = createFakeKeyCrypto({ backend: 'gnome_libsecret' }); // the same "OS keyring" across both launches
  const { kit, ...rest } = await policyTill({
    policy,
    firstLaunch: { kit: (dir) => ({ dataDir: path.join(dir, 'data'), crypto, settings: { mode: 'sandbox', storeId: 'st_nyc_01', tillId } }), then: (first) => first.unlock() },
    kit: (dir) => ({ dataDir: path.join(dir, 'data'), crypto, settings: null }),
  });
  await kit.unlock();
  return { kit, ...rest };
}

const offPattern = (k: TillKit) => k.notices.list().filter((n) => n.kind === 'till-id-off-pattern');

describe('the stored till id against the policy pattern', () => {
  it('a till id off the pattern at start is told to the manager, naming the id and the pattern, in the till language too', async () => {
    const { kit: k } = await start({ settings: {}, tillIdPattern: 'T[0-9]{2}' }, 'Z9');
    const found = offPattern(k);
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('"Z9" does not match the pattern T[0-9]{2}');
    expect(found[0]?.message).toContain('Settings → Store and till');
    expect(JSON.stringify(found[0]?.localized)).toContain('Z9');
    expect(await k.call('appInfo')).toMatchObject({ ok: true, value: { notices: [expect.objectContaining({ kind: 'till-id-off-pattern' })] } });
    expect(k.logged).toContainEqual(['Stored till id does not match the fleet policy pattern', { tillId: 'Z9', pattern: 'T[0-9]{2}' }]);
  });

  it('a live policy change to a pattern the id fails raises it once; a dismissed notice stays dismissed; a matching id clears it', async () => {
    const { kit: k, file, source: s } = await start({ settings: {} }, 'Z9');
    expect(offPattern(k)).toEqual([]);
    fs.writeFileSync(file, JSON.stringify({ settings: {}, tillIdPattern: 'T[0-9]{2}' }));
    expect(s.reload()).toMatchObject({ status: 'applied' });
    await vi.waitFor(() => expect(offPattern(k)).toHaveLength(1), { timeout: 5000, interval: 20 });

    // The same (id, pattern) again — a policy change elsewhere — is not told twice…
    fs.writeFileSync(file, JSON.stringify({ settings: { posLink: { value: { enabled: false } } }, tillIdPattern: 'T[0-9]{2}' }));
    expect(s.reload()).toMatchObject({ status: 'applied', policy: { settings: { posLink: { value: { enabled: false } } } } });
    expect(offPattern(k)).toHaveLength(1);
    // …nor after the manager dismissed it.
    const id = offPattern(k)[0]?.id ?? '';
    expect(await k.call('appDismissNotice', { id })).toMatchObject({ ok: true, value: { notices: [] } });
    fs.writeFileSync(file, JSON.stringify({ settings: {}, tillIdPattern: 'T[0-9]{2}' }));
    expect(s.reload()).toMatchObject({ status: 'applied', policy: { settings: {} } });
    expect(offPattern(k)).toEqual([]);

    // A new pattern the id fails is a new notice; a matching id set by the manager clears it.
    fs.writeFileSync(file, JSON.stringify({ settings: {}, tillIdPattern: 'T[0-9]{3}' }));
    expect(s.reload()).toMatchObject({ status: 'applied' });
    await vi.waitFor(() => expect(offPattern(k)).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(offPattern(k)[0]?.message).toContain('T[0-9]{3}');
    expect(await k.call('settingsUpdate', { tillId: 'T123' })).toMatchObject({ ok: true, value: { tillId: 'T123' } });
    expect(offPattern(k)).toEqual([]);
  });

  it('an id that matches raises none, at start or on a live change', async () => {
    const { kit: k, file, source: s } = await start({ settings: {}, tillIdPattern: 'T[0-9]{2}' }, 'T07');
    expect(offPattern(k)).toEqual([]);
    fs.writeFileSync(file, JSON.stringify({ settings: {}, tillIdPattern: 'T0[0-9]' }));
    expect(s.reload()).toMatchObject({ status: 'applied', policy: { tillIdPattern: 'T0[0-9]' } });
    expect(offPattern(k)).toEqual([]);
    expect(k.logged.filter((l) => JSON.stringify(l).includes('till id does not match'))).toEqual([]);
  });
});
