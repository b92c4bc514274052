/**
 * Review: a till whose still-empty journal another program re-keyed at run time must not be
 * stopped for good: it never sells under the other keying, says writes stopped, and its next
 * write builds the engine again (claiming back a journal still without sales).
 * Real journal file, real app core, real sandbox.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { openJournal } from '../journal/index.ts';
import { localTimeZone } from '../../../shared/time/business-day.ts';
import { JOURNAL_FILE } from './app-core.ts';
import { createTillKit } from './testing/till-kit.ts';
import type { TillKit } from './testing/till-kit.ts';

const NOW = Date.UTC(2026, 2, 14, 12, 30);

let kit: TillKit | null = null;
afterEach(async () => {
  await kit?.close();
  kit = null;
});

/**
 * A till whose engine keyed its still-empty journal (a sale that earns nothing builds the engine
 * in the till's own zone and records nothing); `zone` is another zone to re-key it to.
 */
async function tillOnAnEmptyJournal(): Promise<{ k: TillKit; file: string; zone: string }> {
  let dataDir = '';
  const k = await createTillKit({
    settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00' },
    clock: { now: () => NOW },
    beforeStart(dir) {
      dataDir = dir;
    },
  });
  kit = k;
  await k.unlock();
  expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
  expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'NOTHING', saleTotal: '0.00' })).toMatchObject({ ok: false });
  const zone = localTimeZone() === 'Pacific/Auckland' ? 'Europe/Berlin' : 'Pacific/Auckland';
  return { k, file: path.join(dataDir, JOURNAL_FILE), zone };
}

describe('a keying the till adopted and sold under', () => {
  it('still sells after an unrelated settings save rebuilds the engine', async () => {
    const { k, file, zone } = await tillOnAnEmptyJournal();
    const check = openJournal({ path: file });
    expect(check.keying()).toMatchObject({ timeZone: localTimeZone() });
    expect(check.count({})).toBe(0);
    check.close();
    // Another program (the CLI with --tz) re-keys the still-empty journal: allowed. The till does not
    // follow it (its engine keys only by the keying it settled), and says so until it next writes.
    openJournal({ path: file, keying: { storeId: DEMO.storeId, timeZone: zone } }).close();
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: expect.stringContaining(`time zone is ${zone} in the journal`) as unknown } });
    // The next sale builds the engine again: nothing was recorded under the other zone, so the till
    // claims the journal back and sells.
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'ADOPTED-1', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: null } });
    // A save that has nothing to do with keying rebuilds the engine: the till must go on selling.
    expect(await k.call('settingsUpdate', { requestTimeoutMs: 9000 })).toMatchObject({ ok: true });
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    // Nothing was recorded under the other zone, so the rebuilt engine claims the journal back.
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'ADOPTED-2', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: null } });
  });

  it('sells again after the manager re-saves Settings unchanged (README: a settings save rebuilds the engine)', async () => {
    const { k, file, zone } = await tillOnAnEmptyJournal();
    openJournal({ path: file, keying: { storeId: DEMO.storeId, timeZone: zone } }).close();
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: expect.stringContaining("use the journal's settings") as unknown } });
    // The sentence says to use the journal's settings; the zone is not one of them, so the manager
    // saves Settings as they stand (the screen sends every group). The journal still has no sales.
    const current = await k.call('settingsGet');
    if (!current.ok) throw new Error('settingsGet failed');
    expect(await k.call('settingsUpdate', { storeId: current.value.storeId, businessDayStartsAt: current.value.businessDayStartsAt, txnIdScope: current.value.txnIdScope })).toMatchObject({ ok: true });
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    // Its config key is unchanged, but a refused engine is built again on the next write.
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'RESAVED-1', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: null } });
  });

  it('is not stopped for good once another program sold under the store zone it keyed the empty journal to (the zone is no setting of the till)', async () => {
    const { k, file, zone } = await tillOnAnEmptyJournal();
    // The CLI, given the store's zone (--tz), re-keys the still-empty journal and records a sale under it.
    const cli = openJournal({ path: file, keying: { storeId: DEMO.storeId, timeZone: zone } });
    const token = `store ${DEMO.storeId} · till T2 · txn CLI-1`;
    cli.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T2', posTxnId: 'CLI-1', memberId: DEMO.goldMember, amount: 10, description: `In-store purchase · ${token}`, token });
    cli.close();
    // The zone is not one of the till's settings and the journal now holds sales: the till keys by the
    // journal's zone rather than be refused on every rebuild.
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: expect.stringContaining(`time zone is ${zone} in the journal`) as unknown } });
    expect(await k.call('settingsUpdate', { requestTimeoutMs: 9000 })).toMatchObject({ ok: true });
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'AFTER-CLI', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(await k.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: null } });
  });

  it('a store change once the journal holds sales is refused in Settings like the day start, not saved to stop every sale', async () => {
    kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00' }, clock: { now: () => NOW } });
    await kit.unlock();
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'STORE-1', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    // The store is part of every sale's key, as the day start is: the journal refuses an engine naming another.
    const saved = await kit.call('settingsUpdate', { storeId: 'st_elsewhere_02' });
    if (saved.ok) {
      // Saved anyway: the till must still be able to sell (today every sale is JOURNAL_UNAVAILABLE).
      expect(await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'STORE-2', saleTotal: '12.00' })).toMatchObject({ ok: true });
    } else {
      expect(saved).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID' } });
    }
  });
});
