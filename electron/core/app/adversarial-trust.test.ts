/**
 * Review of issue #11 at the seams between keys, manager trust and cashier scope: attacks by a
 * walk-up user of the till PC (files in the data folder) followed by a cashier at the counter,
 * replayed on the real app core (settings file, key vault, trust and PIN files, SQLite journal,
 * embedded sandbox) through the IPC door the renderer uses.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../../../shared/ipc/schemas/settings.ts';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit, TEST_PIN } from './testing/till-kit.ts';
import type { TillKit } from './testing/till-kit.ts';
import { PIN_FILE } from './trusted-foundation.ts';
import { createFakeKeyCrypto } from '../keys/testing/fake-key-crypto.ts';

const SANDBOX_WRITE = 'fl_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const SANDBOX_READ = 'fl_test_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';
const LIVE_WRITE = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const LIVE_READ = 'fl_live_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';

const open: TillKit[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function tillInUse(): Promise<{ dataDir: string; first: TillKit }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-adv-'));
  dirs.push(dataDir);
  const first = await createTillKit({ dataDir, settings: { mode: 'sandbox' } });
  await first.unlock();
  expect(await first.call('settingsUpdate', { storeId: DEMO.storeId, tillId: 'T7' })).toMatchObject({ ok: true });
  expect(await first.call('keysSet', { kind: 'write', key: SANDBOX_WRITE })).toMatchObject({ ok: true });
  expect(await first.call('keysSet', { kind: 'read', key: SANDBOX_READ })).toMatchObject({ ok: true });
  await first.close();
  return { dataDir, first };
}

async function restart(dataDir: string, first: TillKit): Promise<TillKit> {
  const k = await createTillKit({ dataDir, crypto: first.crypto, settings: null });
  open.push(k);
  return k;
}

describe('a cashier resetting the till after the PIN file was deleted', () => {
  it('is refused while the keyring is locked (the PIN only looks untrusted): nothing is cleared, and the till works again once it unlocks', async () => {
    const { dataDir, first } = await tillInUse();
    const trustFile = fs.readFileSync(path.join(dataDir, 'till-trust.json'), 'utf8');
    // Another keyring key stands for a locked or changed keyring: the sealed trust secret cannot be opened.
    const locked = await createTillKit({ dataDir, crypto: createFakeKeyCrypto({ backend: 'gnome_libsecret' }), settings: null });
    open.push(locked);
    expect(await locked.call('tillReset', { confirm: 'clear keys and settings' })).toMatchObject({ ok: false, error: { code: 'RESET_NOT_ALLOWED', message: expect.stringMatching(/keyring is locked/) as unknown } });
    expect(fs.readFileSync(path.join(dataDir, 'till-trust.json'), 'utf8')).toBe(trustFile);
    expect(locked.core.journal.current()?.keyOriginChanges()).toEqual([]);
    await locked.close();
    open.splice(open.indexOf(locked), 1);
    const unlocked = await restart(dataDir, first);
    expect(await unlocked.pin.verify(TEST_PIN)).toMatchObject({ result: 'unlocked' });
    expect(await unlocked.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: true }, read: { configured: true } } });
  });

  it('ends at factory settings with no keys, and the reset is journaled (a notice alone can be dismissed by the new manager)', async () => {
    const { dataDir, first } = await tillInUse();
    fs.rmSync(path.join(dataDir, PIN_FILE));
    const k = await restart(dataDir, first);
    // Cashier-level channel, no PIN: allowed only because the PIN cannot be trusted.
    const reset = await k.call('tillReset', { confirm: 'clear keys and settings' });
    expect(reset).toMatchObject({ ok: true, value: { setup: 'first-run', configured: false } });
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: false }, read: { configured: false } } });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', baseUrl: DEFAULT_BASE_URL, storeId: null, tillId: null } });
    expect(k.vault.secrets()).toEqual([]);

    const j = k.core.journal.current();
    expect(j).not.toBeNull();
    const changes = j?.keyOriginChanges() ?? [];
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ cleared: ['write', 'read'], actor: 'till-reset@T7', toOrigin: new URL(DEFAULT_BASE_URL).origin });
    // The trace is durable: a restart over the same folder still shows it.
    await k.close();
    open.splice(open.indexOf(k), 1);
    const again = await restart(dataDir, first);
    expect(again.core.journal.current()?.keyOriginChanges()).toHaveLength(1);
  });

  it('a refused reset (trusted PIN present) records nothing and keeps the keys', async () => {
    const { dataDir, first } = await tillInUse();
    const k = await restart(dataDir, first);
    expect(await k.call('tillReset', { confirm: 'clear keys and settings' })).toMatchObject({ ok: false, error: { code: 'RESET_NOT_ALLOWED' } });
    expect(k.core.journal.current()?.keyOriginChanges()).toEqual([]);
    expect(await k.pin.verify(TEST_PIN)).toMatchObject({ result: 'unlocked' });
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: true }, read: { configured: true } } });
  });
});

/** A loopback server recording every request; `redirectTo` makes it answer each one with a redirect there. */
async function host(redirectTo?: () => string, status = 307): Promise<{ url: string; seen: { path: string; authorization: string | undefined }[] }> {
  const seen: { path: string; authorization: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    if (redirectTo !== undefined) res.writeHead(status, { location: `${redirectTo()}${req.url ?? ''}` }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"total":0,"limit":1,"offset":0}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`, seen };
}
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

describe('the allowed API host answers with a redirect to another host (hostile reply)', () => {
  for (const status of [302, 307, 308]) {
    it(`${status}: neither the card lookup, the key test nor the status check follows it, so the other host never sees a key`, async () => {
      const elsewhere = await host();
      const allowed = await host(() => `http://127.0.0.1:${new URL(elsewhere.url).port}`, status);
      const k = await createTillKit({ settings: { mode: 'sandbox' } });
      open.push(k);
      await k.unlock();
      expect(await k.call('settingsUpdate', { mode: 'live', baseUrl: allowed.url, storeId: DEMO.storeId, tillId: 'R1', requestTimeoutMs: 2000 })).toMatchObject({ ok: true });
      expect(await k.call('keysSet', { kind: 'write', key: LIVE_WRITE })).toMatchObject({ ok: true });
      expect(await k.call('keysSet', { kind: 'read', key: LIVE_READ })).toMatchObject({ ok: true });

      expect(await k.call('keysTest', { kind: 'read' })).toMatchObject({ ok: true });
      expect(await k.call('keysTest', { kind: 'write' })).toMatchObject({ ok: true });
      expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({
        ok: true,
        value: { member: { ok: false, message: `GET /members/{id}: HTTP ${status}` }, coupons: { ok: false } },
      });
      await k.call('statusGet');

      // The allowed host did see the key (it is where the key was sealed to go), and nothing else did.
      expect(allowed.seen.some((r) => r.authorization === `Bearer ${LIVE_READ}`)).toBe(true);
      expect(elsewhere.seen).toEqual([]);
    });
  }
});

