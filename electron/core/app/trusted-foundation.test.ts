/**
 * Issue #11, finding 2 — manager trust must not rest on a file the OS user can delete or edit.
 * Each attack is replayed on a real data folder (settings file, key vault, trust file, PIN file,
 * journal, embedded sandbox) between two starts of the real app core, then driven through the
 * IPC door the renderer uses.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../../../shared/ipc/schemas/settings.ts';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit, TEST_PIN } from './testing/till-kit.ts';
import type { TillKit, TillKitOptions } from './testing/till-kit.ts';
import { PIN_FILE, TRUST_FILE } from './trusted-foundation.ts';

const SANDBOX_WRITE = 'fl_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const SANDBOX_READ = 'fl_test_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';
const LIVE_WRITE = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const LIVE_READ = 'fl_live_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';
const NEW_PIN = '613572';

/** Somebody else's host: records every request that reaches it. */
interface Listener {
  url: string;
  requests: { url: string; authorization: string | null }[];
  close(): Promise<void>;
}
async function listener(): Promise<Listener> {
  const requests: Listener['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization ?? null });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"stores":[],"total":0}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let evil: Listener;
let legit: Listener;
beforeAll(async () => {
  evil = await listener();
  legit = await listener();
});
afterAll(async () => {
  await evil.close();
  await legit.close();
});

const open: TillKit[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const k of open.splice(0)) await k.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  evil.requests.length = 0;
  legit.requests.length = 0;
});

async function start(options: TillKitOptions): Promise<TillKit> {
  const k = await createTillKit(options);
  open.push(k);
  return k;
}

async function stop(k: TillKit): Promise<void> {
  open.splice(open.indexOf(k), 1);
  await k.close();
}

/** A till in daily use: PIN set with the set-up code shown at its first run, both keys stored. Then closed. */
async function tillInUse(): Promise<{ dataDir: string; setupCode: string; first: TillKit }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-trust-'));
  dirs.push(dataDir);
  const first = await start({ dataDir, settings: { mode: 'sandbox' } });
  const status = await first.call('pinStatus');
  expect(status).toMatchObject({ ok: true, value: { setup: 'first-run' } });
  const setupCode = (status as { value: { setupCode: string } }).value.setupCode;
  expect(await first.call('pinSet', { newPin: TEST_PIN, setupCode })).toMatchObject({ ok: true, value: { configured: true, unlocked: true } });
  expect(await first.call('settingsUpdate', { storeId: DEMO.storeId, tillId: 'T1' })).toMatchObject({ ok: true });
  expect(await first.call('keysSet', { kind: 'write', key: SANDBOX_WRITE })).toMatchObject({ ok: true });
  expect(await first.call('keysSet', { kind: 'read', key: SANDBOX_READ })).toMatchObject({ ok: true });
  await stop(first);
  return { dataDir, setupCode, first };
}

/** The next start of the same till (same keyring), with whatever is on disk now. */
const restart = (dataDir: string, first: TillKit) => start({ dataDir, crypto: first.crypto, settings: null });

