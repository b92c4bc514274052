/**
 * The member card on screen: one `memberCard` call (main fetches member, points, tier and
 * coupons in parallel and reports each part on its own). A newer scan always wins over an older
 * answer still in flight.
 */
import { defineMessages } from '@formatjs/intl';
import { englishText } from '../../shared/i18n/translator.ts';
import type { Translate } from './locale-store.ts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import type { MemberCard } from '../../shared/ipc/schemas/till.ts';
import type { Coupon } from '../../shared/api/schemas.ts';
import { call, type CallError } from '../app/call.ts';
import type { Timers } from './timers.ts';

export type CardPhase = 'idle' | 'loading' | 'loaded' | 'error';

export interface MemberState {
  phase: CardPhase;
  memberId: string | null;
  card: MemberCard | null;
  error: CallError | null;
  /** A reload of the card on screen is in flight (the old card stays visible). */
  refreshing: boolean;
  /** Bumped when a new member's card arrives: the UI moves focus on it. */
  loadSeq: number;
  load(memberId: string): Promise<void>;
  refresh(): Promise<void>;
  clear(): void;
}

export type MemberStore = StoreApi<MemberState>;

export function createMemberStore(bridge: Pick<TillBridge, 'memberCard'>, _timers?: Timers): MemberStore {
  let seq = 0;
  return createStore<MemberState>()((set, get) => ({
    phase: 'idle',
    memberId: null,
    card: null,
    error: null,
    refreshing: false,
    loadSeq: 0,
    async load(memberId) {
      const mine = ++seq;
      const same = get().memberId === memberId && get().card !== null;
      if (same) set({ refreshing: true, error: null });
      else set({ phase: 'loading', memberId, card: null, error: null, refreshing: false });
      const result = await call<MemberCard>(() => bridge.memberCard({ memberId }));
      if (mine !== seq) return;
      if (result.ok) set({ phase: 'loaded', card: result.value, error: null, refreshing: false, loadSeq: same ? get().loadSeq : get().loadSeq + 1 });
      else if (same) set({ refreshing: false, error: result.error });
      else set({ phase: 'error', card: null, error: result.error, refreshing: false });
    },
    async refresh() {
      const { memberId } = get();
      if (memberId !== null) await get().load(memberId);
    },
    clear() {
      seq++;
      set({ phase: 'idle', memberId: null, card: null, error: null, refreshing: false });
    },
  }));
}

// --- derived values (pure, for components and tests) ---

export function memberName(state: Pick<MemberState, 'card'>): string | null {
  const part = state.card?.member;
  return part?.ok === true ? part.value.name : null;
}

/**
 * Award needs the whole card on screen: the name (the cashier confirms the person) and the
 * balance, tier and coupons (main accepts an award only for a card shown complete).
 */
const BLOCKER = defineMessages({
  idle: { id: 'cashier.blocker.idle', defaultMessage: 'Scan the member card first.', description: 'Award not possible: no member scanned' },
  loading: { id: 'cashier.blocker.loading', defaultMessage: 'Wait for the member card to load.', description: 'Award not possible yet: card loading' },
  failed: { id: 'cashier.blocker.failed', defaultMessage: 'The member card did not load. Scan it again.', description: 'Award not possible: card failed' },
  noName: { id: 'cashier.blocker.noName', defaultMessage: 'The member’s name could not be loaded, so the points cannot be awarded. Reload the card (F5).', description: 'Award not possible: name missing' },
  partMissing: { id: 'cashier.blocker.partMissing', defaultMessage: 'Part of the card ({parts}) did not load, so the points cannot be awarded yet. Reload the card (F5).', description: 'Award not possible: parts missing; {parts} lists balance, tier, coupons' },
  balance: { id: 'cashier.blocker.part.balance', defaultMessage: 'balance', description: 'Card part name, lower case' },
  tier: { id: 'cashier.blocker.part.tier', defaultMessage: 'tier', description: 'Card part name, lower case' },
  coupons: { id: 'cashier.blocker.part.coupons', defaultMessage: 'coupons', description: 'Card part name, lower case' },
});

export function awardBlocker(state: Pick<MemberState, 'phase' | 'card'>, t: Translate = englishText): string | null {
  if (state.phase === 'idle') return t(BLOCKER.idle);
  if (state.phase === 'loading') return t(BLOCKER.loading);
  if (state.phase === 'error' || state.card === null) return t(BLOCKER.failed);
  if (!state.card.member.ok) return t(BLOCKER.noName);
  const missing = [!state.card.points.ok && t(BLOCKER.balance), !state.card.tier.ok && t(BLOCKER.tier), !state.card.coupons.ok && t(BLOCKER.coupons)].filter((x): x is string => x !== false);
  if (missing.length > 0) return t(BLOCKER.partMissing, { parts: missing.join(', ') });
  return null;
}

const STATUS_ORDER: Record<Coupon['status'], number> = { active: 0, redeemed: 1, expired: 2 };

/** Active coupons first (soonest expiry first), then redeemed, then expired. */
export function sortCoupons(coupons: readonly Coupon[]): Coupon[] {
  return [...coupons].sort((a, b) => {
    const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    if (byStatus !== 0) return byStatus;
    const ea = a.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(a.expiresAt);
    const eb = b.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(b.expiresAt);
    return ea - eb || a.title.localeCompare(b.title);
  });
}

/** Progress toward the next tier as a 0–1 fraction of the balance needed, or null at the top tier. */
export function tierProgress(balance: number | null, pointsToNext: number | null): number | null {
  if (pointsToNext === null || balance === null) return null;
  const target = balance + pointsToNext;
  if (target <= 0) return 1;
  return Math.min(1, Math.max(0, balance / target));
}
