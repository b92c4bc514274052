import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { invokeContract } from '../../../shared/ipc/contract.ts';
import type { InvokeKey } from '../../../shared/ipc/contract.ts';
import { DEFAULT_BASE_URL } from '../../../shared/ipc/schemas/settings.ts';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import { createTillKit, TEST_PIN } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { createFoundationKit, KIT_PIN } from './testing/foundation-kit.ts';
import { calendarDateAt } from '../../../shared/time/business-day.ts';

const WRITE_KEY = 'fl_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const READ_KEY = 'fl_test_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';
const LIVE_WRITE_KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const LIVE_READ_KEY = 'fl_live_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';

/** A fake SocialHub that echoes the Authorization header back, to prove the key tester never relays a body. */
let server: http.Server;
let base: string;
beforeAll(async () => {
  server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ stores: [], total: 0, auth: req.headers.authorization })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
});
afterAll(() => server.close());

let kit: Awaited<ReturnType<typeof createFoundationKit>>;
afterEach(() => kit?.cleanup());

/** What the till channels' payloads refer to: rows made before the drive (parkedAward) or by earlier calls. */
interface Drive {
  readKey: string;
  posTxnId: string;
  awardId: number;
  verifyId: number;
  resendId: number;
  resolveId: number;
  requeueId: number;
  clawbackId: number;
  date: string;
  /** A sale the POS link accepted before the drive. */
  posSaleTxnId: string;
}

/** A valid payload for every channel: adding a channel to the contract without one here fails to compile. */
const validPayloads: Record<InvokeKey, (d: Drive) => unknown> = {
  settingsGet: () => undefined,
  // The store stays: the journal holds this run's sales, so another store would be refused.
  settingsUpdate: () => ({ tillId: 'till-01' }),
  keysStatus: () => undefined,
  keysSet: (d) => ({ kind: 'read', key: d.readKey }),
  keysTest: () => ({ kind: 'write' }),
  keysClear: () => ({ kind: 'read' }),
  keysAllowPlainText: () => ({ acknowledge: true }),
  pinStatus: () => undefined,
  pinSet: () => ({ newPin: TEST_PIN, currentPin: TEST_PIN }),
  pinVerify: () => ({ pin: TEST_PIN }),
  pinLock: () => undefined,
  tillReset: () => ({ confirm: 'clear keys and settings' }),
  appInfo: () => undefined,
  appDismissNotice: () => ({ id: 'no-such-notice' }),
  scanSeen: () => ({ source: 'wedge' }),
  // --- till: cashier ---
  memberCard: () => ({ memberId: DEMO.memberWithCoupons }),
  awardPreview: () => ({ memberId: DEMO.memberWithCoupons, saleTotal: '19.99' }),
  awardSubmit: (d) => ({ memberId: DEMO.memberWithCoupons, posTxnId: d.posTxnId, saleTotal: '19.99' }),
  couponRedeem: (d) => ({ couponId: DEMO.activeCoupons[0], memberId: DEMO.memberWithCoupons, linkedPosTxnId: d.posTxnId }),
  couponVerdict: () => ({ couponId: DEMO.activeCoupons[0] }),
  saleLookup: (d) => ({ posTxnId: d.posTxnId }),
  saleReturn: (d) => ({ posTxnId: d.posTxnId, returnId: 'R1', mode: 'proportional', returnedAmount: '5.00' }),
  journalDetail: (d) => ({ id: d.awardId }),
  statusGet: () => undefined,
  // --- till: manager ---
  journalList: () => ({ filter: { kinds: ['award'] }, limit: 50 }),
  journalRow: (d) => ({ id: d.verifyId }),
  journalExport: () => ({ filter: {} }),
  journalVerify: (d) => ({ id: d.verifyId }),
  journalResend: (d) => ({ id: d.resendId }),
  journalResolve: (d) => ({ id: d.resolveId, reason: 'Customer left; closed by the manager.' }),
  journalRequeue: (d) => ({ id: d.requeueId, memberId: DEMO.platinumMember, reason: 'The card was mistyped at the till.' }),
  adjustmentSubmit: () => ({ memberId: DEMO.goldMember, points: 25, reasonCode: 'GOODWILL', note: 'Coffee machine was down', ref: 'foundation-adj-1' }),
  exceptionsList: () => undefined,
  exceptionResolve: (d) => ({ clawbackId: d.clawbackId, note: 'Coupon kept by the customer.' }),
  apiActivityList: () => ({ limit: 50 }),
  apiActivityExport: () => ({}),
  reconcileRun: (d) => ({ date: d.date }),
  reconcileExport: (d) => ({ date: d.date }),
  storesList: () => ({ limit: 10 }),
  policyStatus: () => undefined,
  supportSaveBundle: () => undefined,
  // --- POS link ---
  posSaleCurrent: () => undefined,
  posSaleAward: (d) => ({ posTxnId: d.posSaleTxnId, memberId: DEMO.memberWithCoupons }),
  posReceiptCode: () => ({ code: 'T90871*19.99' }),
  posLinkStatus: () => undefined,
  posLinkConfigure: () => ({ enabled: false }),
  posLinkTokenCreate: () => undefined,
  posLinkTokenRotate: () => undefined,
  posLinkTokenRevoke: () => undefined,
  posLinkShare: () => ({}),
};

