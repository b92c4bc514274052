import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { couponsSchema } from '../../shared/api/schemas.ts';
import { DEMO, startSandbox, type SandboxOptions } from './server.ts';
import { apiClient } from './testing/client.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-persist-'));
  file = join(dir, 'state.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function capture(): { logs: string[]; opts: SandboxOptions } {
  const logs: string[] = [];
  return { logs, opts: { persistPath: file, logger: (level, message) => logs.push(`${level}: ${message}`) } };
}

describe('persistence', () => {
  it('balances, ledgers and coupon statuses survive a restart', async () => {
    const first = await startSandbox({ quiet: true, persistPath: file });
    const api = apiClient(first);
    await api.post(`/members/${DEMO.goldMember}/points`, { amount: 60, description: 'txn P-1' });
    await api.post(`/members/${DEMO.goldMember}/points`, { amount: -10, description: 'return P-1' });
    await api.post(`/coupons/${DEMO.activeCoupons[0]}/redeem`);
    await apiClient(first, first.keys.otherTenant).post(`/coupons/${DEMO.otherTenant.couponId}/redeem`);
    const ledger = first.ledger(DEMO.goldMember);
    await first.close();
    expect(readdirSync(dir)).toEqual(['state.json']); // no temp files left behind

    const second = await startSandbox({ quiet: true, persistPath: file });
    try {
      expect(second.balance(DEMO.goldMember)).toBe(8290);
      expect(second.ledger(DEMO.goldMember)).toEqual(ledger);
      const { coupons } = couponsSchema.parse(await (await apiClient(second).get(`/members/${DEMO.memberWithCoupons}/coupons`)).json());
      expect(coupons.find((c) => c.id === DEMO.activeCoupons[0])?.status).toBe('redeemed');
      expect((await apiClient(second).post(`/coupons/${DEMO.activeCoupons[0]}/redeem`)).status).toBe(404);
      expect((await apiClient(second, second.keys.otherTenant).post(`/coupons/${DEMO.otherTenant.couponId}/redeem`)).status).toBe(404);
      // Reset is persisted too.
      second.reset();
    } finally {
      await second.close();
    }
    const third = await startSandbox({ quiet: true, persistPath: file });
    expect(third.balance(DEMO.goldMember)).toBe(8240);
    await third.close();
  });

  it('writes atomically while running (debounced), not only on close', async () => {
    const sb = await startSandbox({ quiet: true, persistPath: file });
    try {
      await apiClient(sb).post(`/members/${DEMO.zeroBalanceMember}/points`, { amount: 7, description: 'txn P-2' });
      await expect
        .poll(() => {
          try {
            return readFileSync(file, 'utf8').includes('txn P-2');
          } catch {
            return false;
          }
        }, { timeout: 2_000, interval: 20 })
        .toBe(true);
    } finally {
      await sb.close();
    }
  });

  it.each([
    ['not JSON', '{"format": "socialhub-sandbox-state", '],
    ['the wrong shape', JSON.stringify({ hello: 'world' })],
    ['an inconsistent ledger', JSON.stringify({
      format: 'socialhub-sandbox-state', version: 1, seed: 20_251_125,
      tenants: { demo: { appended: { [DEMO.goldMember]: [{ id: 'txn_x', amount: 5, description: 'x', createdAt: '2026-01-01T00:00:00.000Z', balanceAfter: 1 }] }, coupons: {} }, other: { appended: {}, coupons: {} } },
    })],
    ['an unknown member', JSON.stringify({
      format: 'socialhub-sandbox-state', version: 1, seed: 20_251_125,
      tenants: { demo: { appended: { mb_ghost: [] }, coupons: {} }, other: { appended: {}, coupons: {} } },
    })],
  ])('a file with %s is moved aside and the sandbox starts from the seed', async (_name, content) => {
    writeFileSync(file, content);
    const { logs, opts } = capture();
    const sb = await startSandbox(opts);
    try {
      expect(sb.balance(DEMO.goldMember)).toBe(8240);
      expect((await apiClient(sb).get('/stores')).status).toBe(200);
    } finally {
      await sb.close();
    }
    const aside = readdirSync(dir).filter((f) => /^state\.json\.corrupt-\d+$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe(content);
    expect(logs.some((l) => l.startsWith('warn:') && l.includes('moved it to'))).toBe(true);
  });

  it('a file written for another seed is set aside too', async () => {
    const first = await startSandbox({ quiet: true, persistPath: file, seed: 1 });
    await apiClient(first).post(`/members/${DEMO.goldMember}/points`, { amount: 1, description: 'x' });
    await first.close();
    const { logs, opts } = capture();
    const second = await startSandbox({ ...opts, seed: 2 });
    expect(second.balance(DEMO.goldMember)).toBe(8240);
    await second.close();
    expect(logs.join('\n')).toMatch(/written for seed 1, not 2/);
  });
});
