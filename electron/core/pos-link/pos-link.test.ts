/**
 * The POS link through its real door: the app core's loopback server over HTTP, the real
 * sandbox, a real journal file. A refusal writes nothing and sends nothing to SocialHub.
 */
import fs from 'node:fs';
import http from 'node:http';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { posLinkOpenApiText } from '../../../shared/pos/openapi.ts';
import { createPosLinkServer } from './server.ts';
import type { PosAuditEntry } from './server.ts';

let kit: TillKit;
let port = 0;
let token = '';
beforeAll(async () => {
  kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 }, posLinkRateLimit: { perSecond: 0.001, burst: 200 } });
  await kit.unlock();
  const conf = await kit.call('posLinkConfigure', { enabled: true });
  expect(conf).toMatchObject({ ok: true, value: { enabled: true, error: null } });
  port = (conf.ok ? (conf.value as { listening: { port: number } }).listening.port : 0);
  const created = await kit.call('posLinkTokenCreate');
  token = created.ok ? (created.value as { token: string }).token : '';
});
afterAll(() => kit.close());

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
}

function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, host = '127.0.0.1'): Promise<Reply> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host, port, method, path, headers: { Authorization: `Bearer ${token}`, ...(text === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>), headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

const socialHubCalls = (): number => kit.sandbox().audit().length;
const posts = (): number => kit.sandbox().audit().filter((a) => a.method === 'POST').length;
let n = 0;
const txn = (): string => `P${Date.now().toString(36)}${++n}`;
const put = (id: string, body: unknown = { total: '19.99', currency: 'USD' }) => request('PUT', `/pos/v1/sales/${id}`, body);

async function award(id: string, memberId: string = DEMO.goldMember): Promise<void> {
  expect(await kit.call('memberCard', { memberId })).toMatchObject({ ok: true });
  expect(await kit.call('posSaleAward', { posTxnId: id, memberId })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
}

describe('refusals: specific 4xx, nothing written, no SocialHub call', () => {
  it.each([
    ['no token', { Authorization: '' }, '127.0.0.1', 401, 'unauthorized'],
    ['a wrong token', { Authorization: 'Bearer shpos_wrong' }, '127.0.0.1', 401, 'unauthorized'],
    ['an Origin header', { Origin: 'https://evil.example' }, '127.0.0.1', 403, 'forbidden-origin'],
    ['a foreign Host (DNS rebinding)', { Host: 'evil.example:80' }, '127.0.0.1', 403, 'forbidden-host'],
  ] as const)('%s', async (_what, headers, host, status, code) => {
    const id = txn();
    const calls = socialHubCalls();
    const r = await request('PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'USD' }, headers, host);
    expect(r).toMatchObject({ status, body: { code, message: expect.any(String) as unknown } });
    expect(kit.core.journal.journal().posSale(id)).toBeUndefined();
    expect(socialHubCalls()).toBe(calls);
    kit.core.posLink.flushAudit();
    const audited = kit.core.journal.journal().apiCalls({ limit: 1 })[0];
    expect(audited).toMatchObject({ method: 'PUT', endpoint: 'POS link PUT /sales/{posTxnId}', status, outcome: `refused: ${code}` });
  });

  it('a body over 64 kB', async () => {
    const id = txn();
    const r = await put(id, { total: '1.00', currency: 'USD', cashierId: 'x'.repeat(70_000) });
    expect(r).toMatchObject({ status: 413, body: { code: 'body-too-large' } });
    expect(kit.core.journal.journal().posSale(id)).toBeUndefined();
  });

  it('over the per-token rate limit: 429 with Retry-After, nothing journaled', async () => {
    const audit: PosAuditEntry[] = [];
    const limited = createPosLinkServer({ service: kit.core.posLink.service, tokens: kit.core.posLink.tokens, audit: (e) => audit.push(e), rateLimit: { perSecond: 0.001, burst: 2 } });
    const { port: p } = await limited.listen(0);
    const saved = port;
    port = p;
    try {
      expect((await request('GET', '/pos/v1/openapi.json')).status).toBe(200);
      expect((await request('GET', '/pos/v1/openapi.json')).status).toBe(200);
      const id = txn();
      const r = await put(id);
      expect(r).toMatchObject({ status: 429, body: { code: 'rate-limited' } });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(kit.core.journal.journal().posSale(id)).toBeUndefined();
      expect(audit.at(-1)).toMatchObject({ method: 'PUT', status: 429, outcome: 'refused' });
    } finally {
      port = saved;
      await limited.close();
    }
  });

  it('answers on ::1 too, and never on another interface', async () => {
    expect(kit.core.posLink.status().listening?.hosts).toContain('127.0.0.1');
    for (const host of kit.core.posLink.status().listening?.hosts ?? []) {
      const r = await request('GET', '/pos/v1/openapi.json', undefined, { Host: host === '::1' ? `[::1]:${port}` : `127.0.0.1:${port}` }, host);
      expect(r.status).toBe(200);
    }
  });
});

describe('sales', () => {
  it('serves the OpenAPI document it was generated with', async () => {
    const r = await request('GET', '/pos/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(`${JSON.stringify(r.body, null, 2)}\n`).toBe(posLinkOpenApiText());
  });

  it('journals a sale, replays the same body, and refuses a different one with the difference', async () => {
    const id = txn();
    const first = await put(id);
    expect(first).toMatchObject({ status: 201, body: { posTxnId: id, state: 'waiting-for-member', total: '19.99', earnBase: '19.99', receiptLines: [] } });
    expect(kit.core.journal.journal().posSale(id)).toMatchObject({ totalMinor: 1999, status: 'open' });
    expect(await put(id)).toMatchObject({ status: 200, body: first.body });
    const conflict = await put(id, { total: '21.99', currency: 'USD' });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'conflict', differences: [{ field: 'total', stored: '19.99', sent: '21.99' }] } });
    expect(kit.core.journal.journal().posSale(id)).toMatchObject({ totalMinor: 1999 });
  });

  it('leaves earns:false lines out of the earn base, and awards only on it', async () => {
    const id = txn();
    const lines = [
      { sku: 'COFFEE', qty: 2, amount: '9.99', earns: true },
      { sku: 'GIFTCARD', qty: 1, amount: '10.00', earns: false },
    ];
    expect(await put(id, { total: '19.99', currency: 'USD', lines })).toMatchObject({ status: 201, body: { earnBase: '9.99' } });
    const calls = posts();
    await award(id);
    expect(posts()).toBe(calls + 1);
    const s = await request('GET', `/pos/v1/sales/${id}`);
    const row = kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:${id}`);
    expect(row).toMatchObject({ saleTotal: 999, state: 'confirmed' });
    expect(s).toMatchObject({ status: 200, body: { state: 'awarded', points: row?.amount, balanceAfter: row?.balance } });
    expect(s.body.receiptLines).toEqual([expect.stringContaining('SocialHub member:'), `Points earned: ${row?.amount}`, `Balance: ${row?.balance?.toLocaleString('en-US')}`]);
  });

  it('a POS sale and a typed sale of the same transaction award once', async () => {
    const id = txn();
    await put(id);
    await award(id);
    const typed = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: id, saleTotal: '19.99' });
    expect(typed).toMatchObject({ ok: true, value: { status: 'duplicate' } });
    expect(kit.core.journal.journal().count({ kinds: ['award'], search: id })).toBe(1);
  });

  it('long-polls until the state changes', async () => {
    const id = txn();
    await put(id);
    const waiting = request('GET', `/pos/v1/sales/${id}?wait=20`);
    await new Promise((r) => setTimeout(r, 50)); // the poll is parked before the award
    await award(id);
    // Each answer is the next change: recorded-and-sending (pending) may come first, then awarded.
    let s = await waiting;
    const seen = [s.body.state];
    while (s.body.state === 'pending') {
      s = await request('GET', `/pos/v1/sales/${id}?wait=20&since=${String(s.body.version)}`);
      seen.push(s.body.state);
    }
    expect(s).toMatchObject({ status: 200, body: { state: 'awarded' } });
    expect(seen.every((state) => state === 'pending' || state === 'awarded')).toBe(true);
  });

  it('pushes status changes on the SSE stream', async () => {
    const id = txn();
    const events: Record<string, unknown>[] = [];
    let done: () => void = () => undefined;
    const gotAwarded = new Promise<void>((r) => (done = r));
    const req = http.request({ host: '127.0.0.1', port, path: '/pos/v1/events', headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        for (const frame of buf.split('\n\n').slice(0, -1)) {
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (data !== undefined && /^event: sale$/m.test(frame)) {
            const sale = JSON.parse(data) as Record<string, unknown>;
            if (sale.posTxnId === id) events.push(sale);
            if (sale.posTxnId === id && sale.state === 'awarded') done();
          }
        }
        buf = buf.slice(buf.lastIndexOf('\n\n') + 2);
      });
    });
    req.end();
    await new Promise<void>((r) => req.on('response', () => r()));
    await put(id);
    await award(id);
    await gotAwarded;
    req.destroy();
    expect(events.map((e) => e.state)).toEqual(expect.arrayContaining(['waiting-for-member', 'awarded']));
  });

  it('closes a sale left without a member as no-member when the next one arrives, with no API call', async () => {
    const a = txn();
    await put(a);
    const calls = socialHubCalls();
    await put(txn());
    expect(await request('GET', `/pos/v1/sales/${a}`)).toMatchObject({ body: { state: 'no-member' } });
    expect(socialHubCalls()).toBe(calls);
    const share = await kit.call('posLinkShare', {});
    expect(share).toMatchObject({ ok: true });
    const v = share.ok ? (share.value as { missed: { posTxnId: string }[]; withMember: number; share: number }) : null;
    expect(v?.missed.map((m) => m.posTxnId)).toContain(a);
    expect(v?.withMember).toBeGreaterThan(0);
    expect(v?.share).toBeGreaterThan(0);
    expect(v?.share).toBeLessThan(1);
  });
});

describe('returns and cancellations', () => {
  it('takes back the returned share, capped at what is left', async () => {
    const id = txn();
    await put(id, { total: '100.00', currency: 'USD' });
    await award(id);
    const awarded = kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:${id}`)?.amount ?? 0;
    const r1 = await request('POST', `/pos/v1/sales/${id}/returns/R1`, { total: '60.00' });
    expect(r1).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: Math.floor(awarded * 0.6), capped: false } });
    const r2 = await request('POST', `/pos/v1/sales/${id}/returns/R2`, { total: '60.00' });
    expect(r2).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: awarded - Math.floor(awarded * 0.6), capped: true } });
    expect(await request('POST', `/pos/v1/sales/${id}/returns/R1`, { total: '60.00' })).toMatchObject({ body: { outcome: 'duplicate' } });
    expect(await request('POST', `/pos/v1/sales/${id}/returns/R3`, { total: '1.00' })).toMatchObject({ body: { outcome: 'nothing-to-reverse', pointsReversed: 0 } });
  });

  it('cancel before the award sends nothing; the till can no longer award it', async () => {
    const id = txn();
    await put(id);
    const calls = posts();
    expect(await request('POST', `/pos/v1/sales/${id}/cancel`, {})).toMatchObject({ status: 200, body: { state: 'cancelled', points: null } });
    expect(posts()).toBe(calls);
    await kit.call('memberCard', { memberId: DEMO.goldMember });
    expect(await kit.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('cancel after the award takes every point back', async () => {
    const id = txn();
    await put(id);
    await award(id);
    const before = kit.sandbox().balance(DEMO.goldMember);
    const points = kit.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:${id}`)?.amount ?? 0;
    const r = await request('POST', `/pos/v1/sales/${id}/cancel`, {});
    expect(r).toMatchObject({ status: 200, body: { state: 'cancelled', pointsReversed: points } });
    expect(kit.sandbox().balance(DEMO.goldMember)).toBe(before - points);
    expect(r.body.receiptLines).toContain(`Points reversed: ${points}`);
  });
});

describe("the sale's currency", () => {
  it('refuses a sale in another currency than the store counts in, and records nothing', async () => {
    const id = txn();
    const r = await put(id, { total: '1980', currency: 'JPY' });
    expect(r).toMatchObject({ status: 400, body: { code: 'bad-request', message: expect.stringContaining('USD') as unknown } });
    expect(kit.core.journal.journal().posSale(id)).toBeUndefined();
  });

  it('a JPY sale: whole yen, no decimals; earns per yen; a return takes back the yen share', async () => {
    const yen = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', currency: 'JPY', requestTimeoutMs: 2000 } });
    try {
      await yen.unlock();
      const conf = await yen.call('posLinkConfigure', { enabled: true });
      const p = conf.ok ? (conf.value as { listening: { port: number } }).listening.port : 0;
      const created = await yen.call('posLinkTokenCreate');
      const t = created.ok ? (created.value as { token: string }).token : '';
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`http://127.0.0.1:${p}${path}`, { method, headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      const id = txn();
      expect(await call('PUT', `/pos/v1/sales/${id}`, { total: '19.99', currency: 'JPY' })).toMatchObject({ status: 400, body: { code: 'bad-request' } });
      expect(yen.core.journal.journal().posSale(id)).toBeUndefined();
      const lines = [
        { sku: 'RAMEN', qty: 1, amount: '1980', earns: true },
        { sku: 'GIFT', qty: 1, amount: '3000', earns: false },
      ];
      expect(await call('PUT', `/pos/v1/sales/${id}`, { total: '4980', currency: 'JPY', lines })).toMatchObject({ status: 201, body: { total: '4980', earnBase: '1980', currency: 'JPY' } });
      expect(yen.core.journal.journal().posSale(id)).toMatchObject({ totalMinor: 4980, earnBaseMinor: 1980, currency: 'JPY' });

      expect(await yen.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
      // The typed entry counts in yen too: a typed 1980 earns what the POS's 1980 yen earn; 1980.00 is not yen.
      expect(await yen.call('awardPreview', { memberId: DEMO.goldMember, saleTotal: '1980.00' })).toMatchObject({ ok: false, error: { code: 'AMOUNT_INVALID' } });
      const typed = await yen.call('awardPreview', { memberId: DEMO.goldMember, saleTotal: '1980' });
      const perUnits = typed.ok ? (typed.value as { points: number }).points : 0;
      expect(perUnits).toBeGreaterThanOrEqual(1980);
      expect(await yen.call('posSaleAward', { posTxnId: id, memberId: DEMO.goldMember })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
      const award = yen.core.journal.journal().getByDedupKey(`award:${DEMO.storeId}:${id}`);
      expect(award).toMatchObject({ amount: perUnits, saleTotal: 1980 });
      expect(await call('GET', `/pos/v1/sales/${id}`)).toMatchObject({ body: { state: 'awarded', points: perUnits, earnBase: '1980' } });

      expect(await call('POST', `/pos/v1/sales/${id}/returns/R1`, { total: '990.5' })).toMatchObject({ status: 400, body: { code: 'bad-request' } });
      const back = await call('POST', `/pos/v1/sales/${id}/returns/R1`, { total: '990' });
      expect(back).toMatchObject({ status: 200, body: { outcome: 'reversed', pointsReversed: Math.floor(perUnits / 2), capped: false } });
    } finally {
      await yen.close();
    }
  });
});

describe('the rest of the contract', () => {
  it('listens on loopback addresses only', () => {
    const hosts = kit.core.posLink.status().listening?.hosts ?? [];
    expect(hosts.length).toBeGreaterThan(0);
    for (const h of hosts) expect(['127.0.0.1', '::1']).toContain(h);
  });

  it('refuses a chunked body over 64 kB (no Content-Length to go by) and journals nothing', async () => {
    const id = txn();
    const r = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: `/pos/v1/sales/${id}`, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.write(`{"total":"1.00","currency":"USD","cashierId":"`);
      for (let i = 0; i < 9; i++) req.write('x'.repeat(8192));
      req.end('"}');
    });
    expect(r).toMatchObject({ status: 413, body: { code: 'body-too-large' } });
    expect(kit.core.journal.journal().posSale(id)).toBeUndefined();
  });

  it('audits accepted calls beside the API activity, with the masked token only', async () => {
    const id = txn();
    await put(id);
    await request('GET', `/pos/v1/sales/${id}`);
    kit.core.posLink.flushAudit();
    const [get, putLine] = kit.core.journal.journal().apiCalls({ limit: 2 });
    expect(putLine).toMatchObject({ method: 'PUT', path: `/pos/v1/sales/${id}`, endpoint: 'POS link PUT /sales/{posTxnId}', status: 201, outcome: 'ok' });
    expect(get).toMatchObject({ method: 'GET', endpoint: 'POS link GET /sales/{posTxnId}', status: 200, outcome: 'ok', keyMask: putLine?.keyMask });
    expect(JSON.stringify([get, putLine])).not.toContain(token);
  });

  it('puts the POS calls, and only those, in the support bundle\'s POS-link activity', async () => {
    const id = txn();
    await put(id);
    await kit.call('memberCard', { memberId: DEMO.goldMember }); // a SocialHub call, which must stay out
    kit.core.posLink.flushAudit();
    const saved = await kit.call('supportSaveBundle');
    if (!saved.ok || !saved.value.saved) throw new Error('no bundle');
    const files = unzipSync(fs.readFileSync(saved.value.path));
    const activity = JSON.parse(strFromU8(files['pos-link-activity.json']!)) as { available: boolean; entries: { path: string }[] };
    expect(activity.available).toBe(true);
    expect(activity.entries.map((e) => e.path)).toContain(`/pos/v1/sales/${id}`);
    expect(activity.entries.every((e) => e.path.startsWith('/pos/v1'))).toBe(true);
    expect(strFromU8(files['pos-link-activity.json']!)).not.toContain(token);
  });

  it('treats a replay with its keys in another order as the same sale, and spells out a differing line', async () => {
    const id = txn();
    const lines = [
      { sku: 'A', qty: 1, amount: '5.00', earns: true },
      { sku: 'B', qty: 1, amount: '5.00', earns: false },
    ];
    const first = await put(id, { total: '10.00', currency: 'USD', lines });
    expect(first.status).toBe(201);
    const reordered = { lines: lines.map((l) => ({ earns: l.earns, amount: l.amount, qty: l.qty, sku: l.sku })), currency: 'USD', total: '10.00' };
    expect(await put(id, reordered)).toMatchObject({ status: 200, body: first.body });
    const changed = await put(id, { total: '10.00', currency: 'USD', lines: [lines[0], { ...lines[1], earns: true }] });
    expect(changed).toMatchObject({ status: 409, body: { code: 'conflict', differences: [{ field: 'lines[1]', stored: { earns: false }, sent: { earns: true } }] } });
    expect(changed.body.message).toContain('lines[1]');
  });

  it('a long poll with nothing changing answers the same version when its wait is up; a wait past 30 s is refused', async () => {
    const id = txn();
    const first = await put(id);
    expect(await request('GET', `/pos/v1/sales/${id}?wait=1`)).toMatchObject({ status: 200, body: { state: 'waiting-for-member', version: first.body.version } });
    expect(await request('GET', `/pos/v1/sales/${id}?wait=31`)).toMatchObject({ status: 400, body: { code: 'bad-request' } });
    expect(await request('GET', `/pos/v1/sales/NEVER${id}`)).toMatchObject({ status: 404, body: { code: 'not-found' } });
  });

  it('a repeated cancel after the award takes nothing more back; cancelling an unknown sale is 404', async () => {
    const id = txn();
    await put(id);
    await award(id);
    const first = await request('POST', `/pos/v1/sales/${id}/cancel`, {});
    expect(first).toMatchObject({ status: 200, body: { state: 'cancelled' } });
    const calls = posts();
    const balance = kit.sandbox().balance(DEMO.goldMember);
    expect(await request('POST', `/pos/v1/sales/${id}/cancel`, {})).toMatchObject({ status: 200, body: { state: 'cancelled', pointsReversed: first.body.pointsReversed } });
    expect(posts()).toBe(calls);
    expect(kit.sandbox().balance(DEMO.goldMember)).toBe(balance);
    expect(await request('POST', `/pos/v1/sales/NEVER${id}/cancel`, {})).toMatchObject({ status: 404, body: { code: 'not-found' } });
  });
});

describe('the token', () => {
  it('is stored only as a hash; rotating stops the old one, revoking stops all', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const stored = readFileSync(join(kit.dir, 'pos-link-token.json'), 'utf8');
    expect(stored).not.toContain(token.slice(6, 30));
    const old = token;
    const rotated = await kit.call('posLinkTokenRotate');
    token = rotated.ok ? (rotated.value as { token: string }).token : '';
    expect(token).not.toBe(old);
    expect((await request('GET', '/pos/v1/openapi.json')).status).toBe(200);
    expect((await request('GET', '/pos/v1/openapi.json', undefined, { Authorization: `Bearer ${old}` })).status).toBe(401);
    await kit.call('posLinkTokenRevoke');
    expect((await request('GET', '/pos/v1/openapi.json')).status).toBe(401);
  });
});
