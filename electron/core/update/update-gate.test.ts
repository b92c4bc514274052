/**
 * The update rule at a till: applied only when no write is in flight, the queue is empty or safe
 * in the journal, no sale is open and nobody has used the till for a while. First the rule, then
 * the same rule fed by the real app core (real sandbox, real journal) through a sale.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { decideUpdate, IDLE_MS_DEFAULT } from './update-gate.ts';
import type { UpdateReadiness } from './update-gate.ts';
import { updateConfigFor, updateConfigFromEnv, updateConfigSchema, updateFeedUrl } from './update-feed.ts';

const NOW = 1_800_000_000_000;
const quiet: UpdateReadiness = { writesInFlight: 0, unfinished: 0, journalDurable: true, saleOpen: false, lastActivityAt: NOW - IDLE_MS_DEFAULT };

describe('decideUpdate', () => {
  it('applies on a quiet till with an empty queue', () => {
    expect(decideUpdate(quiet, NOW)).toEqual({ apply: true });
    expect(decideUpdate({ ...quiet, lastActivityAt: null }, NOW)).toEqual({ apply: true });
  });

  it('applies with a queue that is safe in the journal (it drains after the restart)', () => {
    expect(decideUpdate({ ...quiet, unfinished: 12 }, NOW)).toEqual({ apply: true });
  });

  it('never during a sale, whatever else is true', () => {
    expect(decideUpdate({ ...quiet, saleOpen: true }, NOW)).toEqual({ apply: false, reason: 'a sale is open' });
    expect(decideUpdate({ ...quiet, saleOpen: true, lastActivityAt: null }, NOW + 86_400_000)).toMatchObject({ apply: false });
  });

  it('waits for writes on the wire', () => {
    expect(decideUpdate({ ...quiet, writesInFlight: 1, unfinished: 1 }, NOW)).toEqual({ apply: false, reason: '1 write is being sent or verified' });
    expect(decideUpdate({ ...quiet, writesInFlight: 3, unfinished: 3 }, NOW)).toEqual({ apply: false, reason: '3 writes are being sent or verified' });
  });

  it('waits when unfinished writes are not durable', () => {
    expect(decideUpdate({ ...quiet, unfinished: 2, journalDurable: false }, NOW)).toEqual({ apply: false, reason: '2 unfinished writes and the journal is not writable' });
    expect(decideUpdate({ ...quiet, unfinished: 0, journalDurable: false }, NOW)).toEqual({ apply: true });
  });

  it('waits until the till has been idle long enough', () => {
    expect(decideUpdate({ ...quiet, lastActivityAt: NOW - IDLE_MS_DEFAULT + 1 }, NOW)).toEqual({ apply: false, reason: 'the till is in use' });
    expect(decideUpdate({ ...quiet, lastActivityAt: NOW - 1000 }, NOW, 500)).toEqual({ apply: true });
  });
});

describe('the update feed', () => {
  it('lays out <feed>/<channel>/<platform>/<arch> and takes only https', () => {
    expect(updateFeedUrl('https://updates.example.com/till/', 'pilot', 'win32', 'x64')).toBe('https://updates.example.com/till/pilot/win32/x64');
    expect(updateConfigSchema.parse({ feedUrl: 'https://updates.example.com/till' })).toEqual({ channel: 'stable', feedUrl: 'https://updates.example.com/till' });
    expect(updateConfigSchema.safeParse({ feedUrl: 'http://updates.example.com/till' }).error?.issues[0]?.message).toBe('must be an https:// URL');
    expect(updateConfigSchema.safeParse({ feedUrl: 'https://u.example', channel: 'beta' }).success).toBe(false);
  });

  it('reads the feed and channel from the environment until policy supplies them', () => {
    expect(updateConfigFromEnv({})).toBeNull();
    expect(updateConfigFromEnv({ TILL_UPDATE_FEED_URL: 'https://u.example/till', TILL_UPDATE_CHANNEL: 'pilot' })).toEqual({ feedUrl: 'https://u.example/till', channel: 'pilot' });
    expect(() => updateConfigFromEnv({ TILL_UPDATE_FEED_URL: 'https://u.example/till', TILL_UPDATE_CHANNEL: 'beta' })).toThrow(/^TILL_UPDATE_CHANNEL: /);
    expect(() => updateConfigFromEnv({ TILL_UPDATE_FEED_URL: 'http://u.example/till' })).toThrow('TILL_UPDATE_FEED_URL: must be an https:// URL');
  });
});

describe('readiness from the app core', () => {
  const kits: TillKit[] = [];
  afterEach(async () => {
    for (const k of kits.splice(0)) await k.close();
  });

  it('closes the gate when a card is shown, opens it after the award and a quiet spell', async () => {
    let now = Date.now();
    const k = await createTillKit({ clock: { now: () => now } });
    kits.push(k);
    expect(decideUpdate(k.core.updateReadiness(), now)).toEqual({ apply: true });

    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(k.core.updateReadiness()).toMatchObject({ saleOpen: true });
    now += IDLE_MS_DEFAULT * 2; // a card left on screen keeps the sale open while the card could still be used
    expect(decideUpdate(k.core.updateReadiness(), now)).toEqual({ apply: false, reason: 'a sale is open' });

    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'UPD-1', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(k.core.updateReadiness()).toMatchObject({ saleOpen: false, writesInFlight: 0, unfinished: 0, journalDurable: true });
    expect(decideUpdate(k.core.updateReadiness(), now)).toEqual({ apply: false, reason: 'the till is in use' });
    now += IDLE_MS_DEFAULT;
    expect(decideUpdate(k.core.updateReadiness(), now)).toEqual({ apply: true });
  });

  it('keeps the gate shut while a write is on the wire', async () => {
    const k = await createTillKit({});
    kits.push(k);
    const journal = k.core.journal.journal();
    const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T1', posTxnId: 'UPD-2' });
    const { row } = journal.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T1', memberId: DEMO.goldMember, posTxnId: 'UPD-2', amount: 5, description, token: description, nextAttemptAt: Date.now() + 3_600_000 });
    journal.transition(row.id, { from: ['queued'], to: 'sending', owner: 'test', leaseMs: 60_000 });
    expect(k.core.updateReadiness()).toMatchObject({ writesInFlight: 1, unfinished: 1 });
    expect(decideUpdate(k.core.updateReadiness(), Date.now() + 86_400_000)).toEqual({ apply: false, reason: '1 write is being sent or verified' });
  });

  it('a sale open at the POS link holds the update too', async () => {
    let posOpen = true;
    const k = await createTillKit({ posSaleOpen: () => posOpen });
    kits.push(k);
    expect(decideUpdate(k.core.updateReadiness(), Date.now())).toEqual({ apply: false, reason: 'a sale is open' });
    posOpen = false;
    expect(decideUpdate(k.core.updateReadiness(), Date.now())).toEqual({ apply: true });
  });
});

describe('the feed a fleet policy sets', () => {
  const host = { feedUrl: 'https://updates.dev.example/till', channel: 'stable' as const };
  it('takes the policy’s channel and feed over the host’s', () => {
    expect(updateConfigFor({ settings: {}, updates: { channel: 'pilot', feedUrl: 'https://updates.chain.example' } }, host)).toEqual({ feedUrl: 'https://updates.chain.example', channel: 'pilot' });
    expect(updateConfigFor({ settings: {}, updates: { channel: 'pilot' } }, host)).toEqual({ feedUrl: host.feedUrl, channel: 'pilot' });
    expect(updateConfigFor({ settings: {} }, { ...host, channel: 'pilot' })).toEqual({ feedUrl: host.feedUrl, channel: 'pilot' });
  });
  it('has no feed, so no update checks, when neither names one', () => {
    expect(updateConfigFor({ settings: {}, updates: { channel: 'pilot' } }, null)).toBeNull();
    expect(updateConfigFor(null, null)).toBeNull();
    expect(updateConfigFor(null, host)).toEqual(host);
  });
});
