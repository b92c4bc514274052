/**
 * The sandbox's mutable data: seed data plus everything written since, indexed per tenant.
 * Every mutation is synchronous, so one write is applied atomically between two awaits.
 */
import { randomBytes } from 'node:crypto';
import type { CouponStatus, LedgerTransaction } from '../../shared/api/schemas.ts';
import { balanceOf, buildDemoData, type CouponRecord, type MemberRecord, type StoreRecord, type TenantData, type TenantId } from './demo-data.ts';

interface TenantIndex {
  data: TenantData;
  stores: Map<string, StoreRecord>;
  members: Map<string, MemberRecord>;
  coupons: Map<string, CouponRecord>;
  /** Seed ledger length per member and seed coupon status: what persistence diffs against. */
  seedLedgerLength: Map<string, number>;
  seedCouponStatus: Map<string, CouponStatus>;
}

export type ApplyResult = { ok: true; transaction: LedgerTransaction; balance: number } | { ok: false; balance: number };

/** What changed since the seed: the only part of the state worth writing to disk. */
export interface StateDelta {
  appended: Record<string, LedgerTransaction[]>;
  coupons: Record<string, { status: CouponStatus; redeemedAt: string | null }>;
}

export const TENANT_IDS: readonly TenantId[] = ['demo', 'other'];

function indexTenant(data: TenantData): TenantIndex {
  const index: TenantIndex = {
    data,
    stores: new Map(data.stores.map((s) => [s.id, s])),
    members: new Map(),
    coupons: new Map(),
    seedLedgerLength: new Map(),
    seedCouponStatus: new Map(),
  };
  for (const member of data.members) {
    index.members.set(member.id, member);
    index.seedLedgerLength.set(member.id, member.ledger.length);
    for (const coupon of member.coupons) {
      index.coupons.set(coupon.id, coupon);
      index.seedCouponStatus.set(coupon.id, coupon.status);
    }
  }
  return index;
}

export class SandboxStore {
  readonly seed: number;
  private tenants!: Record<TenantId, TenantIndex>;
  /** Called after every mutation (persistence schedules a save). */
  onChange: () => void = () => {};

  constructor(seed: number) {
    this.seed = seed;
    this.reset();
  }

  reset(): void {
    const data = buildDemoData(this.seed);
    this.tenants = { demo: indexTenant(data.tenants.demo), other: indexTenant(data.tenants.other) };
  }

  stores(tenant: TenantId): readonly StoreRecord[] {
    return this.tenants[tenant].data.stores;
  }

  members(tenant: TenantId): readonly MemberRecord[] {
    return this.tenants[tenant].data.members;
  }

  store(tenant: TenantId, id: string): StoreRecord | undefined {
    return this.tenants[tenant].stores.get(id);
  }

  member(tenant: TenantId, id: string): MemberRecord | undefined {
    return this.tenants[tenant].members.get(id);
  }

  coupon(tenant: TenantId, id: string): CouponRecord | undefined {
    return this.tenants[tenant].coupons.get(id);
  }

  /** Rejects (without change) a movement that would take the balance below zero. */
  applyPoints(tenant: TenantId, memberId: string, amount: number, description: string, at: Date): ApplyResult {
    const member = this.member(tenant, memberId);
    if (!member) throw new Error(`applyPoints: unknown member ${memberId}`);
    const balance = balanceOf(member);
    if (balance + amount < 0) return { ok: false, balance };
    const transaction: LedgerTransaction = {
      id: `txn_${randomBytes(8).toString('hex')}`,
      amount,
      description,
      createdAt: at.toISOString(),
      balanceAfter: balance + amount,
    };
    member.ledger.push(transaction);
    this.onChange();
    return { ok: true, transaction, balance: transaction.balanceAfter };
  }

  /** Only an active coupon can be redeemed, exactly once; anything else is "do not honor". */
  redeem(tenant: TenantId, couponId: string, at: Date): CouponRecord | null {
    const coupon = this.coupon(tenant, couponId);
    if (!coupon || coupon.status !== 'active') return null;
    coupon.status = 'redeemed';
    coupon.redeemedAt = at.toISOString();
    this.onChange();
    return coupon;
  }

  delta(tenant: TenantId): StateDelta {
    const index = this.tenants[tenant];
    const delta: StateDelta = { appended: {}, coupons: {} };
    for (const member of index.data.members) {
      const extra = member.ledger.slice(index.seedLedgerLength.get(member.id) ?? 0);
      if (extra.length > 0) delta.appended[member.id] = extra;
    }
    for (const coupon of index.coupons.values()) {
      if (coupon.status !== index.seedCouponStatus.get(coupon.id)) delta.coupons[coupon.id] = { status: coupon.status, redeemedAt: coupon.redeemedAt };
    }
    return delta;
  }

  /** Replays a saved delta onto the seed state; throws (leaving a partial state) on any inconsistency. */
  applyDelta(tenant: TenantId, delta: StateDelta): void {
    for (const [memberId, entries] of Object.entries(delta.appended)) {
      const member = this.member(tenant, memberId);
      if (!member) throw new Error(`unknown member ${memberId} in tenant ${tenant}`);
      let balance = balanceOf(member);
      for (const entry of entries) {
        balance += entry.amount;
        if (entry.balanceAfter !== balance || balance < 0) throw new Error(`ledger of ${memberId} does not add up at ${entry.id}`);
        member.ledger.push({ ...entry });
      }
    }
    for (const [couponId, change] of Object.entries(delta.coupons)) {
      const coupon = this.coupon(tenant, couponId);
      if (!coupon) throw new Error(`unknown coupon ${couponId} in tenant ${tenant}`);
      coupon.status = change.status;
      coupon.redeemedAt = change.redeemedAt;
    }
  }
}
