import { describe, expect, it } from 'vitest';
import { awardBlocker, createMemberStore, memberName, sortCoupons, tierProgress } from './member-store.ts';
import { avaCard, createFakeBridge, fail, flush, ok } from '../testing/fake-bridge.ts';

describe('member store', () => {
  it('loads a card; a newer scan wins over an older answer still in flight', async () => {
    const fake = createFakeBridge();
    const resolvers: Record<string, (v: unknown) => void> = {};
    fake.handle('memberCard', (req) => new Promise((r) => (resolvers[(req as { memberId: string }).memberId] = r)));
    const store = createMemberStore(fake.bridge);
    const first = store.getState().load('mb_ava_chen');
    expect(store.getState()).toMatchObject({ phase: 'loading', memberId: 'mb_ava_chen', card: null });
    const second = store.getState().load('mb_marcus_webb');
    await flush();
    resolvers.mb_marcus_webb!(ok(avaCard({ memberId: 'mb_marcus_webb' })));
    await second;
    resolvers.mb_ava_chen!(ok(avaCard()));
    await first;
    expect(store.getState()).toMatchObject({ phase: 'loaded', memberId: 'mb_marcus_webb' });
    expect(store.getState().card?.memberId).toBe('mb_marcus_webb');
    expect(store.getState().loadSeq).toBe(1);
  });

  it('shows the error message, never a stack', async () => {
    const fake = createFakeBridge();
    fake.handle('memberCard', () => fail('OFFLINE', 'SocialHub cannot be reached right now.'));
    const store = createMemberStore(fake.bridge);
    await store.getState().load('mb_ava_chen');
    expect(store.getState()).toMatchObject({ phase: 'error', error: { code: 'OFFLINE', message: 'SocialHub cannot be reached right now.' } });
    expect(awardBlocker(store.getState())).toMatch(/did not load/);
  });

  it('a refresh keeps the card on screen, and keeps it if the refresh fails', async () => {
    const fake = createFakeBridge();
    fake.handle('memberCard', () => ok(avaCard()));
    const store = createMemberStore(fake.bridge);
    await store.getState().load('mb_ava_chen');
    fake.handle('memberCard', () => fail('OFFLINE', 'Offline.'));
    const p = store.getState().refresh();
    expect(store.getState()).toMatchObject({ phase: 'loaded', refreshing: true });
    await p;
    expect(store.getState()).toMatchObject({ phase: 'loaded', refreshing: false, error: { message: 'Offline.' } });
    expect(store.getState().loadSeq).toBe(1);
    expect(memberName(store.getState())).toBe('Ava Chen');
    store.getState().clear();
    expect(store.getState()).toMatchObject({ phase: 'idle', card: null, memberId: null });
  });

  it('blocks awards when the name part failed (the cashier cannot confirm the person)', () => {
    const card = avaCard({ member: { ok: false, code: 'OFFLINE', message: 'Offline' } });
    expect(awardBlocker({ phase: 'loaded', card })).toMatch(/name/);
    expect(awardBlocker({ phase: 'loaded', card: avaCard() })).toBeNull();
    expect(awardBlocker({ phase: 'loaded', card: avaCard({ tier: { ok: false, code: 'server_error', message: 'HTTP 503' } }) })).toMatch(/\(tier\).*F5/);
    expect(awardBlocker({ phase: 'idle', card: null })).toMatch(/Scan/);
    expect(awardBlocker({ phase: 'loading', card: null })).toMatch(/Wait/);
  });

  it('sorts coupons active first (soonest expiry first), then redeemed, then expired', () => {
    const card = avaCard();
    const coupons = card.coupons.ok ? card.coupons.value : [];
    expect(sortCoupons(coupons).map((c) => c.id)).toEqual(['cp_ava_coffee', 'cp_ava_10off', 'cp_ava_pastry', 'cp_ava_summer']);
  });

  it('works out tier progress', () => {
    expect(tierProgress(4950, 50)).toBeCloseTo(0.99);
    expect(tierProgress(0, 1000)).toBe(0);
    expect(tierProgress(100, null)).toBeNull();
    expect(tierProgress(null, 10)).toBeNull();
  });
});
