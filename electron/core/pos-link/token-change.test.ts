/**
 * Rotating or revoking the POS token ends what the old token opened: SSE streams end and parked
 * long-polls answer 401, so a POS that lost its pairing learns it at once instead of listening on.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSse, request, NO_RATE_LIMIT, posLinkTillHooks } from './testing/pos-http.ts';
import { createTokenStore } from './token-store.ts';
import type { TokenInfo } from './token-store.ts';

const link = posLinkTillHooks({ posLinkRateLimit: NO_RATE_LIMIT });
const t = link.t;

let n = 0;
const txn = (): string => `K${Date.now().toString(36)}${++n}`;
const put = (id: string, body: unknown = { total: '19.99', currency: 'USD' }) => request(t, 'PUT', `/pos/v1/sales/${id}`, body);

describe('a token change ends what the old token opened', () => {
  it('rotating the token ends SSE streams opened with the old one', async () => {
    const sse = await openSse(t);
    const rotated = await link.kit.call('posLinkTokenRotate');
    t.token = rotated.ok ? (rotated.value as { token: string }).token : '';
    const id = txn();
    expect((await put(id)).status).toBe(201);
    const first = await Promise.race([sse.closed, sse.next((e) => e.posTxnId === id).then(() => 'still receiving sales' as const)]);
    sse.close();
    expect(first).toBe('closed');
  });

  it('a stream opened with the new token keeps receiving sales', async () => {
    const sse = await openSse(t);
    const id = txn();
    expect((await put(id)).status).toBe(201);
    expect(await sse.next((e) => e.posTxnId === id)).toMatchObject({ posTxnId: id, state: 'waiting-for-member' });
    sse.close();
  });

  it('revoking the token ends SSE streams and parked long-polls', async () => {
    const id = txn();
    const sale = await put(id);
    const sse = await openSse(t);
    const poll = request(t, 'GET', `/pos/v1/sales/${id}?wait=30&since=${String(sale.body.version)}`);
    await new Promise((r) => setTimeout(r, 100)); // parked before the revoke
    await link.kit.call('posLinkTokenRevoke');
    // The manager still sees the sale change (cashier cancels at the till is out of scope; the POS cannot call any more).
    await link.kit.core.posLink.service.cancel(id);
    const sseFirst = await Promise.race([sse.closed, sse.next((e) => e.posTxnId === id && e.state === 'cancelled').then(() => 'still receiving sales' as const)]);
    const polled = await poll;
    sse.close();
    expect({ sse: sseFirst, poll: polled.status }).toEqual({ sse: 'closed', poll: 401 });
  });
});

describe('the token store tells who listens when the token changes', () => {
  it('on create, rotate and revoke, until they stop listening', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-token-'));
    const store = createTokenStore({ file: path.join(dir, 'token.json') });
    const seen: TokenInfo[] = [];
    const stop = store.onChange((info) => seen.push(info));
    const first = store.create();
    const second = store.create();
    store.revoke();
    stop();
    store.create();
    expect(seen).toEqual([first.info, second.info, { configured: false, mask: null, createdAt: null }]);
  });
});