describe('walk-up user deletes the trust and PIN files and re-points settings.json, then a cashier takes over', () => {
  it('no request ever carries a stored key; the cashier becomes manager only of a till with no keys and factory settings', async () => {
    const evil = await host();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-adv-'));
    dirs.push(dataDir);
    const legit = await host();
    const first = await createTillKit({ dataDir, settings: { mode: 'sandbox' } });
    await first.unlock();
    expect(await first.call('settingsUpdate', { mode: 'live', baseUrl: legit.url, storeId: DEMO.storeId, tillId: 'W1', requestTimeoutMs: 2000 })).toMatchObject({ ok: true });
    expect(await first.call('keysSet', { kind: 'write', key: LIVE_WRITE })).toMatchObject({ ok: true });
    expect(await first.call('keysSet', { kind: 'read', key: LIVE_READ })).toMatchObject({ ok: true });
    await first.close();
    const sealedBefore = fs.readFileSync(path.join(dataDir, 'keys.json'), 'utf8');

    fs.rmSync(path.join(dataDir, PIN_FILE));
    fs.rmSync(path.join(dataDir, 'till-trust.json'));
    const settingsFile = path.join(dataDir, 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...(JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as object), baseUrl: evil.url }));

    const k = await restart(dataDir, first);
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', storeId: null } });
    expect(await k.call('pinSet', { newPin: '613572' })).toMatchObject({ ok: false, error: { code: 'SETUP_CODE_UNAVAILABLE' } });
    expect(await k.call('settingsUpdate', { mode: 'live', baseUrl: evil.url })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await k.call('memberCard', { memberId: DEMO.goldMember });
    await k.call('statusGet');

    const reset = await k.call('tillReset', { confirm: 'clear keys and settings' });
    const code = (reset as { value: { setupCode: string } }).value.setupCode;
    expect(await k.call('pinSet', { newPin: '613572', setupCode: code })).toMatchObject({ ok: true, value: { unlocked: true } });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', baseUrl: DEFAULT_BASE_URL, storeId: null, tillId: null } });
    expect(await k.call('settingsUpdate', { mode: 'live', baseUrl: evil.url, storeId: DEMO.storeId })).toMatchObject({ ok: true });
    expect(await k.call('keysTest', { kind: 'write' })).toMatchObject({ ok: false, error: { code: 'KEY_NOT_CONFIGURED' } });
    await k.call('memberCard', { memberId: DEMO.goldMember });

    // Nothing with a key reached the other host, and the old sealed keys are gone from the file.
    expect(evil.seen.filter((r) => r.authorization !== undefined)).toEqual([]);
    const keysFile = path.join(dataDir, 'keys.json');
    const after = fs.existsSync(keysFile) ? fs.readFileSync(keysFile, 'utf8') : '';
    for (const m of sealedBefore.matchAll(/"sealed"\s*:\s*"([^"]+)"/g)) expect(after).not.toContain(m[1]);
    expect(k.core.journal.current()?.keyOriginChanges()).toEqual([expect.objectContaining({ actor: 'till-reset@W1', cleared: ['write', 'read'] })]);
  });
});

