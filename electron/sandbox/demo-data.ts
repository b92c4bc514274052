/**
 * Deterministic demo data for the sandbox: two tenants, stores, members, tiers, coupons and a
 * ledger per member. Well-known fixtures (`DEMO`) are built from a fixed seed so their ids,
 * names and balances never change; the rest of the roster follows the sandbox seed.
 */
import type { CouponStatus, LedgerTransaction } from '../../shared/api/schemas.ts';
import { mulberry32, pick, randInt, randToken, type Rng } from './prng.ts';

export type TenantId = 'demo' | 'other';
export type MemberStatus = 'active' | 'inactive';

export interface TierDef {
  id: string;
  name: string;
  multiplier: number;
  /** Smallest balance that qualifies for the tier. */
  threshold: number;
}

/** Tiers follow the current balance (so an award or a claw-back moves a member between them). */
export const TIERS: readonly TierDef[] = [
  { id: 'tier_bronze', name: 'Bronze', multiplier: 1.0, threshold: 0 },
  { id: 'tier_silver', name: 'Silver', multiplier: 1.25, threshold: 1_000 },
  { id: 'tier_gold', name: 'Gold', multiplier: 1.5, threshold: 5_000 },
  { id: 'tier_platinum', name: 'Platinum', multiplier: 2.0, threshold: 15_000 },
];

export function tierFor(balance: number): { tier: TierDef; next: TierDef | null } {
  let index = 0;
  for (let i = 0; i < TIERS.length; i++) if (balance >= (TIERS[i]?.threshold ?? Infinity)) index = i;
  const tier = TIERS[index] ?? TIERS[0]!;
  return { tier, next: TIERS[index + 1] ?? null };
}

export interface StoreRecord {
  id: string;
  name: string;
  status: 'active' | 'inactive';
}

export interface CouponRecord {
  id: string;
  memberId: string;
  code: string;
  title: string;
  status: CouponStatus;
  expiresAt: string | null;
  redeemedAt: string | null;
}

export interface MemberRecord {
  id: string;
  name: string;
  status: MemberStatus;
  joinedAt: string;
  /** Oldest first; served newest first. */
  ledger: LedgerTransaction[];
  coupons: CouponRecord[];
}

export interface TenantData {
  id: TenantId;
  name: string;
  stores: StoreRecord[];
  /** Roster order (well-known members first). */
  members: MemberRecord[];
}

export interface DemoData {
  seed: number;
  tenants: Record<TenantId, TenantData>;
}

export const DEFAULT_SEED = 20_251_125;

/** Well-known fixture ids for tests and QA. Identical for every seed. */
export const DEMO = {
  tenantName: 'SocialHub Demo Coffee',
  storeId: 'st_nyc_01',
  storeIds: ['st_nyc_01', 'st_sfo_01', 'st_lon_01', 'st_chi_01'],
  /** Status `inactive` (closed for refit). */
  inactiveStoreId: 'st_chi_01',
  /** Ava Chen, Silver, 50 points short of Gold; two active coupons, one redeemed, one expired. */
  memberWithCoupons: 'mb_ava_chen',
  memberWithCouponsName: 'Ava Chen',
  activeCoupons: ['cp_ava_coffee', 'cp_ava_10off'],
  redeemedCoupon: 'cp_ava_pastry',
  expiredCoupon: 'cp_ava_summer',
  /** Marcus Webb, Gold, with a ledger longer than one 200-entry page. */
  goldMember: 'mb_marcus_webb',
  goldMemberName: 'Marcus Webb',
  /** Priya Shah, Platinum (top tier: `next` is null). */
  platinumMember: 'mb_priya_shah',
  /** Lena Ortiz: history that nets to a zero balance. */
  zeroBalanceMember: 'mb_lena_ortiz',
  /** Noah Kim: the newest member (joined the day the seeded history ends), empty ledger, balance 0. */
  newMember: 'mb_noah_kim',
  /** Tom Baker: status `inactive`. */
  inactiveMember: 'mb_tom_baker',
  /** Grace Liu: Bronze, five active coupons for redeem tests that should not touch Ava's. */
  spareCouponMember: 'mb_grace_liu',
  spareCoupons: ['cp_grace_01', 'cp_grace_02', 'cp_grace_03', 'cp_grace_04', 'cp_grace_05'],
  otherTenant: {
    name: 'Northwind Outfitters',
    storeId: 'st_nw_01',
    memberId: 'mb_nw_jordan_lee',
    couponId: 'cp_nw_welcome',
  },
} as const;