async function expectLocked(k: TillKit): Promise<void> {
  expect(await k.call('pinStatus')).toMatchObject({ ok: true, value: { configured: false, unlocked: false, setup: 'reset-required', setupCode: null } });
  expect(await k.call('pinVerify', { pin: TEST_PIN })).toMatchObject({ ok: true, value: { result: 'not-set' } });
  // The reproduced attack: a cashier sets a PIN of their own, then goes live elsewhere.
  expect(await k.call('pinSet', { newPin: NEW_PIN })).toMatchObject({ ok: false, error: { code: 'SETUP_CODE_REQUIRED' } });
  expect(await k.call('pinSet', { newPin: NEW_PIN, setupCode: 'AAAA-BBBB-CCCC' })).toMatchObject({ ok: false, error: { code: 'SETUP_CODE_WRONG' } });
  expect(await k.call('settingsUpdate', { mode: 'live', baseUrl: evil.url })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  expect(await k.call('keysTest', { kind: 'write' })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  expect(evil.requests).toEqual([]);
}

describe('a PIN record the OS user deleted or edited, with keys stored', () => {
  it('deleted: locked; pin:set refused without the set-up code; the code from the first run resets it', async () => {
    const { dataDir, setupCode, first } = await tillInUse();
    fs.rmSync(path.join(dataDir, PIN_FILE));
    const k = await restart(dataDir, first);
    await expectLocked(k);
    expect(await k.call('pinSet', { newPin: NEW_PIN, setupCode })).toMatchObject({ ok: true, value: { configured: true, unlocked: true } });
    const info = await k.call('appInfo');
    expect(info).toMatchObject({ ok: true, value: { notices: [expect.objectContaining({ kind: 'pin-untrusted' })] } });
    // The keys survived: the owner of the code lost nothing.
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: true }, read: { configured: true } } });
  });

  it('`null` written into it: locked', async () => {
    const { dataDir, first } = await tillInUse();
    fs.writeFileSync(path.join(dataDir, PIN_FILE), 'null');
    await expectLocked(await restart(dataDir, first));
  });

  it('tampered (a lockout counter edited away, or the hash swapped): locked', async () => {
    const { dataDir, first } = await tillInUse();
    const file = path.join(dataDir, PIN_FILE);
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({ ...record, failedAttempts: 0, lockouts: 0, lockoutRemainingMs: 0, salt: Buffer.alloc(16, 7).toString('base64') }));
    await expectLocked(await restart(dataDir, first));
  });

  it('the trust file deleted too: the old code is void; only clearing keys and settings starts over', async () => {
    const { dataDir, setupCode, first } = await tillInUse();
    fs.rmSync(path.join(dataDir, PIN_FILE));
    fs.rmSync(path.join(dataDir, TRUST_FILE));
    const k = await restart(dataDir, first);
    expect(await k.call('pinStatus')).toMatchObject({ ok: true, value: { setup: 'reset-required', setupCodeUsable: false } });
    expect(await k.call('pinSet', { newPin: NEW_PIN, setupCode })).toMatchObject({ ok: false, error: { code: 'SETUP_CODE_UNAVAILABLE' } });
    expect(await k.call('tillReset', { confirm: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    const reset = await k.call('tillReset', { confirm: 'clear keys and settings' });
    expect(reset).toMatchObject({ ok: true, value: { setup: 'first-run', configured: false } });
    const newCode = (reset as { value: { setupCode: string } }).value.setupCode;
    expect(newCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(newCode).not.toBe(setupCode);
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: false }, read: { configured: false } } });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', storeId: null, tillId: null } });
    expect(await k.call('pinSet', { newPin: NEW_PIN, setupCode })).toMatchObject({ ok: false, error: { code: 'SETUP_CODE_WRONG' } });
    expect(await k.call('pinSet', { newPin: NEW_PIN, setupCode: newCode })).toMatchObject({ ok: true, value: { configured: true } });
  });

  it('the till reset is refused while a trusted PIN exists (a cashier cannot wipe a working till)', async () => {
    const { dataDir, first } = await tillInUse();
    const k = await restart(dataDir, first);
    expect(await k.call('tillReset', { confirm: 'clear keys and settings' })).toMatchObject({ ok: false, error: { code: 'RESET_NOT_ALLOWED' } });
    expect(await k.call('keysStatus')).toMatchObject({ ok: true, value: { write: { configured: true } } });
  });
});

