import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID_PATTERN, membersPageSchema, pointsPageSchema } from '../../shared/api/schemas.ts';
import { DEMO, TIERS, buildDemoData, tierFor } from './demo-data.ts';
import { startSandbox, type SandboxHandle } from './server.ts';
import { apiClient } from './testing/client.ts';

describe('demo data', () => {
  const data = buildDemoData();
  const demo = data.tenants.demo;
  const byId = new Map(demo.members.map((m) => [m.id, m]));
  const balance = (id: string): number => byId.get(id)?.ledger.at(-1)?.balanceAfter ?? 0;

  it('has enough stores and members, with valid, unique ids', () => {
    expect(demo.stores.filter((s) => s.status === 'active').length).toBeGreaterThanOrEqual(3);
    expect(demo.members.length).toBeGreaterThanOrEqual(450);
    const ids = [...demo.members, ...data.tenants.other.members].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^mb_[A-Za-z0-9_-]+$/);
    const coupons = [...demo.members, ...data.tenants.other.members].flatMap((m) => m.coupons.map((c) => c.id));
    expect(new Set(coupons).size).toBe(coupons.length);
    for (const id of [...coupons, ...demo.stores.map((s) => s.id)]) expect(ID_PATTERN.test(id)).toBe(true);
  });

  it('every ledger is a correct running balance that never goes negative', () => {
    const broken: string[] = [];
    for (const tenant of Object.values(data.tenants)) {
      for (const member of tenant.members) {
        let running = 0;
        for (const t of member.ledger) {
          running += t.amount;
          if (t.amount === 0 || t.balanceAfter !== running || running < 0) broken.push(`${member.id}/${t.id}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('the well-known fixtures have the promised properties', () => {
    expect(byId.get(DEMO.memberWithCoupons)?.name).toBe(DEMO.memberWithCouponsName);
    const coupons = byId.get(DEMO.memberWithCoupons)!.coupons;
    expect(coupons.filter((c) => c.status === 'active').map((c) => c.id)).toEqual([...DEMO.activeCoupons]);
    expect(tierFor(balance(DEMO.goldMember)).tier.name).toBe('Gold');
    expect(byId.get(DEMO.goldMember)!.ledger.length).toBeGreaterThan(200);
    expect(tierFor(balance(DEMO.platinumMember)).next).toBeNull();
    expect(balance(DEMO.zeroBalanceMember)).toBe(0);
    expect(byId.get(DEMO.zeroBalanceMember)!.ledger.length).toBeGreaterThan(0);
    expect(byId.get(DEMO.newMember)!.ledger).toEqual([]);
    expect(byId.get(DEMO.inactiveMember)!.status).toBe('inactive');
    expect(byId.get(DEMO.spareCouponMember)!.coupons.map((c) => c.id)).toEqual([...DEMO.spareCoupons]);
    const other = data.tenants.other;
    expect(other.members.find((m) => m.id === DEMO.otherTenant.memberId)?.coupons.map((c) => c.id)).toContain(DEMO.otherTenant.couponId);
    expect(other.stores.map((s) => s.id)).toContain(DEMO.otherTenant.storeId);
    // The first members of the roster have readable names for the cashier to confirm.
    for (const m of demo.members.slice(0, 7)) expect(m.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });

  it('tiers rise with thresholds and multipliers', () => {
    expect(TIERS.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < TIERS.length; i++) {
      expect(TIERS[i]!.threshold).toBeGreaterThan(TIERS[i - 1]!.threshold);
      expect(TIERS[i]!.multiplier).toBeGreaterThan(TIERS[i - 1]!.multiplier);
    }
    expect(tierFor(999)).toMatchObject({ tier: { name: 'Bronze' }, next: { name: 'Silver' } });
    expect(tierFor(1000).tier.name).toBe('Silver');
  });

  it('is deterministic per seed; well-known fixtures do not depend on it', () => {
    expect(buildDemoData(99)).toEqual(buildDemoData(99));
    const other = buildDemoData(100);
    expect(other.tenants.demo.members.slice(7).map((m) => m.id)).not.toEqual(buildDemoData(99).tenants.demo.members.slice(7).map((m) => m.id));
    expect(other.tenants.demo.members.slice(0, 7)).toEqual(buildDemoData(99).tenants.demo.members.slice(0, 7));
  });
});

describe('two sandboxes with the same seed serve identical data', () => {
  let a: SandboxHandle;
  let b: SandboxHandle;
  beforeAll(async () => {
    [a, b] = await Promise.all([startSandbox({ quiet: true, seed: 4242 }), startSandbox({ quiet: true, seed: 4242 })]);
  });
  afterAll(() => Promise.all([a.close(), b.close()]));

  it('roster pages and ledgers match', async () => {
    const pages = async (sb: SandboxHandle): Promise<unknown[]> => {
      const api = apiClient(sb);
      const out: unknown[] = [];
      for (let offset = 0; offset < 600; offset += 200) out.push(membersPageSchema.parse(await (await api.get(`/members?limit=200&offset=${offset}`)).json()));
      return out;
    };
    const [pa, pb] = await Promise.all([pages(a), pages(b)]);
    expect(pa).toEqual(pb);
    const sample = (membersPageSchema.parse(pa[1]).members).slice(0, 5).map((m) => m.id);
    for (const id of [...sample, DEMO.goldMember]) {
      const [la, lb] = await Promise.all([a, b].map(async (sb) => pointsPageSchema.parse(await (await apiClient(sb).get(`/members/${id}/points?limit=200`)).json())));
      expect(la).toEqual(lb);
    }
  });
});