const DAY = 86_400_000;
/** Seeded history ends here, well before any real write, so new entries sort newest. */
const HISTORY_END = Date.UTC(2025, 8, 30, 18, 0, 0);
const HISTORY_START = Date.UTC(2021, 0, 4);
const FAR_EXPIRY = '2030-12-31T23:59:59.000Z';
const WELL_KNOWN_SEED = 0x5eed_c0de;
const DEMO_MEMBER_COUNT = 500;
const OTHER_MEMBER_COUNT = 12;

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Mateo', 'Sofia', 'Ethan', 'Isabella', 'Lucas', 'Mia', 'Amir', 'Chloe', 'Daniel',
  'Hana', 'Jamal', 'Yuki', 'Elena', 'Kofi', 'Zara', 'Ravi', 'Nina', 'Omar', 'Freya', 'Diego', 'Aisha',
  'Leo', 'Ingrid', 'Tariq', 'Maya', 'Jonas', 'Camila', 'Felix', 'Aroha', 'Sven', 'Lucia', 'Kenji', 'Noor',
];
const LAST_NAMES = [
  'Garcia', 'Nguyen', 'Smith', 'Okafor', 'Rossi', 'Kowalski', 'Haddad', 'Johansson', 'Patel', 'Murphy',
  'Tanaka', 'Silva', 'Müller', 'Dubois', 'Mensah', 'Ivanova', 'Kim', 'Lopez', "O'Brien", 'Novak', 'Cohen',
  'Fischer', 'Santos', 'Yilmaz', 'Andersen', 'Moreau', 'Reyes', 'Park', 'Wójcik', 'Ahmed',
];
const COUPON_TITLES = [
  'Free coffee', '10% off your next visit', '$5 off a $25 purchase', 'Free pastry with any drink',
  'Double points weekend', 'Birthday treat', 'Buy one, get one half price',
];
const REWARDS = ['Free coffee', 'Free pastry', 'Tote bag', '$5 voucher'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function couponCode(rng: Rng): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `SH-${randToken(rng, 4, alphabet)}-${randToken(rng, 4, alphabet)}`;
}

/** Appends entries while keeping `balanceAfter` a correct running balance that never dips below zero. */
class LedgerBuilder {
  readonly entries: LedgerTransaction[] = [];
  balance = 0;
  private readonly rng: Rng;

  constructor(rng: Rng) {
    this.rng = rng;
  }

  add(amount: number, description: string, atMs: number): void {
    if (amount === 0 || this.balance + amount < 0) return;
    this.balance += amount;
    this.entries.push({
      id: `txn_${randToken(this.rng, 14)}`,
      amount,
      description,
      createdAt: iso(atMs),
      balanceAfter: this.balance,
    });
  }
}

interface HistoryContext {
  rng: Rng;
  storeIds: readonly string[];
  /** Shared per tenant so POS transaction numbers are unique across its stores and tills. */
  txnCounter: { next: number };
  orderCounter: { next: number };
}

/**
 * A plausible history: welcome bonus, purchases, online orders, the odd return, reward or expiry.
 * With `targetBalance`, a final adjustment lands the balance exactly there.
 */
function buildHistory(ctx: HistoryContext, joinedMs: number, entries: number, targetBalance?: number): LedgerTransaction[] {
  const { rng } = ctx;
  const ledger = new LedgerBuilder(rng);
  if (entries === 0) return ledger.entries;
  const end = HISTORY_END - DAY;
  const times = Array.from({ length: entries }, () => joinedMs + Math.floor(rng() * Math.max(1, end - joinedMs)));
  times.sort((a, b) => a - b);
  const purchases: { store: string; till: number; txn: number; amount: number }[] = [];
  ledger.add(100, 'Welcome bonus', joinedMs);
  for (let i = 1; i < entries; i++) {
    const at = Math.max(times[i] ?? joinedMs, joinedMs + i * 60_000);
    const roll = rng();
    if (roll < 0.62) {
      const store = pick(rng, ctx.storeIds);
      const till = randInt(rng, 1, 4);
      const txn = ctx.txnCounter.next++;
      const amount = randInt(rng, 5, 420);
      purchases.push({ store, till, txn, amount });
      ledger.add(amount, `In-store purchase · store ${store} · till T${till} · txn ${txn}`, at);
    } else if (roll < 0.8) {
      ledger.add(randInt(rng, 20, 600), `Order #SO-${ctx.orderCounter.next++} fulfilled`, at);
    } else if (roll < 0.87 && purchases.length > 0) {
      const p = pick(rng, purchases);
      ledger.add(-Math.min(ledger.balance, randInt(rng, 1, p.amount)), `Return adjustment · store ${p.store} · till T${p.till} · txn ${p.txn}`, at);
    } else if (roll < 0.93 && ledger.balance >= 150) {
      ledger.add(-150, `Reward redeemed · ${pick(rng, REWARDS)}`, at);
    } else if (roll < 0.97) {
      ledger.add(200, 'Birthday bonus', at);
    } else {
      ledger.add(-Math.min(ledger.balance, randInt(rng, 10, 80)), 'Points expired', at);
    }
  }
  if (targetBalance !== undefined && ledger.balance !== targetBalance) {
    const diff = targetBalance - ledger.balance;
    const last = Date.parse(ledger.entries.at(-1)?.createdAt ?? iso(joinedMs));
    ledger.add(diff, diff > 0 ? 'Goodwill adjustment' : `Reward redeemed · ${pick(rng, REWARDS)}`, last + 3_600_000);
  }
  return ledger.entries;
}

