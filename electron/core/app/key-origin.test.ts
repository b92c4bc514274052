/**
 * Finding: the write key went wherever `baseUrl` pointed. Each attack runs against the real core
 * (settings file, vault, journal, API clients) with the real sandbox as SocialHub and a second
 * loopback server as the "foreign host", which records every Authorization header it is sent.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import type { SandboxHandle } from '../../sandbox/server.ts';
import { createFakeKeyCrypto } from '../keys/testing/fake-key-crypto.ts';
import { createTillKit } from './testing/till-kit.ts';
import type { TillKit, TillKitOptions } from './testing/till-kit.ts';

const WRITE = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const READ = 'fl_live_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';

interface ForeignHost {
  url: string;
  /** Every request it received, with the Authorization header if one came. */
  seen: { path: string; authorization: string | undefined }[];
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function foreignHost(): Promise<ForeignHost> {
  const seen: ForeignHost['seen'] = [];
  const server = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[],"total":0,"limit":1,"offset":0}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`, seen };
}

async function socialHub(): Promise<SandboxHandle> {
  const api = await startSandbox({ quiet: true, keys: { write: WRITE, read: READ } });
  cleanup.push(() => api.close());
  return api;
}

async function kit(options: TillKitOptions): Promise<TillKit> {
  const k = await createTillKit(options);
  cleanup.push(() => k.close());
  return k;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-origin-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const live = (baseUrl: string) => ({ mode: 'live' as const, baseUrl, storeId: DEMO.storeId, tillId: 'L1', requestTimeoutMs: 2000 });

describe('keys are sealed to their origin', () => {
  it('a settings file pointed at another host between launches: no request carries a key, and the manager sees a notice', async () => {
    const api = await socialHub();
    const foreign = await foreignHost();
    const dataDir = tempDir();
    const crypto = createFakeKeyCrypto(); // the same "OS keyring" across both launches

    const first = await createTillKit({ dataDir, crypto, settings: live(api.url) });
    await first.unlock();
    expect(await first.call('keysSet', { kind: 'write', key: WRITE })).toMatchObject({ ok: true, value: { write: { origin: new URL(api.url).origin } } });
    expect(await first.call('keysSet', { kind: 'read', key: READ })).toMatchObject({ ok: true });
    await first.close();

    // The attack: only settings.json changes (createTillKit writes the given settings as the file).
    const second = await kit({ dataDir, crypto, settings: live(foreign.url) });
    const card = await second.call('memberCard', { memberId: DEMO.goldMember });
    expect(card).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } });
    await second.unlock();
    expect(await second.call('keysTest', { kind: 'write' })).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } });
    expect(await second.call('storesList', {})).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } });

    expect(foreign.seen.filter((r) => r.authorization !== undefined)).toEqual([]);
    const notices = second.notices.list().filter((n) => n.kind === 'keys-not-sent');
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]?.message).toContain(`set for ${new URL(api.url).origin} but the till now points at ${new URL(foreign.url).origin}`);
    expect(await second.call('appInfo')).toMatchObject({ ok: true, value: { notices: expect.arrayContaining([expect.objectContaining({ kind: 'keys-not-sent' })]) as unknown } });
  });

  it('an unlocked manager re-pointing the till (settings:update, then keys:test) wipes the keys, journals it, and leaks nothing', async () => {
    const api = await socialHub();
    const foreign = await foreignHost();
    const k = await kit({ settings: live(api.url) });
    await k.unlock();
    await k.call('keysSet', { kind: 'write', key: WRITE });
    await k.call('keysSet', { kind: 'read', key: READ });

    expect(await k.call('settingsUpdate', { baseUrl: foreign.url })).toMatchObject({ ok: true });
    expect(await k.call('keysTest', { kind: 'write' })).toMatchObject({ ok: false, error: { code: 'KEY_NOT_CONFIGURED' } });
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'READ_KEY_MISSING' } });
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: false }, read: { configured: false } } });
    expect(foreign.seen.filter((r) => r.authorization !== undefined)).toEqual([]);

    const journal = k.core.journal.current();
    expect(journal?.keyOriginChanges()).toEqual([
      expect.objectContaining({ fromOrigin: new URL(api.url).origin, toOrigin: new URL(foreign.url).origin, cleared: ['write', 'read'], actor: 'manager@L1' }),
    ]);
    expect(k.notices.list()).toEqual([expect.objectContaining({ kind: 'keys-cleared' })]);

    // A path change on the same origin keeps the keys.
    await k.call('settingsUpdate', { baseUrl: api.url });
    await k.call('keysSet', { kind: 'read', key: READ });
    expect(await k.call('settingsUpdate', { baseUrl: `${new URL(api.url).origin}/api/v2/` })).toMatchObject({ ok: true });
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { read: { configured: true } } });
  });
});

describe('a release build sends live keys only to an allow-listed https origin', () => {
  it('a foreign base URL in the settings file: refused before anything is sent, with a notice', async () => {
    const k = await kit({ packaged: true, settings: live('https://evil.example/api/v2') });
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'BASE_URL_NOT_ALLOWED' } });
    expect(k.notices.list()).toEqual([expect.objectContaining({ kind: 'keys-not-sent', message: expect.stringContaining('Keys are not sent to evil.example') as unknown })]);
    await k.unlock();
    expect(await k.call('keysSet', { kind: 'write', key: WRITE })).toMatchObject({ ok: false, error: { code: 'BASE_URL_NOT_ALLOWED' } });
  });

  it('the manager can choose only allow-listed https hosts; loopback http is for development builds', async () => {
    const k = await kit({ packaged: true });
    await k.unlock();
    const refused = async (baseUrl: string) => expect(await k.call('settingsUpdate', { baseUrl })).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', issues: [{ path: ['baseUrl'] }] } });
    await refused('http://127.0.0.1:4010/api/v2');
    await refused('https://evil.example/api/v2');
    await refused('https://socialhub.ai.evil.example/api/v2');
    expect(await k.call('settingsUpdate', { baseUrl: 'https://eu.socialhub.ai/api/v2' })).toMatchObject({ ok: true });
    expect(await k.call('settingsUpdate', { mode: 'live' })).toMatchObject({ ok: true, value: { mode: 'live', baseUrl: 'https://eu.socialhub.ai/api/v2' } });
  });

  it('sandbox mode still works out of the box with its own read key', async () => {
    const k = await kit({ packaged: true });
    const card = await k.call('memberCard', { memberId: DEMO.goldMember });
    expect(card).toMatchObject({ ok: true, value: { tier: { ok: true } } });
    expect(new Set(k.sandbox().audit().map((a) => a.keyId))).toEqual(new Set(['key_demo_read']));
  });
});