describe('settings edited outside the till', () => {
  /** A live till on the legit host with live keys, closed; then the file is edited. */
  async function liveTill(): Promise<{ dataDir: string; first: TillKit }> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-trust-'));
    dirs.push(dataDir);
    const first = await start({ dataDir, settings: { mode: 'sandbox' } });
    await first.unlock();
    expect(await first.call('settingsUpdate', { mode: 'live', baseUrl: legit.url, storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 })).toMatchObject({ ok: true });
    expect(await first.call('keysSet', { kind: 'write', key: LIVE_WRITE })).toMatchObject({ ok: true });
    expect(await first.call('keysSet', { kind: 'read', key: LIVE_READ })).toMatchObject({ ok: true });
    await stop(first);
    return { dataDir, first };
  }

  function edit(dataDir: string, patch: Record<string, unknown>): void {
    const file = path.join(dataDir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ ...(JSON.parse(fs.readFileSync(file, 'utf8')) as object), ...patch }));
  }

  it('a foreign base URL: not trusted, sandbox mode, no request carries a key, the manager sees a notice', async () => {
    const { dataDir, first } = await liveTill();
    // A trusted restart first: the MAC holds, and the till talks to its own host.
    const again = await restart(dataDir, first);
    expect(await again.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'live', baseUrl: legit.url } });
    await stop(again);

    edit(dataDir, { baseUrl: evil.url });
    const k = await restart(dataDir, first);
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', baseUrl: DEFAULT_BASE_URL, storeId: null, tillId: 'T1' } });
    await k.call('memberCard', { memberId: DEMO.goldMember });
    await k.call('statusGet');
    await k.unlock();
    await k.call('storesList', {});
    await k.call('keysTest', { kind: 'read' });
    expect(evil.requests).toEqual([]);
    expect(await k.call('appInfo')).toMatchObject({ ok: true, value: { mode: 'sandbox', notices: expect.arrayContaining([expect.objectContaining({ kind: 'settings-untrusted' })]) as unknown } });
    // The file keeps what was found (for the manager to see); nothing in it is used until a manager sets it.
    expect((JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { baseUrl: string }).baseUrl).toBe(evil.url);
  });

  it('mode switched to live by hand on a sandbox till: not trusted either', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-trust-'));
    dirs.push(dataDir);
    const first = await start({ dataDir });
    await stop(first);
    edit(dataDir, { mode: 'live', baseUrl: evil.url });
    const k = await restart(dataDir, first);
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', baseUrl: DEFAULT_BASE_URL } });
    expect(k.core.apiBaseUrl()).toBe(k.sandbox().url);
    expect(evil.requests).toEqual([]);
  });

  it('a change by the manager carries a new MAC: trusted again from the next start', async () => {
    const { dataDir, first } = await liveTill();
    edit(dataDir, { storeId: 'st_other' });
    const k = await restart(dataDir, first);
    expect(await k.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', storeId: null } });
    await k.unlock();
    // A change to an unrelated field must not bless the edited values.
    expect(await k.call('settingsUpdate', { kiosk: true })).toMatchObject({ ok: true, value: { mode: 'sandbox', storeId: null, kiosk: true } });
    expect(await k.call('settingsUpdate', { mode: 'live', baseUrl: legit.url, storeId: DEMO.storeId })).toMatchObject({ ok: true });
    await stop(k);
    const next = await restart(dataDir, first);
    expect(await next.call('settingsGet')).toMatchObject({ ok: true, value: { mode: 'live', baseUrl: legit.url, storeId: DEMO.storeId } });
    expect(await next.call('appInfo')).toMatchObject({ ok: true, value: { notices: [] } });
  });
});

describe('the PIN rule at the door', () => {
  it('refuses a 5-digit PIN with the rule, for setting and for verifying', async () => {
    const k = await start({ settings: { mode: 'sandbox' } });
    const code = ((await k.call('pinStatus')) as { value: { setupCode: string } }).value.setupCode;
    expect(await k.call('pinSet', { newPin: '48291', setupCode: code })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', issues: [{ path: ['newPin'], message: 'a PIN is 6 to 12 digits' }] } });
    expect(await k.call('pinVerify', { pin: '48291' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await k.call('pinSet', { newPin: '482913', setupCode: code })).toMatchObject({ ok: true });
  });
});