function randomCoupons(rng: Rng, memberId: string): CouponRecord[] {
  if (rng() >= 0.3) return [];
  return Array.from({ length: randInt(rng, 1, 3) }, () => {
    const roll = rng();
    const status: CouponStatus = roll < 0.6 ? 'active' : roll < 0.85 ? 'redeemed' : 'expired';
    const expiryMs = HISTORY_END + randInt(rng, -120, 900) * DAY;
    return {
      id: `cp_${randToken(rng, 12)}`,
      memberId,
      code: couponCode(rng),
      title: pick(rng, COUPON_TITLES),
      status,
      // Active coupons never expire before the real clock catches up with the fixtures.
      expiresAt: status === 'expired' ? iso(HISTORY_END - randInt(rng, 1, 200) * DAY) : status === 'active' ? (rng() < 0.3 ? null : FAR_EXPIRY) : iso(expiryMs),
      redeemedAt: status === 'redeemed' ? iso(HISTORY_END - randInt(rng, 1, 300) * DAY) : null,
    };
  });
}

function generatedMembers(rng: Rng, ctx: HistoryContext, count: number, taken: Set<string>): MemberRecord[] {
  const members: MemberRecord[] = [];
  for (let i = 0; i < count; i++) {
    let id = `mb_${randToken(rng, 10)}`;
    while (taken.has(id)) id = `mb_${randToken(rng, 10)}`;
    taken.add(id);
    const joinedMs = HISTORY_START + Math.floor(rng() * (HISTORY_END - 30 * DAY - HISTORY_START));
    members.push({
      id,
      name: `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_NAMES)}`,
      // Every 25th member has lapsed, so `?status=active` filters something real.
      status: i % 25 === 24 ? 'inactive' : 'active',
      joinedAt: iso(joinedMs),
      ledger: buildHistory(ctx, joinedMs, randInt(rng, 0, 26)),
      coupons: randomCoupons(rng, id),
    });
  }
  return members;
}

function coupon(memberId: string, id: string, code: string, title: string, status: CouponStatus, expiresAt: string | null, redeemedAt: string | null = null): CouponRecord {
  return { id, memberId, code, title, status, expiresAt, redeemedAt };
}

