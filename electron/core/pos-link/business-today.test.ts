/**
 * One "today" when the journal is keyed to another time zone and day start than this process and
 * the till's settings (another program keyed it): the engine, the POS-link share and `status:get`
 * (the renderer's default day) name the same business day. Real journal file, real app core,
 * the real registry.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createSocialHubClient } from '../api/index.ts';
import { JOURNAL_FILE } from '../app/app-core.ts';
import { createTillKit, TEST_PIN } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { createEngine } from '../engine/index.ts';
import { openJournal } from '../journal/index.ts';
import { businessToday } from '../journal/business-today.ts';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { businessDateAt, businessDayWindow, localTimeZone, zoneOffset } from '../../../shared/time/business-day.ts';

const NOW = Date.UTC(2026, 2, 14, 12, 30);
// A zone on the other side of the date line from this process, so the two days differ at NOW.
const ZONE = zoneOffset('local')(NOW) >= 0 ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
const DAY_START = '02:00';

let kit: TillKit | null = null;
afterEach(async () => {
  await kit?.close();
  kit = null;
});

describe('today’s business day with the journal keyed to another zone', () => {
  it('is the same day for the engine, the POS-link share and status:get', async () => {
    let engineDay = '';
    kit = await createTillKit({
      settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00' },
      clock: { now: () => NOW },
      beforeStart(dir) {
        // Another program (the CLI, another till process) keyed the journal first.
        const journal = openJournal({ path: path.join(dir, JOURNAL_FILE) });
        const client = createSocialHubClient({ baseUrl: 'http://127.0.0.1:9/api/v2', apiKey: 'fl_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K', timeoutMs: 1000 });
        const engine = createEngine({ journal, client, storeId: DEMO.storeId, tillId: 'T2', owner: 'other-program', requestTimeoutMs: 1000, now: () => NOW, timeZone: ZONE, dayStart: DAY_START });
        engineDay = engine.businessDate();
        // A sale it recorded keeps that keying: the till's own engine may not re-key the journal now.
        const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T2', posTxnId: 'OTHER-1' });
        journal.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T2', memberId: DEMO.goldMember, posTxnId: 'OTHER-1', amount: 9, description, token: description });
        journal.close();
      },
    });
    const day = businessDayWindow(engineDay, DAY_START, ZONE);
    // The settings' day start in this process's zone would name another day: the test can tell them apart.
    expect(businessDateAt(NOW, '04:00', 'local')).not.toBe(engineDay);
    expect(businessToday({ dayStart: DAY_START, timeZone: ZONE }, '04:00', NOW)).toEqual(day);

    expect(await kit.call('statusGet')).toMatchObject({ ok: true, value: { businessDate: engineDay } });
    expect(await kit.call('pinSet', { newPin: TEST_PIN, setupCode: kit.setupCode() })).toMatchObject({ ok: true });
    expect(await kit.call('posLinkShare', {})).toMatchObject({ ok: true, value: { from: day.start, to: day.end } });
  });

  it('keeps naming the day the till keys its sales by after another program re-keys the still-empty journal', async () => {
    kit = await createTillKit({
      settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00', txnIdScope: 'business-day' },
      clock: { now: () => NOW },
    });
    // The till's engine settles the keying at start (this zone, 04:00); the journal has no rows yet.
    const other = openJournal({ path: path.join(kit.dir, JOURNAL_FILE) });
    try {
      for (let i = 0; i < 200 && other.keying() === null; i++) await new Promise((r) => setTimeout(r, 10));
      expect(other.keying()).toMatchObject({ dayStart: '04:00' });
      // A second program (the CLI with --tz) may re-key a journal with no rows, and does.
      other.settleKeying({ storeId: DEMO.storeId, timeZone: ZONE, dayStart: DAY_START });
    } finally {
      other.close();
    }
    // The till's engine keys sales by the keying it settled (this zone, 04:00) and never by another
    // program's: "today" on the status and the POS-link share is that day. Until it writes, it says
    // the journal is keyed otherwise; its next sale claims the still-empty journal back.
    const tillDay = businessDayWindow(businessDateAt(NOW, '04:00', 'local'), '04:00', 'local');
    expect(await kit.call('statusGet')).toMatchObject({
      ok: true,
      value: { businessDate: tillDay.date, writesStopped: expect.stringContaining('in the journal') as unknown },
    });
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    const sale = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'REKEY-1', saleTotal: '12.00' });
    expect(sale).toMatchObject({ ok: true, value: { status: 'confirmed', row: { businessDate: tillDay.date } } });
    expect(await kit.call('statusGet')).toMatchObject({ ok: true, value: { businessDate: tillDay.date, writesStopped: null } });
    expect(await kit.call('pinSet', { newPin: TEST_PIN, setupCode: kit.setupCode() })).toMatchObject({ ok: true });
    expect(await kit.call('posLinkShare', {})).toMatchObject({ ok: true, value: { from: tillDay.start, to: tillDay.end } });
    const check = openJournal({ path: path.join(kit.dir, JOURNAL_FILE) });
    expect(check.keying()).toMatchObject({ dayStart: '04:00', timeZone: localTimeZone() });
    expect(check.count({})).toBe(1);
    check.close();
  });

  it('after the first sale, a new business day start in Settings is refused or said, never a silent "Internal error." on every sale', async () => {
    kit = await createTillKit({
      settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00' },
      clock: { now: () => NOW },
    });
    await kit.unlock();
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'DAYSTART-1', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    // The journal now holds a sale keyed by 04:00: its keying can no longer follow the setting.
    const update = await kit.call('settingsUpdate', { businessDayStartsAt: '13:00' });
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    const sale = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'DAYSTART-2', saleTotal: '12.00' });
    const status = await kit.call('statusGet');
    expect(sale).not.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (update.ok && !sale.ok) {
      // Accepted, and the till cannot sell: the status (the strip, the reconcile default day) must say so.
      expect(status).toMatchObject({ ok: true, value: { writesStopped: expect.any(String) as unknown } });
    }
  });
});