/** Some payloads refer to rows an earlier call makes; the destructive ones (clear, lock) go last. */
const ORDER: InvokeKey[] = [
  'settingsGet', 'keysStatus', 'keysSet', 'keysTest', 'keysAllowPlainText', 'pinStatus', 'pinSet', 'pinVerify', 'tillReset', 'appInfo', 'appDismissNotice', 'scanSeen',
  'statusGet', 'memberCard', 'posSaleCurrent', 'posSaleAward', 'posReceiptCode', 'awardPreview', 'awardSubmit', 'couponRedeem', 'couponVerdict', 'saleLookup', 'saleReturn', 'journalDetail',
  'journalList', 'journalRow', 'journalExport', 'journalVerify', 'journalResend', 'journalResolve', 'journalRequeue',
  'adjustmentSubmit', 'exceptionsList', 'exceptionResolve',
  'apiActivityList', 'apiActivityExport', 'reconcileRun', 'reconcileExport', 'storesList', 'policyStatus', 'supportSaveBundle',
  'posLinkStatus', 'posLinkConfigure', 'posLinkTokenCreate', 'posLinkTokenRotate', 'posLinkTokenRevoke', 'posLinkShare', 'settingsUpdate', 'keysClear', 'pinLock',
];

function today(): string {
  return calendarDateAt(Date.now());
}

/** A queued award the drainer will not touch for an hour (so only the manager's action moves it). */
function parkedAward(k: TillKit, posTxnId: string, state: 'queued' | 'needs-attention' | 'rejected'): number {
  const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T1', posTxnId });
  const journal = k.core.journal.journal();
  const { row } = journal.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T1', memberId: DEMO.goldMember, posTxnId, amount: 7, description, token: description, nextAttemptAt: Date.now() + 3_600_000 });
  if (state === 'needs-attention') journal.transition(row.id, { from: ['queued'], to: 'needs-attention', actor: 'test', patch: { reasonCode: 'test' } });
  if (state === 'rejected') {
    journal.transition(row.id, { from: ['queued'], to: 'sending', owner: 'test', leaseMs: 1000 });
    journal.transition(row.id, { from: ['sending'], to: 'rejected', owner: 'test', outcome: { httpStatus: 404 } });
  }
  return row.id;
}