describe('settings MAC and key origin at the seam', () => {
  it('settings.json edited (untrusted → sandbox), keys still sealed to the live origin: a manager re-pointing elsewhere wipes and journals them; restoring the origin keeps them', async () => {
    const legit = await host();
    const other = await host();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-adv-'));
    dirs.push(dataDir);
    const first = await createTillKit({ dataDir, settings: { mode: 'sandbox' } });
    await first.unlock();
    expect(await first.call('settingsUpdate', { mode: 'live', baseUrl: legit.url, storeId: DEMO.storeId, tillId: 'S1', requestTimeoutMs: 2000 })).toMatchObject({ ok: true });
    expect(await first.call('keysSet', { kind: 'write', key: LIVE_WRITE })).toMatchObject({ ok: true });
    expect(await first.call('keysSet', { kind: 'read', key: LIVE_READ })).toMatchObject({ ok: true });
    await first.close();
    const settingsFile = path.join(dataDir, 'settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...(JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as object), storeId: 'st_other' }));

    const k = await restart(dataDir, first);
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', storeId: null } });
    // The keys survive the untrusted settings (they are still bound to where they belong) but are not used.
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: true, origin: new URL(legit.url).origin } } });
    await k.unlock();
    expect(await k.call('keysTest', { kind: 'write' })).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } });
    // Back to live without naming an address: the safe default address, which the keys are not for.
    expect(await k.call('settingsUpdate', { mode: 'live', storeId: DEMO.storeId })).toMatchObject({ ok: true, value: { baseUrl: DEFAULT_BASE_URL } });
    expect(await k.call('keysTest', { kind: 'read' })).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } });
    // The original address: keys usable again, nothing cleared or journaled.
    expect(await k.call('settingsUpdate', { baseUrl: legit.url })).toMatchObject({ ok: true });
    expect(await k.call('keysTest', { kind: 'read' })).toMatchObject({ ok: true });
    expect(k.core.journal.current()?.keyOriginChanges()).toEqual([]);
    // Another address: both keys wiped, journaled.
    expect(await k.call('settingsUpdate', { baseUrl: other.url })).toMatchObject({ ok: true });
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: false }, read: { configured: false } } });
    expect(k.core.journal.current()?.keyOriginChanges()).toEqual([
      expect.objectContaining({ fromOrigin: new URL(legit.url).origin, toOrigin: new URL(other.url).origin, cleared: ['write', 'read'] }),
    ]);
    await k.call('memberCard', { memberId: DEMO.goldMember });
    expect(other.seen.filter((r) => r.authorization !== undefined)).toEqual([]);
  });
});
