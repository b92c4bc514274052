import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { invokeContract } from '../../../shared/ipc/contract.ts';
import type { InvokeKey } from '../../../shared/ipc/contract.ts';
import { createFoundationKit } from './foundation-test-kit.ts';

const WRITE_KEY = 'fl_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const READ_KEY = 'fl_test_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';

/** A fake SocialHub that echoes the Authorization header back, to prove the key tester never relays a body. */
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ stores: [], total: 0, auth: req.headers.authorization })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
});
afterAll(() => server.close());

let kit: ReturnType<typeof createFoundationKit>;
afterEach(() => kit?.cleanup());

/** A valid payload for every channel: adding a channel to the contract without one here fails to compile. */
const validPayloads: Record<InvokeKey, () => unknown> = {
  settingsGet: () => undefined,
  settingsUpdate: () => ({ tillId: 'till-01', storeId: 'st_01' }),
  keysStatus: () => undefined,
  keysSet: () => ({ kind: 'read', key: READ_KEY }),
  keysTest: () => ({ kind: 'write' }),
  keysClear: () => ({ kind: 'read' }),
  keysAllowPlainText: () => ({ acknowledge: true }),
  pinStatus: () => undefined,
  pinSet: () => ({ newPin: '2580', currentPin: '2580' }),
  pinVerify: () => ({ pin: '2580' }),
  pinLock: () => undefined,
  appInfo: () => undefined,
  appDismissNotice: () => ({ id: 'no-such-notice' }),
};

describe('no response on any channel contains key material', () => {
  it('drives every channel with both keys configured and finds no key bytes', async () => {
    kit = createFoundationKit({ apiBaseUrl: () => base });
    expect((await kit.call('pinSet', { newPin: '2580' })).ok).toBe(true);
    expect((await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).ok).toBe(true);
    expect((await kit.call('keysSet', { kind: 'read', key: READ_KEY })).ok).toBe(true);
    expect(kit.vault.secrets().length).toBe(2);

    const transcript: string[] = [];
    // Order matters only for the destructive ones: clear and lock go last.
    const order = (Object.keys(invokeContract) as InvokeKey[]).sort((a, b) => Number(a === 'keysClear' || a === 'pinLock') - Number(b === 'keysClear' || b === 'pinLock'));
    for (const key of order) {
      const envelope = await kit.call(key, validPayloads[key]());
      transcript.push(JSON.stringify(envelope));
      // Not just "blocked by the scrubber": the handlers themselves answer normally.
      expect(envelope, key).toMatchObject({ ok: true });
    }
    const all = transcript.join('\n');
    for (const secret of [WRITE_KEY, READ_KEY]) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(secret.slice(8)); // the token part, without the well-known prefix
      expect(all).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(all).toContain('fl_test_…Hj0K'); // masks are what the UI gets
    expect(transcript.find((t) => t.includes('"outcome"'))).toContain('"accepted"');
    expect(JSON.stringify(kit.logged)).not.toContain(WRITE_KEY.slice(8));
  });
});

describe('foundation channels', () => {
  it('keeps manager channels locked until the PIN is verified, and relocks', async () => {
    kit = createFoundationKit();
    expect(await kit.call('settingsUpdate', { kiosk: true })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await kit.call('pinSet', { newPin: '2580' });
    expect(await kit.call('settingsUpdate', { kiosk: true })).toMatchObject({ ok: true, value: { kiosk: true } });
    await kit.call('pinLock');
    expect(await kit.call('settingsUpdate', { kiosk: false })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await kit.call('pinVerify', { pin: '0000' })).toMatchObject({ ok: true, value: { result: 'wrong', attemptsLeft: 4 } });
    expect(await kit.call('pinVerify', { pin: '2580' })).toMatchObject({ ok: true, value: { result: 'unlocked' } });
    kit.clock.t += 6 * 60_000; // past the 5-minute auto-lock
    expect(await kit.call('settingsUpdate', { kiosk: false })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('round-trips settings through the channel', async () => {
    kit = createFoundationKit();
    await kit.call('pinSet', { newPin: '2580' });
    await kit.call('settingsUpdate', { tillId: 'till-09', managerAutoLockMinutes: 15 });
    expect(await kit.call('settingsGet')).toMatchObject({ ok: true, value: { tillId: 'till-09', managerAutoLockMinutes: 15 } });
    expect(await kit.call('pinStatus')).toMatchObject({ ok: true, value: { autoLockMinutes: 15 } });
  });

  it("applies main's base-URL policy behind the door: plain http only to loopback", async () => {
    kit = createFoundationKit();
    await kit.call('pinSet', { newPin: '2580' });
    const refused = await kit.call('settingsUpdate', { baseUrl: 'http://flash.socialhub.ai/api/v2' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', issues: [{ path: ['baseUrl'] }] } });
    expect(await kit.call('settingsUpdate', { baseUrl: 'http://127.0.0.1:4010/api/v2/' })).toMatchObject({ ok: true, value: { baseUrl: 'http://127.0.0.1:4010/api/v2' } });
  });

  it('refuses a live key in a sandbox till and the reverse', async () => {
    kit = createFoundationKit();
    await kit.call('pinSet', { newPin: '2580' });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY.replace('fl_test_', 'fl_live_') })).toMatchObject({ ok: false, error: { code: 'KEY_MODE_MISMATCH' } });
    await kit.call('settingsUpdate', { mode: 'live' });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: false, error: { code: 'KEY_MODE_MISMATCH' } });
  });

  it('on a machine without a keyring: refuses, reports the tier, stores after the explicit opt-in', async () => {
    kit = createFoundationKit({ backend: 'basic_text' });
    await kit.call('pinSet', { newPin: '2580' });
    expect(await kit.call('appInfo')).toMatchObject({ ok: true, value: { mode: 'sandbox', storage: { backend: 'basic_text', protected: false, optedInPlainText: false } } });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: false, error: { code: 'KEYRING_UNPROTECTED' } });
    expect(await kit.call('keysAllowPlainText', { acknowledge: false })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await kit.call('keysAllowPlainText', { acknowledge: true })).toMatchObject({ ok: true, value: { storage: { optedInPlainText: true, optedInAt: '2026-11-25T10:00:00.000Z' } } });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: true, value: { write: { configured: true }, storage: { protected: false } } });
  });

  it('tests a key that is not configured with a typed error', async () => {
    kit = createFoundationKit();
    await kit.call('pinSet', { newPin: '2580' });
    expect(await kit.call('keysTest', { kind: 'read' })).toMatchObject({ ok: false, error: { code: 'KEY_NOT_CONFIGURED' } });
  });

  it('lists and dismisses notices', async () => {
    kit = createFoundationKit();
    const n = kit.notices.raise('settings-quarantined', 'The settings file was moved aside.');
    expect(await kit.call('appInfo')).toMatchObject({ ok: true, value: { notices: [{ id: n.id, kind: 'settings-quarantined' }] } });
    await kit.call('pinSet', { newPin: '2580' });
    expect(await kit.call('appDismissNotice', { id: n.id })).toEqual({ ok: true, value: { notices: [] } });
  });
});

describe('key test target', () => {
  it('answers API_UNAVAILABLE when there is nothing to call', async () => {
    kit = createFoundationKit({ apiBaseUrl: () => null });
    await kit.call('pinSet', { newPin: '2580' });
    await kit.call('keysSet', { kind: 'read', key: READ_KEY });
    expect(await kit.call('keysTest', { kind: 'read' })).toMatchObject({ ok: false, error: { code: 'API_UNAVAILABLE' } });
  });
});