function wellKnownDemoMembers(ctx: HistoryContext): MemberRecord[] {
  const m = (id: string, name: string, status: MemberStatus, joined: string, entries: number, target: number, coupons: CouponRecord[] = []): MemberRecord => {
    const joinedMs = Date.parse(joined);
    return { id, name, status, joinedAt: iso(joinedMs), ledger: buildHistory(ctx, joinedMs, entries, target), coupons };
  };
  const ava = DEMO.memberWithCoupons;
  const grace = DEMO.spareCouponMember;
  return [
    m(ava, DEMO.memberWithCouponsName, 'active', '2023-03-14T10:21:00Z', 24, 4_950, [
      coupon(ava, DEMO.activeCoupons[0], 'SH-AVA1-CFEE', 'Free coffee', 'active', FAR_EXPIRY),
      coupon(ava, DEMO.activeCoupons[1], 'SH-AVA2-10OF', '10% off your next visit', 'active', null),
      coupon(ava, DEMO.redeemedCoupon, 'SH-AVA3-PSTR', 'Free pastry with any drink', 'redeemed', FAR_EXPIRY, '2025-08-14T09:12:00.000Z'),
      coupon(ava, DEMO.expiredCoupon, 'SH-AVA4-SUMR', 'Summer double points', 'expired', '2025-08-31T23:59:59.000Z'),
    ]),
    m(DEMO.goldMember, DEMO.goldMemberName, 'active', '2021-06-02T16:45:00Z', 240, 8_240, [
      coupon(DEMO.goldMember, 'cp_marcus_gold', 'SH-MRC1-GOLD', 'Gold welcome: free drink upgrade', 'active', FAR_EXPIRY),
    ]),
    m(DEMO.platinumMember, 'Priya Shah', 'active', '2021-02-11T08:05:00Z', 60, 18_400, [
      coupon(DEMO.platinumMember, 'cp_priya_vip', 'SH-PRY1-VIP0', 'Platinum: free drink every Friday', 'active', FAR_EXPIRY),
    ]),
    m(DEMO.zeroBalanceMember, 'Lena Ortiz', 'active', '2024-11-20T12:00:00Z', 6, 0),
    m(DEMO.newMember, 'Noah Kim', 'active', iso(HISTORY_END - DAY), 0, 0),
    m(DEMO.inactiveMember, 'Tom Baker', 'inactive', '2022-01-09T14:30:00Z', 8, 320),
    m(grace, 'Grace Liu', 'active', '2024-05-05T11:11:00Z', 5, 480,
      DEMO.spareCoupons.map((id, i) => coupon(grace, id, `SH-GRC${i + 1}-SPAR`, pick(ctx.rng, COUPON_TITLES), 'active', FAR_EXPIRY))),
  ];
}

function demoTenant(seed: number): TenantData {
  const stores: StoreRecord[] = [
    { id: 'st_nyc_01', name: 'Demo Coffee · New York, 5th Ave', status: 'active' },
    { id: 'st_sfo_01', name: 'Demo Coffee · San Francisco, Market St', status: 'active' },
    { id: 'st_lon_01', name: 'Demo Coffee · London, Soho', status: 'active' },
    { id: 'st_chi_01', name: 'Demo Coffee · Chicago, The Loop', status: 'inactive' },
  ];
  const activeStores = stores.filter((s) => s.status === 'active').map((s) => s.id);
  const counters = { txnCounter: { next: 10_001 }, orderCounter: { next: 40_001 } };
  const known = wellKnownDemoMembers({ rng: mulberry32(WELL_KNOWN_SEED), storeIds: activeStores, ...counters });
  const rng = mulberry32(seed);
  const taken = new Set(known.map((m) => m.id));
  const rest = generatedMembers(rng, { rng, storeIds: activeStores, ...counters }, DEMO_MEMBER_COUNT - known.length, taken);
  return { id: 'demo', name: DEMO.tenantName, stores, members: [...known, ...rest] };
}

function otherTenant(seed: number): TenantData {
  const stores: StoreRecord[] = [
    { id: DEMO.otherTenant.storeId, name: 'Northwind · Portland', status: 'active' },
    { id: 'st_nw_02', name: 'Northwind · Seattle', status: 'active' },
  ];
  const storeIds = stores.map((s) => s.id);
  const counters = { txnCounter: { next: 70_001 }, orderCounter: { next: 90_001 } };
  const knownCtx: HistoryContext = { rng: mulberry32(WELL_KNOWN_SEED + 1), storeIds, ...counters };
  const jordanJoined = Date.parse('2022-09-01T09:00:00Z');
  const jordan: MemberRecord = {
    id: DEMO.otherTenant.memberId,
    name: 'Jordan Lee',
    status: 'active',
    joinedAt: iso(jordanJoined),
    ledger: buildHistory(knownCtx, jordanJoined, 12, 2_150),
    coupons: [coupon(DEMO.otherTenant.memberId, DEMO.otherTenant.couponId, 'NW-WLCM-0001', 'Welcome: 15% off outerwear', 'active', FAR_EXPIRY)],
  };
  // A different stream from the demo tenant's, so the two rosters do not mirror each other.
  const rng = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  const rest = generatedMembers(rng, { rng, storeIds, ...counters }, OTHER_MEMBER_COUNT - 1, new Set([jordan.id]));
  return { id: 'other', name: DEMO.otherTenant.name, stores, members: [jordan, ...rest] };
}

/** Fresh, fully independent data for `seed` (callers may mutate it). */
export function buildDemoData(seed: number = DEFAULT_SEED): DemoData {
  return { seed, tenants: { demo: demoTenant(seed), other: otherTenant(seed) } };
}

export function balanceOf(member: MemberRecord): number {
  return member.ledger.at(-1)?.balanceAfter ?? 0;
}
