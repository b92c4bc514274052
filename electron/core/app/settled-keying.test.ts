/**
 * A keying the journal's sales already use cannot be changed from Settings, and a till whose
 * settings the journal refuses says so (writes stopped, the journal's sentence) instead of
 * answering "Internal error." on every sale. Real journal file, real app core, real sandbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { openJournal } from '../journal/index.ts';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { JOURNAL_FILE } from './app-core.ts';
import { createTillKit } from './testing/till-kit.ts';
import type { TillKit } from './testing/till-kit.ts';
import { policyTills } from './testing/policy-till.ts';

const NOW = Date.UTC(2026, 2, 14, 12, 30);

let kit: TillKit | null = null;
afterEach(async () => {
  await kit?.close();
  kit = null;
});

describe('keying settings once the journal holds sales', () => {
  it('refuses a new store, day start or id scope with a sentence naming the journal’s, and accepts them before the first sale', async () => {
    kit = await createTillKit({ settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00' }, clock: { now: () => NOW } });
    await kit.unlock();
    // No sale yet: the journal may still be re-keyed, so the setting may change.
    expect(await kit.call('settingsUpdate', { businessDayStartsAt: '05:00' })).toMatchObject({ ok: true });
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'KEYED-1', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });

    expect(await kit.call('settingsUpdate', { businessDayStartsAt: '13:00' })).toMatchObject({
      ok: false,
      error: {
        code: 'SETTINGS_INVALID',
        messageId: 'settings.keyingSettled.dayStart',
        values: { journal: '05:00' },
        issues: [{ path: ['businessDayStartsAt'], messageId: 'settings.keyingSettled.dayStart' }],
      },
    });
    expect(await kit.call('settingsUpdate', { txnIdScope: 'business-day' })).toMatchObject({
      ok: false,
      error: { code: 'SETTINGS_INVALID', messageId: 'settings.keyingSettled.txnIdScope', values: { journal: 'forever' } },
    });
    expect(await kit.call('settingsUpdate', { storeId: 'st_elsewhere_02' })).toMatchObject({
      ok: false,
      error: {
        code: 'SETTINGS_INVALID',
        messageId: 'settings.keyingSettled.storeId',
        values: { journal: DEMO.storeId },
        message: `Sales in this till’s journal are already recorded for store ${DEMO.storeId}, so the store cannot change now.`,
        issues: [{ path: ['storeId'], messageId: 'settings.keyingSettled.storeId' }],
      },
    });
    // Saving the values in force (the whole form) is no change, and nothing was changed by the refusals.
    expect(await kit.call('settingsUpdate', { storeId: DEMO.storeId, businessDayStartsAt: '05:00', txnIdScope: 'forever', requestTimeoutMs: 9000 })).toMatchObject({
      ok: true,
      value: { storeId: DEMO.storeId, businessDayStartsAt: '05:00', txnIdScope: 'forever', requestTimeoutMs: 9000 },
    });
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'KEYED-2', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
  });

  it('a till whose settings the journal’s sales refuse answers with the journal’s sentence and says writes are stopped', async () => {
    kit = await createTillKit({
      settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00' },
      clock: { now: () => NOW },
      beforeStart(dir) {
        // Another program keyed the journal with another day start and recorded a sale under it.
        const journal = openJournal({ path: path.join(dir, JOURNAL_FILE), keying: { storeId: DEMO.storeId, dayStart: '02:00' } });
        const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T2', posTxnId: 'OTHER-1' });
        journal.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T2', memberId: DEMO.goldMember, posTxnId: 'OTHER-1', amount: 9, description, token: description });
        journal.close();
      },
    });
    expect(await kit.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    const sale = await kit.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'MINE-1', saleTotal: '12.00' });
    expect(sale).toMatchObject({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE', message: expect.stringMatching(/business day start is 02:00 in the journal but 04:00 here/) as unknown } });
    expect(await kit.call('statusGet')).toMatchObject({ ok: true, value: { writesStopped: expect.stringMatching(/business day start is 02:00 in the journal/) as unknown } });
  });
});

const policyTill = policyTills();

// Known limitation, left open: the policy check does not read the journal, so a locked policy
// keying value the journal's sales are not keyed by is applied and every later sale is
// JOURNAL_UNAVAILABLE (with the journal's sentence) until IT changes the policy. `it.fails` keeps
// the scenario exact; it turns red when the policy check learns the journal — then drop `.fails`.
describe('a fleet policy naming another keying once the journal holds sales', () => {
  it.fails('does not stop every sale: the policy is refused (the last good one stays, told to the manager) or the till still sells', async () => {
    const { kit: k, file, source } = await policyTill({
      policy: { settings: {} },
      kit: (dir) => ({ dataDir: path.join(dir, 'data'), settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', businessDayStartsAt: '04:00' }, clock: { now: () => NOW } }),
    });
    await k.unlock();
    expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
    expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'POLICY-1', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    // IT pushes a day start (locked, so no manager can put it back) that the journal's sales are not keyed by.
    fs.writeFileSync(file, JSON.stringify({ settings: { businessDayStartsAt: { value: '06:00', locked: true } } }));
    const read = source.reload();
    if (read.status === 'applied') {
      // Applied: today every later sale is JOURNAL_UNAVAILABLE ("business day start is 04:00 in the
      // journal but 06:00 here … use the journal's settings"), and Settings refuses the field as managed.
      expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
      expect(await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'POLICY-2', saleTotal: '12.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    } else {
      expect(read).toMatchObject({ status: 'rejected', problem: { field: expect.stringContaining('businessDayStartsAt') as unknown } });
    }
  });
});
