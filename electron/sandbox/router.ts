/**
 * SocialHub v2 endpoint handlers. Each is synchronous and returns a Reply built to the shared
 * zod types, so a write is applied in one step with no await in the middle.
 */
import type { Coupons, Member, MembersPage, PointsPage, PointsResponse, RedeemResponse, Store, StoresPage, Tier } from '../../shared/api/schemas.ts';
import { balanceOf, tierFor, type MemberRecord, type TenantId } from './demo-data.ts';
import { errorReply, type Reply } from './http-util.ts';
import { parsePage, slicePage } from './pagination.ts';
import type { RouteKey } from './route-table.ts';
import type { SandboxStore } from './state.ts';
import { parsePointsRequest } from './validation.ts';

export interface ApiRequest {
  tenant: TenantId;
  /** Already checked against ID_PATTERN (null for collection routes). */
  id: string | null;
  query: URLSearchParams;
  contentType: string | undefined;
  body: Buffer;
  now: Date;
  /** Ledger entries younger than this are not yet visible to GET .../points. */
  ledgerLagMs: number;
}

const MEMBER_STATUSES = ['active', 'inactive'];

function notFound(what: string, id: string | null): Reply {
  // Another tenant's entity is reported exactly like a missing one.
  return errorReply(404, 'not_found', id === null ? `${what} not found` : `${what} ${id} not found`);
}

function badRequest(message: string, code = 'invalid_request'): Reply {
  return errorReply(400, code, message);
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function withMember(store: SandboxStore, req: ApiRequest, fn: (member: MemberRecord) => Reply): Reply {
  const member = req.id === null ? undefined : store.member(req.tenant, req.id);
  return member ? fn(member) : notFound('Member', req.id);
}

function listStores(store: SandboxStore, req: ApiRequest): Reply {
  const page = parsePage(req.query);
  if (!page.ok) return badRequest(page.message);
  const all = store.stores(req.tenant);
  const stores: Store[] = slicePage(all, page.page).map((s) => ({ id: s.id, name: s.name, status: s.status }));
  return ok({ stores, total: all.length } satisfies StoresPage);
}

function getStore(store: SandboxStore, req: ApiRequest): Reply {
  const found = req.id === null ? undefined : store.store(req.tenant, req.id);
  if (!found) return notFound('Store', req.id);
  return ok({ id: found.id, name: found.name, status: found.status } satisfies Store);
}

function listMembers(store: SandboxStore, req: ApiRequest): Reply {
  const page = parsePage(req.query);
  if (!page.ok) return badRequest(page.message);
  const statuses = req.query.getAll('status');
  if (statuses.length > 1) return badRequest('status must be given at most once');
  const status = statuses[0];
  if (status !== undefined && !MEMBER_STATUSES.includes(status)) {
    return badRequest(`status must be one of ${MEMBER_STATUSES.join(', ')} (got "${status.slice(0, 40)}")`);
  }
  const all = store.members(req.tenant).filter((m) => status === undefined || m.status === status);
  const members = slicePage(all, page.page).map((m) => {
    const balance = balanceOf(m);
    return { id: m.id, name: m.name, status: m.status, tier: tierFor(balance).tier.name, balance };
  });
  return ok({ members, total: all.length } satisfies MembersPage);
}

function getMember(store: SandboxStore, req: ApiRequest): Reply {
  return withMember(store, req, (m) => ok({ id: m.id, name: m.name, status: m.status, joinedAt: m.joinedAt } satisfies Member));
}

function getPoints(store: SandboxStore, req: ApiRequest): Reply {
  return withMember(store, req, (m) => {
    const page = parsePage(req.query);
    if (!page.ok) return badRequest(page.message);
    // Under lag the read is a consistent but stale snapshot: recent entries and their effect on the balance are hidden.
    const cutoff = req.now.getTime() - req.ledgerLagMs;
    const visible = req.ledgerLagMs > 0 ? m.ledger.filter((t) => Date.parse(t.createdAt) <= cutoff) : m.ledger;
    const newestFirst = [...visible].reverse();
    const body: PointsPage = {
      memberId: m.id,
      balance: visible.at(-1)?.balanceAfter ?? 0,
      transactions: slicePage(newestFirst, page.page).map((t) => ({ ...t })),
      total: visible.length,
    };
    return ok(body);
  });
}

function postPoints(store: SandboxStore, req: ApiRequest): Reply {
  return withMember(store, req, (m) => {
    const parsed = parsePointsRequest(req.contentType, req.body);
    if (!parsed.ok) return badRequest(parsed.message, parsed.code);
    const result = store.applyPoints(req.tenant, m.id, parsed.value.amount, parsed.value.description, req.now);
    if (!result.ok) {
      return badRequest(`Adjustment of ${parsed.value.amount} would take the balance of ${m.id} below zero (balance ${result.balance})`, 'insufficient_balance');
    }
    return ok({ transactionId: result.transaction.id, balance: result.balance } satisfies PointsResponse);
  });
}

function getTier(store: SandboxStore, req: ApiRequest): Reply {
  return withMember(store, req, (m) => {
    const balance = balanceOf(m);
    const { tier, next } = tierFor(balance);
    const body: Tier = {
      tier: { id: tier.id, name: tier.name, multiplier: tier.multiplier },
      next: next ? { name: next.name, pointsToNext: next.threshold - balance } : null,
    };
    return ok(body);
  });
}

function getCoupons(store: SandboxStore, req: ApiRequest): Reply {
  return withMember(store, req, (m) => {
    const coupons = m.coupons.map((c) => ({ id: c.id, code: c.code, title: c.title, status: c.status, expiresAt: c.expiresAt, redeemedAt: c.redeemedAt }));
    return ok({ coupons } satisfies Coupons);
  });
}

function redeemCoupon(store: SandboxStore, req: ApiRequest): Reply {
  const coupon = req.id === null ? null : store.redeem(req.tenant, req.id, req.now);
  // Unknown, already redeemed and expired all read the same: do not honor.
  if (!coupon) return errorReply(404, 'not_found', `Coupon ${req.id ?? ''} not found or not redeemable`);
  return ok({ id: coupon.id, status: 'redeemed', redeemedAt: coupon.redeemedAt ?? req.now.toISOString() } satisfies RedeemResponse);
}

const HANDLERS: Record<RouteKey, (store: SandboxStore, req: ApiRequest) => Reply> = {
  'GET /stores': listStores,
  'GET /stores/:id': getStore,
  'GET /members': listMembers,
  'GET /members/:id': getMember,
  'GET /members/:id/points': getPoints,
  'POST /members/:id/points': postPoints,
  'GET /members/:id/tier': getTier,
  'GET /members/:id/coupons': getCoupons,
  'POST /coupons/:id/redeem': redeemCoupon,
};

export function handleApi(key: RouteKey, store: SandboxStore, req: ApiRequest): Reply {
  return HANDLERS[key](store, req);
}