describe('no response on any channel contains key material', () => {
  it('has a payload and a place in the drive order for every channel', () => {
    expect([...ORDER].sort()).toEqual(Object.keys(invokeContract).sort());
  });

  // Live: the vault's keys are the secrets. Sandbox: the vault's and the embedded sandbox's keys and admin token.
  it.each(['live', 'sandbox'] as const)('drives every channel (%s mode) and finds no key bytes', async (mode) => {
    const live = mode === 'live';
    const write = live ? LIVE_WRITE_KEY : WRITE_KEY;
    const read = live ? LIVE_READ_KEY : READ_KEY;
    const api = live ? await startSandbox({ quiet: true, keys: { write, read } }) : null;
    const k = await createTillKit({ settings: { mode, baseUrl: api?.url ?? DEFAULT_BASE_URL, storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000, posLink: { receiptCodePattern: 'T(?<txn>\\d+)\\*(?<total>\\d+\\.\\d\\d)' } } });
    try {
      expect((await k.call('pinSet', { newPin: TEST_PIN, setupCode: k.setupCode() })).ok).toBe(true);
      // Keys are sealed to the configured origin; in sandbox mode the key test calls the embedded sandbox, so point there.
      if (!live) expect(await k.call('settingsUpdate', { baseUrl: k.sandbox().url })).toMatchObject({ ok: true });
      expect(await k.call('keysSet', { kind: 'write', key: write })).toMatchObject({ ok: true });
      expect(await k.call('keysSet', { kind: 'read', key: read })).toMatchObject({ ok: true });
      const target = api ?? k.sandbox();
      const secrets = [write, read, ...(live ? [] : [target.keys.write, target.keys.read, target.keys.otherTenant, target.adminToken])];

      const d: Drive = {
        readKey: read,
        posTxnId: `X${Date.now().toString(36)}`,
        awardId: 0,
        verifyId: parkedAward(k, 'V1', 'needs-attention'),
        resendId: parkedAward(k, 'V2', 'queued'),
        resolveId: parkedAward(k, 'V3', 'queued'),
        requeueId: parkedAward(k, 'V4', 'rejected'),
        clawbackId: 0,
        date: today(),
        posSaleTxnId: `P${Date.now().toString(36)}`,
      };
      await k.core.posLink.service.putSale(d.posSaleTxnId, { total: '19.99', currency: 'USD' });
      const transcript: string[] = [];
      for (const key of ORDER) {
        const envelope = await k.call(key, validPayloads[key](d));
        transcript.push(JSON.stringify(envelope));
        // Not just "blocked by the scrubber": the handlers themselves answer normally
        // (the till reset refuses, as it must while a trusted PIN exists).
        expect(envelope, key).toMatchObject(key === 'tillReset' ? { ok: false, error: { code: 'RESET_NOT_ALLOWED' } } : { ok: true });
        if (!envelope.ok) continue;
        if (key === 'awardSubmit') d.awardId = (envelope.value as { row: { id: number } }).row.id;
        if (key === 'saleReturn') d.clawbackId = (envelope.value as { row: { id: number } }).row.id;
      }
      const all = transcript.join('\n');
      for (const secret of secrets) {
        expect(all).not.toContain(secret);
        expect(all).not.toContain(secret.slice(8)); // the token part, without the well-known prefix
        expect(all).not.toContain(Buffer.from(secret).toString('base64'));
        expect(JSON.stringify(k.logged)).not.toContain(secret.slice(8));
        expect(JSON.stringify(k.sent)).not.toContain(secret.slice(8));
      }
      expect(all).toContain(live ? 'fl_live_…Hj0K' : 'fl_test_…Hj0K'); // masks are what the UI gets
      if (live) expect(transcript.find((t) => t.includes('"outcome"'))).toContain('"accepted"');
    } finally {
      await k.close();
      await api?.close();
    }
  });
});

describe('the key tester', () => {
  it('never relays what the server sends back (an echo of the Authorization header)', async () => {
    kit = await createFoundationKit({ apiBaseUrl: () => base });
    await kit.firstPin();
    await kit.call('settingsUpdate', { baseUrl: base }); // the key is sealed to this origin, so the test may call it
    await kit.call('keysSet', { kind: 'write', key: WRITE_KEY });
    const envelope = await kit.call('keysTest', { kind: 'write' });
    expect(envelope).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
    expect(JSON.stringify(envelope)).not.toContain(WRITE_KEY.slice(8));
    expect(JSON.stringify(kit.logged)).not.toContain(WRITE_KEY.slice(8));
  });
});

