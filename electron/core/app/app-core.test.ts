/**
 * The app core as a whole: what it starts, what it refuses, and that a broken part (journal,
 * sandbox) stops only what depends on it.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import { SETUP_INCOMPLETE } from './engine-slot.ts';
import { JOURNAL_FILE, SANDBOX_STATE_FILE } from './app-core.ts';
import { createTillKit } from './testing/till-kit.ts';
import type { TillKit } from './testing/till-kit.ts';

const kits: TillKit[] = [];
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const k of kits.splice(0)) await k.close();
  for (const c of cleanup.splice(0)) await c();
});
async function kit(options: Parameters<typeof createTillKit>[0] = {}): Promise<TillKit> {
  const k = await createTillKit(options);
  kits.push(k);
  return k;
}

describe('start-up', () => {
  it('starts the sandbox, goes online and tells the page', async () => {
    const k = await kit();
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { mode: 'sandbox', online: true, storeId: DEMO.storeId, tillId: 'T1', writesStopped: null, queue: { unfinished: 0 } } });
    expect(await k.call('appInfo')).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
    expect(k.sent.find((e) => e.channel === 'event:connectivity')).toMatchObject({ payload: { online: true } });
    expect(k.core.apiBaseUrl()).toBe(k.sandbox().url);
  });

  it('with a corrupt journal: writes stop with the reason, the rest of the till works', async () => {
    const k = await kit({ beforeStart: (dir) => fs.writeFileSync(path.join(dir, JOURNAL_FILE), 'this is not a database, it is a note'.repeat(200)) });
    const status = await k.call('statusGet');
    expect(status).toMatchObject({ ok: true, value: { writesStopped: expect.stringContaining('Writes are stopped') as unknown } });
    expect(await k.call('memberCard', { memberId: DEMO.memberWithCoupons })).toMatchObject({ ok: true, value: { coupons: { ok: true } } });
    const posts = k.sandbox().audit().filter((a) => a.method === 'POST').length;
    expect(await k.call('awardSubmit', { memberId: DEMO.memberWithCoupons, posTxnId: 'J1', saleTotal: '5.00' })).toMatchObject({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
    expect(await k.call('couponRedeem', { couponId: DEMO.activeCoupons[0], memberId: DEMO.memberWithCoupons })).toMatchObject({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
    expect(k.sandbox().audit().filter((a) => a.method === 'POST').length).toBe(posts);
    await k.unlock();
    expect(await k.call('journalList', { filter: {} })).toMatchObject({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
    expect(await k.call('storesList', {})).toMatchObject({ ok: true });
    expect(fs.readFileSync(path.join(k.dir, JOURNAL_FILE), 'utf8')).toContain('this is not a database'); // untouched
  });

  it('until the store and till are set: says why, refuses awards, then works once they are', async () => {
    const k = await kit({ settings: { mode: 'sandbox' } });
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { storeId: '', tillId: '', writesStopped: SETUP_INCOMPLETE } });
    await k.call('memberCard', { memberId: DEMO.goldMember });
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'U1', saleTotal: '2.00' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: SETUP_INCOMPLETE } });
    await k.unlock();
    expect(await k.call('settingsUpdate', { storeId: DEMO.storeId, tillId: 'T9' })).toMatchObject({ ok: true });
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'U1', saleTotal: '2.00' })).toMatchObject({ ok: true, value: { status: 'confirmed', row: { tillId: 'T9' } } });
  });

  it('keeps the sandbox data and the journal in the data folder across restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-restart-'));
    cleanup.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await createTillKit({ dataDir });
    await first.call('memberCard', { memberId: DEMO.goldMember });
    const r = await first.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'P1', saleTotal: '40.00' });
    expect(r).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    const balance = first.sandbox().balance(DEMO.goldMember);
    const keys = first.sandbox().keys;
    await first.close();
    expect(fs.existsSync(path.join(dataDir, SANDBOX_STATE_FILE))).toBe(true);

    const second = await kit({ dataDir });
    expect(second.sandbox().balance(DEMO.goldMember)).toBe(balance);
    expect(second.sandbox().keys.write).not.toBe(keys.write); // keys are per launch and never stored
    await second.call('memberCard', { memberId: DEMO.goldMember });
    expect(await second.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'P1', saleTotal: '40.00' })).toMatchObject({ ok: true, value: { status: 'duplicate' } });
  });

  it('when the sandbox cannot start: offline with the reason, API calls refused, nothing else broken', async () => {
    const blocker = http.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const k = await kit({ sandbox: { port: (blocker.address() as AddressInfo).port } });
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { online: false, detail: expect.stringContaining('sandbox could not start') as unknown } });
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'API_UNAVAILABLE' } });
    expect(await k.call('settingsGet')).toMatchObject({ ok: true });
  });
});

describe('live mode: each key only where it is needed', () => {
  const WRITE = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
  const READ = 'fl_live_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';

  it('uses the write key for writes and the read-only key for reads, READ_KEY_MISSING without it', async () => {
    const api = await startSandbox({ quiet: true, keys: { write: WRITE, read: READ } });
    cleanup.push(() => api.close());
    const k = await kit({ settings: { mode: 'live', baseUrl: api.url, storeId: DEMO.storeId, tillId: 'L1' } });
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'READ_KEY_MISSING' } });
    await k.unlock();
    expect(await k.call('keysSet', { kind: 'write', key: WRITE })).toMatchObject({ ok: true });

    // Card reads never fall back to the write key: with only a write key, nothing is looked up.
    let mark = api.audit().length;
    const card = await k.call('memberCard', { memberId: DEMO.goldMember });
    expect(card).toMatchObject({ ok: false, error: { code: 'READ_KEY_MISSING' } });
    if (!card.ok) expect(card.error.message).toMatch(/^Set a read key/);
    expect(api.audit().slice(mark)).toEqual([]);
    expect(await k.call('storesList', {})).toMatchObject({ ok: false, error: { code: 'READ_KEY_MISSING' } });

    expect(await k.call('keysSet', { kind: 'read', key: READ })).toMatchObject({ ok: true });
    mark = api.audit().length;
    await k.call('memberCard', { memberId: DEMO.goldMember });
    expect(await k.call('storesList', {})).toMatchObject({ ok: true, value: { total: DEMO.storeIds.length } });
    expect(new Set(api.audit().slice(mark).map((a) => a.keyId))).toEqual(new Set(['key_demo_read']));

    mark = api.audit().length;
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'L1', saleTotal: '1.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(api.audit().slice(mark).filter((a) => a.method === 'POST').map((a) => a.keyId)).toEqual(['key_demo_write']);
    expect(await k.call('keysTest', { kind: 'read' })).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { mode: 'live' } });
  });
});
