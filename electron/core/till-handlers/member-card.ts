/**
 * The member card: member, balance (+ the last 5 ledger lines), tier and coupons, fetched as four
 * requests in parallel so the card costs one round trip, not four. Each part can fail on its own
 * and the card shows what it has. A card whose balance, tier and coupons all arrived is recorded
 * as "shown" — the precondition for an award.
 */
import type { InvokeContract } from '../../../shared/ipc/contract.ts';
import type { MemberCard } from '../../../shared/ipc/schemas/till.ts';
import type { ApiResult } from '../api/index.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { TillHandlerDeps } from './context.ts';

const RECENT_LINES = 5;

type Part<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

function part<T, U>(result: ApiResult<T>, pick: (value: T) => U): Part<U> {
  if (result.ok) return { ok: true, value: pick(result.value) };
  return { ok: false, code: result.failure.code ?? result.failure.reason, message: result.failure.message };
}

export async function fetchMemberCard(deps: Pick<TillHandlerDeps, 'clients' | 'cards' | 'now'>, memberId: string): Promise<MemberCard> {
  const client = await deps.clients.cardReader();
  const [member, points, tier, coupons] = await Promise.all([
    client.getMember(memberId),
    client.getPoints(memberId, { limit: RECENT_LINES, offset: 0 }),
    client.getTier(memberId),
    client.getCoupons(memberId),
  ]);
  const fetchedAt = deps.now();
  const card: MemberCard = {
    memberId,
    fetchedAt,
    member: part(member, (m) => m),
    points: part(points, (p) => ({ balance: p.balance, recent: p.transactions.slice(0, RECENT_LINES) })),
    tier: part(tier, (t) => t),
    coupons: part(coupons, (c) => c.coupons),
  };
  if (points.ok && tier.ok && coupons.ok) {
    deps.cards.record(memberId, {
      fetchedAt,
      tierMultiplier: tier.value.tier.multiplier,
      tierName: tier.value.tier.name,
      memberName: member.ok ? member.value.name : null,
      couponIds: coupons.value.coupons.map((c) => c.id),
    });
  } else {
    // A partial card is not "shown": the cashier did not see what an award depends on.
    deps.cards.forget(memberId);
  }
  return card;
}

export function registerMemberCard(registry: HandlerRegistry<InvokeContract>, deps: TillHandlerDeps): void {
  registry.handle('memberCard', ({ memberId }) => fetchMemberCard(deps, memberId));
}