describe('foundation channels', () => {
  it('keeps manager channels locked until the PIN is verified, and relocks', async () => {
    kit = await createFoundationKit();
    expect(await kit.call('settingsUpdate', { kiosk: true })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await kit.firstPin();
    expect(await kit.call('settingsUpdate', { kiosk: true })).toMatchObject({ ok: true, value: { kiosk: true } });
    await kit.call('pinLock');
    expect(await kit.call('settingsUpdate', { kiosk: false })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await kit.call('pinVerify', { pin: '000000' })).toMatchObject({ ok: true, value: { result: 'wrong', attemptsLeft: 4 } });
    expect(await kit.call('pinVerify', { pin: KIT_PIN })).toMatchObject({ ok: true, value: { result: 'unlocked' } });
    kit.clock.m += 6 * 60_000; // past the 5-minute auto-lock, on the monotonic clock
    expect(await kit.call('settingsUpdate', { kiosk: false })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it.each(['123456', '111111', '654321'])('refuses the guessable new PIN %s on the first PIN, a change and a reset with the set-up code', async (weak) => {
    kit = await createFoundationKit();
    const tooEasy = { ok: false, error: { code: 'PIN_TOO_EASY', messageId: 'manager.pin.tooEasy', message: expect.stringContaining('harder to guess') as unknown } };
    const code = kit.setupCode();
    expect(await kit.call('pinSet', { newPin: weak, setupCode: code })).toMatchObject(tooEasy);
    expect(await kit.call('pinStatus')).toMatchObject({ ok: true, value: { configured: false } });
    expect(await kit.call('pinSet', { newPin: KIT_PIN, setupCode: code })).toMatchObject({ ok: true, value: { configured: true } });
    expect(await kit.call('pinSet', { newPin: weak, currentPin: KIT_PIN })).toMatchObject(tooEasy);
    expect(await kit.call('pinSet', { newPin: '730194', currentPin: KIT_PIN })).toMatchObject({ ok: true });
    expect(await kit.call('pinSet', { newPin: weak, setupCode: code })).toMatchObject(tooEasy);
    expect(await kit.call('pinSet', { newPin: '502817', setupCode: code })).toMatchObject({ ok: true });
    await kit.call('pinLock');
    expect(await kit.call('pinVerify', { pin: weak })).toMatchObject({ ok: true, value: { result: 'wrong' } });
    expect(await kit.call('pinVerify', { pin: '502817' })).toMatchObject({ ok: true, value: { result: 'unlocked' } });
  });

  it('round-trips settings through the channel', async () => {
    kit = await createFoundationKit();
    await kit.firstPin();
    await kit.call('settingsUpdate', { tillId: 'till-09', managerAutoLockMinutes: 15 });
    expect(await kit.call('settingsGet')).toMatchObject({ ok: true, value: { tillId: 'till-09', managerAutoLockMinutes: 15 } });
    expect(await kit.call('pinStatus')).toMatchObject({ ok: true, value: { autoLockMinutes: 15 } });
  });

  it("applies main's base-URL policy behind the door: plain http only to loopback", async () => {
    kit = await createFoundationKit();
    await kit.firstPin();
    const refused = await kit.call('settingsUpdate', { baseUrl: 'http://flash.socialhub.ai/api/v2' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', issues: [{ path: ['baseUrl'] }] } });
    expect(await kit.call('settingsUpdate', { baseUrl: 'http://127.0.0.1:4010/api/v2/' })).toMatchObject({ ok: true, value: { baseUrl: 'http://127.0.0.1:4010/api/v2' } });
  });

  it('refuses a live key in a sandbox till and the reverse', async () => {
    kit = await createFoundationKit();
    await kit.firstPin();
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY.replace('fl_test_', 'fl_live_') })).toMatchObject({ ok: false, error: { code: 'KEY_MODE_MISMATCH' } });
    await kit.call('settingsUpdate', { mode: 'live' });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: false, error: { code: 'KEY_MODE_MISMATCH' } });
  });

  it('on a machine without a keyring: refuses, reports the tier, stores after the explicit opt-in', async () => {
    kit = await createFoundationKit({ backend: 'basic_text' });
    await kit.firstPin();
    expect(await kit.call('appInfo')).toMatchObject({ ok: true, value: { mode: 'sandbox', storage: { backend: 'basic_text', protected: false, optedInPlainText: false } } });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: false, error: { code: 'KEYRING_UNPROTECTED' } });
    expect(await kit.call('keysAllowPlainText', { acknowledge: false })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await kit.call('keysAllowPlainText', { acknowledge: true })).toMatchObject({ ok: true, value: { storage: { optedInPlainText: true, optedInAt: '2026-11-25T10:00:00.000Z' } } });
    expect(await kit.call('keysSet', { kind: 'write', key: WRITE_KEY })).toMatchObject({ ok: true, value: { write: { configured: true }, storage: { protected: false } } });
  });

  it('tests a key that is not configured with a typed error', async () => {
    kit = await createFoundationKit();
    await kit.firstPin();
    expect(await kit.call('keysTest', { kind: 'read' })).toMatchObject({ ok: false, error: { code: 'KEY_NOT_CONFIGURED' } });
  });

  it('lists and dismisses notices', async () => {
    kit = await createFoundationKit();
    const n = kit.notices.raise('settings-quarantined', 'The settings file was moved aside.');
    expect(await kit.call('appInfo')).toMatchObject({ ok: true, value: { notices: [{ id: n.id, kind: 'settings-quarantined' }] } });
    await kit.firstPin();
    expect(await kit.call('appDismissNotice', { id: n.id })).toEqual({ ok: true, value: { notices: [] } });
  });
});

describe('key test target', () => {
  it('sends a key only to the origin it was sealed to (sandbox mode does not test a live address key)', async () => {
    kit = await createFoundationKit({ apiBaseUrl: () => base });
    await kit.firstPin();
    await kit.call('keysSet', { kind: 'write', key: WRITE_KEY }); // sealed to the default https://flash.socialhub.ai
    const refused = await kit.call('keysTest', { kind: 'write' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'KEY_ORIGIN_MISMATCH' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/is for https:\/\/flash\.socialhub\.ai; in sandbox mode/);
  });

  it('answers API_UNAVAILABLE when there is nothing to call', async () => {
    kit = await createFoundationKit({ apiBaseUrl: () => null });
    await kit.firstPin();
    await kit.call('keysSet', { kind: 'read', key: READ_KEY });
    expect(await kit.call('keysTest', { kind: 'read' })).toMatchObject({ ok: false, error: { code: 'API_UNAVAILABLE' } });
  });
});
