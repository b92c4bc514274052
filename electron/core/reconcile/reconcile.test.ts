/**
 * Reconciliation against the real sandbox over HTTP and a real journal file: every category made
 * on purpose, plus paging past 200 entries and a 429 in the middle of the run.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reconcileReportSchema, reconcileProgressSchema } from '../../../shared/ipc/schemas/till.ts';
import { formatDescription, parseDescription } from '../../../shared/ledger/sale-token.ts';
import { resolveLocale } from '../../../shared/i18n/locales.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { applySettingsPatch, defaultSettings, settingsPatchSchema } from '../settings/settings-schema.ts';
import { createSocialHubClient } from '../api/index.ts';
import type { SocialHubClient } from '../api/index.ts';
import { openJournal } from '../journal/index.ts';
import type { Journal } from '../journal/index.ts';
import { tempDir } from '../journal/testing/fixtures.ts';
import type { TempDir } from '../journal/testing/fixtures.ts';
import { DEMO, startSandbox } from '../../sandbox/server.ts';
import type { SandboxHandle } from '../../sandbox/server.ts';
import { parseCsv } from '../export/csv.ts';
import { reconcileCsv, reconcileDay, todayIn } from './index.ts';
import { businessDateAt, calendarDateAt } from '../../../shared/time/business-day.ts';
import type { ReconcileProgress } from './index.ts';
import { awardVia, markConfirmed, markSending, purchase, recordAdjustment, recordAward } from './testing/journal-rows.ts';

const STORE = DEMO.storeId;
const TILL = 'T7';
const TZ = 'UTC';

let sandbox: SandboxHandle;
let write: SocialHubClient;
let read: SocialHubClient;
let dir: TempDir;
let journal: Journal;

beforeAll(async () => {
  sandbox = await startSandbox({ quiet: true });
  write = createSocialHubClient({ baseUrl: sandbox.url, apiKey: sandbox.keys.write, timeoutMs: 3000 });
  read = createSocialHubClient({ baseUrl: sandbox.url, apiKey: sandbox.keys.read, timeoutMs: 3000 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  dir = tempDir('reconcile-test-');
  journal = openJournal({ path: dir.file() });
});
afterEach(() => {
  journal.close();
  dir.remove();
});

const run = (extra: Partial<Parameters<typeof reconcileDay>[0]> = {}) =>
  reconcileDay({ journal, client: read, date: todayIn(TZ), timeZone: TZ, storeId: STORE, tillId: TILL, ...extra });

describe('reconcileDay', () => {
  it('sorts every case into its category and the report fits the IPC schema', async () => {
    const ava = DEMO.memberWithCoupons;
    const grace = DEMO.spareCouponMember;
    // matched: two normal awards and a positive adjustment
    const m1 = await awardVia(journal, write, purchase(STORE, TILL, 'M1'), ava, 120);
    const m2 = await awardVia(journal, write, purchase(STORE, TILL, 'M2'), grace, 35);
    const adjToken = { kind: 'adjustment' as const, storeId: STORE, tillId: TILL, adjustmentRef: 'a1', reasonCode: 'GOODWILL' };
    const adj = recordAdjustment(journal, adjToken, ava, 15);
    markSending(journal, adj);
    const adjRes = await write.postPoints(ava, { amount: 15, description: adj.description });
    expect(adjRes.ok).toBe(true);
    markConfirmed(journal, adj);

    // missing: the journal says confirmed, the POST never left
    const miss = recordAward(journal, purchase(STORE, TILL, 'MISS1'), ava, 40);
    markSending(journal, miss);
    markConfirmed(journal, miss);

    // duplicated: the server applied then dropped the connection; an operator resent by hand
    const dup = recordAward(journal, purchase(STORE, TILL, 'DUP1'), grace, 60);
    markSending(journal, dup);
    sandbox.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });
    const dropped = await write.postPoints(grace, { amount: 60, description: dup.description });
    expect(dropped.ok).toBe(false);
    const resent = await write.postPoints(grace, { amount: 60, description: dup.description });
    expect(resent.ok).toBe(true);
    markConfirmed(journal, dup);

    // amount mismatch: journal 100, server 90
    const mism = recordAward(journal, purchase(STORE, TILL, 'MISM1'), ava, 100);
    markSending(journal, mism);
    expect((await write.postPoints(ava, { amount: 90, description: mism.description })).ok).toBe(true);
    markConfirmed(journal, mism);

    // unexpected: our till's marker, posted directly, no journal row
    const unexpectedDesc = formatDescription(purchase(STORE, TILL, 'GHOST1'));
    expect((await write.postPoints(ava, { amount: 7, description: unexpectedDesc })).ok).toBe(true);
    // ignored: another till's marker, another store's marker, and a description with no marker
    expect((await write.postPoints(ava, { amount: 8, description: formatDescription(purchase(STORE, 'T9', 'OTHER1')) })).ok).toBe(true);
    expect((await write.postPoints(ava, { amount: 9, description: formatDescription(purchase('st_sfo_01', TILL, 'OTHER2')) })).ok).toBe(true);
    expect((await write.postPoints(grace, { amount: 10, description: 'Birthday bonus' })).ok).toBe(true);
    // a look-alike fragment inside free text is not a marker
    expect((await write.postPoints(grace, { amount: 11, description: `note: ${unexpectedDesc}` })).ok).toBe(true);

    const progress: ReconcileProgress[] = [];
    const report = await run({ onProgress: (p) => progress.push(p) });
    expect(reconcileReportSchema.safeParse(report).success).toBe(true);

    expect(report.matched.map((i) => i.journalId).sort()).toEqual([m1.id, m2.id, adj.id].sort());
    expect(report.matched.every((i) => i.serverTxnIds.length === 1)).toBe(true);
    expect(report.missingOnServer.map((i) => i.journalId).sort()).toEqual([miss.id, mism.id].sort());
    expect(report.duplicatedOnServer).toHaveLength(1);
    expect(report.duplicatedOnServer[0]).toMatchObject({ journalId: dup.id, memberId: grace, amount: 60, extraPoints: 60 });
    expect(report.duplicatedOnServer[0]!.serverTxnIds).toHaveLength(2);
    expect(report.unexpectedOnServer).toHaveLength(2);
    const ghost = report.unexpectedOnServer.find((i) => i.description === unexpectedDesc)!;
    expect(ghost).toMatchObject({ memberId: ava, amount: 7, journalId: null });
    const pair = report.unexpectedOnServer.find((i) => i.journalId === mism.id)!;
    expect(pair).toMatchObject({ amount: 90, memberId: ava });

    expect(report.totals).toEqual({
      journalPoints: 120 + 35 + 15 + 40 + 60 + 100,
      serverPoints: 120 + 35 + 15 + 120 + 90 + 7,
      matched: 3,
      missing: 2,
      duplicated: 1,
      unexpected: 2,
    });
    expect(report.incomplete).toEqual([]);

    for (const p of progress) expect(reconcileProgressSchema.safeParse(p).success).toBe(true);
    expect(progress.map((p) => p.phase)).toContain('ledger');
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 2, total: 2, etaMs: 0 });

    // reads only, and only with the read key
    const reconcileCalls = sandbox.audit().filter((e) => e.keyId === 'key_demo_read');
    expect(reconcileCalls.length).toBeGreaterThan(0);
    expect(reconcileCalls.every((e) => e.method === 'GET')).toBe(true);

    const csv = parseCsv(reconcileCsv(report));
    expect(csv[0]).toEqual(['category', 'member_id', 'journal_id', 'amount', 'extra_points', 'server_txn_ids', 'at', 'token', 'description']);
    expect(csv).toHaveLength(1 + 3 + 2 + 1 + 2);
    expect(csv.filter((r) => r[0] === 'duplicated_on_server')[0]?.[4]).toBe('60');
  });

  it('a till switched to German mid-day reconciles its English-language and German-language sales alike (the marker is never localized)', async () => {
    const ava = DEMO.memberWithCoupons;
    let settings = defaultSettings();
    const before = await awardVia(journal, write, purchase(STORE, TILL, 'EN1'), ava, 25);
    settings = applySettingsPatch(settings, settingsPatchSchema.parse({ language: 'de' }));
    const t = createTranslator(resolveLocale(settings.language, 'en-US'));
    expect(t.locale).toBe('de');
    const after = await awardVia(journal, write, purchase(STORE, TILL, 'DE1'), ava, 30);
    // What the German cashier read about the sale is German; what went to the ledger is not.
    const notice = t.t('runtime.outcome.confirmed', { what: t.t('runtime.outcome.award', { who: 'Ava', sale: 'DE1' }) });
    expect(notice).toBe('Punkte für Ava (Verkauf DE1): von SocialHub bestätigt.');
    expect(after.description).toBe(formatDescription(purchase(STORE, TILL, 'DE1')));
    expect(after.description.replace('DE1', 'EN1')).toBe(before.description);
    expect(parseDescription(after.description)).toEqual(purchase(STORE, TILL, 'DE1'));

    const report = await run();
    expect(report.totals).toMatchObject({ matched: 2, missing: 0, duplicated: 0, unexpected: 0, journalPoints: 55, serverPoints: 55 });
    expect(report.matched.map((i) => i.journalId).sort()).toEqual([before.id, after.id].sort());
    // The report's CSV keeps its machine columns whatever the till's language.
    expect(parseCsv(reconcileCsv(report))[0]?.[0]).toBe('category');
  });

  it('reports nothing for a day without writes, and leaves earlier days alone', async () => {
    await awardVia(journal, write, purchase(STORE, TILL, 'TODAY1'), DEMO.memberWithCoupons, 5);
    const report = await run({ date: '2024-01-02' });
    expect(report.totals).toMatchObject({ matched: 0, missing: 0, duplicated: 0, unexpected: 0, journalPoints: 0, serverPoints: 0 });
    expect(sandbox.audit().filter((e) => e.keyId === 'key_demo_read')).toHaveLength(0);
  });

  it('reads the business day from its start: a write before the day start belongs to the day before', async () => {
    // A fixed zone where it is about noon now, and a day start an hour later: the write made now
    // is on yesterday's business date there, and outside yesterday's calendar day.
    const hoursToNoon = 12 - new Date().getUTCHours();
    const zone = `${hoursToNoon < 0 ? '-' : '+'}${String(Math.abs(hoursToNoon)).padStart(2, '0')}:00`;
    await awardVia(journal, write, purchase(STORE, TILL, 'EARLY1'), DEMO.memberWithCoupons, 5);
    const date = businessDateAt(Date.now(), '13:00', zone);
    expect(date).not.toBe(calendarDateAt(Date.now(), zone));
    const business = await run({ date, timeZone: zone, dayStart: '13:00' });
    expect(business.totals).toMatchObject({ matched: 1, missing: 0, unexpected: 0 });
    const calendar = await run({ date, timeZone: zone });
    expect(calendar.totals).toMatchObject({ matched: 0, missing: 0 });
  });

  it('treats entries of rows the journal rejected as unexpected, and rows still in flight as known', async () => {
    const ava = DEMO.memberWithCoupons;
    const rejected = recordAward(journal, purchase(STORE, TILL, 'REJ1'), ava, 12);
    markSending(journal, rejected);
    expect(journal.transition(rejected.id, { from: ['sending'], to: 'rejected', owner: 'reconcile-test' }).ok).toBe(true);
    expect((await write.postPoints(ava, { amount: 12, description: rejected.description })).ok).toBe(true);
    const inflight = recordAward(journal, purchase(STORE, TILL, 'FLY1'), ava, 13);
    markSending(journal, inflight);
    expect((await write.postPoints(ava, { amount: 13, description: inflight.description })).ok).toBe(true);
    // Ava has no confirmed write today; her ledger is read because those rows may have been applied.
    const report = await run();
    expect(report.unexpectedOnServer).toEqual([expect.objectContaining({ journalId: rejected.id, amount: 12 })]);
    expect(report.totals).toMatchObject({ matched: 0, missing: 0, duplicated: 0, unexpected: 1, journalPoints: 0, serverPoints: 12 });
    expect(reconcileReportSchema.safeParse(report).success).toBe(true);
  });

  it('reports a row the engine parked as duplicate-on-ledger under duplicated, with the points to take back', async () => {
    const grace = DEMO.spareCouponMember;
    const row = recordAward(journal, purchase(STORE, TILL, 'PARK1'), grace, 45);
    markSending(journal, row);
    expect((await write.postPoints(grace, { amount: 45, description: row.description })).ok).toBe(true);
    expect((await write.postPoints(grace, { amount: 45, description: row.description })).ok).toBe(true);
    const parked = journal.transition(row.id, { from: ['sending'], to: 'needs-attention', owner: 'reconcile-test', patch: { reasonCode: 'duplicate-on-ledger' } });
    expect(parked.ok).toBe(true);
    const report = await run();
    expect(report.duplicatedOnServer).toEqual([expect.objectContaining({ journalId: row.id, amount: 45, extraPoints: 45 })]);
    expect(report.totals).toMatchObject({ duplicated: 1, journalPoints: 45, serverPoints: 90 });
  });

  it('the roster scan finds our entries on members the journal has nothing for that day', async () => {
    const ghost = formatDescription(purchase(STORE, TILL, 'NOROW1'));
    expect((await write.postPoints(DEMO.platinumMember, { amount: 3, description: ghost })).ok).toBe(true);
    expect((await run()).totals.unexpected).toBe(0);
    const report = await run({ scanRoster: true, concurrency: 8 });
    expect(report.unexpectedOnServer).toEqual([expect.objectContaining({ memberId: DEMO.platinumMember, journalId: null, amount: 3 })]);
  });

  it('pages a ledger past 200 entries to the start of the day', async () => {
    const gold = DEMO.goldMember;
    expect(sandbox.ledger(gold).length).toBe(241);
    const rows = [];
    for (let i = 0; i < 205; i++) rows.push(await awardVia(journal, write, purchase(STORE, TILL, `G${i}`), gold, 1 + (i % 7)));
    const report = await run();
    expect(report.totals).toMatchObject({ matched: 205, missing: 0, duplicated: 0, unexpected: 0 });
    expect(report.totals.journalPoints).toBe(report.totals.serverPoints);
    const pages = sandbox.audit().filter((e) => e.keyId === 'key_demo_read' && e.path.includes(`/members/${gold}/points`));
    // 446 entries newest first: page 2 reaches yesterday, so page 3 is never read.
    expect(pages.map((e) => new URL(e.path, 'http://x').searchParams.get('offset'))).toEqual(['0', '200']);
    expect(pages.every((e) => new URL(e.path, 'http://x').searchParams.get('limit') === '200')).toBe(true);
  });

  it('waits out 429s (Retry-After) instead of reporting a member incomplete', async () => {
    await awardVia(journal, write, purchase(STORE, TILL, 'RL1'), DEMO.memberWithCoupons, 20);
    await awardVia(journal, write, purchase(STORE, TILL, 'RL2'), DEMO.spareCouponMember, 30);
    sandbox.addFault({ route: 'GET /members/:id/points', kind: 'rateLimit', retryAfter: '1', count: 2 });
    const report = await run({ concurrency: 1 });
    expect(report.incomplete).toEqual([]);
    expect(report.totals.matched).toBe(2);
    const limited = sandbox.audit().filter((e) => e.status === 429);
    expect(limited).toHaveLength(2);
  });

  it('marks a member incomplete when their ledger cannot be read, and keeps going', async () => {
    await awardVia(journal, write, purchase(STORE, TILL, 'E1'), DEMO.memberWithCoupons, 20);
    await awardVia(journal, write, purchase(STORE, TILL, 'E2'), DEMO.spareCouponMember, 30);
    sandbox.addFault({ route: 'GET /members/:id/points', id: DEMO.spareCouponMember, kind: 'error5xx', status: 503 });
    const report = await run();
    expect(report.incomplete).toEqual([expect.objectContaining({ memberId: DEMO.spareCouponMember, reason: 'refused' })]);
    expect(report.totals).toMatchObject({ matched: 1, missing: 0, journalPoints: 20, serverPoints: 20 });
  });
});
