import { describe, expect, it } from 'vitest';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import { testRow } from '../../../shared/journal/testing/test-row.ts';
import { createTranslator, englishText as t } from '../../../shared/i18n/translator.ts';
import { differenceText, duplicateAdjustment, isCompensationFor, nextCompensation, progressFraction, progressText, sectionTitle, sectionTotalText, summarise } from './summary.ts';

const en = createTranslator('en');

const item = (over: Partial<ReconcileReport['matched'][number]> = {}) => ({
  memberId: 'mb_1',
  token: 'tok-1',
  description: 'POS 1001 [tok-1]',
  amount: 100,
  journalId: 1,
  serverTxnIds: ['tx_1'],
  at: 1_700_000_000_000,
  ...over,
});

function report(over: Partial<ReconcileReport> = {}): ReconcileReport {
  return {
    date: '2026-03-12',
    generatedAt: 1_700_000_000_000,
    matched: [item(), item({ amount: -30, journalId: 2 })],
    missingOnServer: [item({ amount: 50, journalId: 3, serverTxnIds: [] })],
    duplicatedOnServer: [{ ...item({ memberId: 'mb_2', amount: 80, journalId: 4, serverTxnIds: ['tx_7', 'tx_8'] }), extraPoints: 80 }],
    unexpectedOnServer: [],
    totals: { journalPoints: 120, serverPoints: 150, matched: 2, missing: 1, duplicated: 1, unexpected: 0 },
    incomplete: [],
    ...over,
  };
}

describe('summarise', () => {
  it('counts and totals the four sections', () => {
    const s = summarise(report());
    expect(s.sections.map((x) => [x.id, x.count, x.points, x.tone])).toEqual([
      ['matched', 2, 70, 'ok'],
      ['missing', 1, 50, 'bad'],
      ['duplicated', 1, 80, 'bad'],
      ['unexpected', 0, 0, 'ok'],
    ]);
    expect(s.allClear).toBe(false);
    expect(s.difference).toBe(30);
    expect(differenceText(s.difference, t)).toBe('SocialHub holds 30 more points than the journal.');
  });

  it('is all clear only with nothing missing, duplicated, unexpected or unread', () => {
    const clean = report({ missingOnServer: [], duplicatedOnServer: [], totals: { journalPoints: 70, serverPoints: 70, matched: 2, missing: 0, duplicated: 0, unexpected: 0 } });
    expect(summarise(clean).allClear).toBe(true);
    expect(differenceText(summarise(clean).difference, t)).toMatch(/agree/);
    expect(differenceText(-1234, t)).toBe('SocialHub holds 1,234 fewer points than the journal.');
    expect(summarise({ ...clean, incomplete: [{ memberId: 'mb_9', message: 'rate limited' }] }).allClear).toBe(false);
  });

  it('names the sections in the console language', () => {
    expect(sectionTitle('missing', t)).toBe('Missing on SocialHub');
    const de = createTranslator('de');
    expect(sectionTitle('missing', de.t)).not.toBe('Missing on SocialHub');
    expect(sectionTotalText(summarise(report()).sections[0]!, de.t, de)).toContain('+70');
  });

  it('writes section totals', () => {
    const [matched, , dup] = summarise(report()).sections;
    expect(sectionTotalText(matched!, t, en)).toBe('2 entries · +70 points');
    expect(sectionTotalText(dup!, t, en)).toBe('1 entry · +80 extra points');
  });
});

describe('progress', () => {
  it('reads phase, counts and time left', () => {
    expect(progressText({ date: '2026-03-12', phase: 'ledger', done: 12, total: 40, etaMs: 20_000 }, t, en)).toBe("Reading SocialHub's ledger: 12 of 40 (about 20 sec left)");
    expect(progressText({ date: '2026-03-12', phase: 'journal', done: 0, total: 0, etaMs: null }, t, en)).toBe('Reading the journal');
    expect(progressFraction({ date: '2026-03-12', phase: 'ledger', done: 10, total: 40, etaMs: null })).toBe(0.25);
    expect(progressFraction({ date: '2026-03-12', phase: 'journal', done: 0, total: 0, etaMs: null })).toBeNull();
    expect(progressFraction({ date: '2026-03-12', phase: 'done', done: 0, total: 0, etaMs: null })).toBe(1);
  });
});

describe('duplicateAdjustment', () => {
  it('takes back the extra points with DUPLICATE_FIX and names the evidence', () => {
    const dup = report().duplicatedOnServer[0]!;
    const req = duplicateAdjustment(dup, '2026-03-12', t);
    expect(req.points).toBe(-80);
    expect(req.reasonCode).toBe('DUPLICATE_FIX');
    expect(req.memberId).toBe('mb_2');
    expect(req.note).toContain('tok-1');
    expect(req.note).toContain('tx_7, tx_8');
    expect(req.note).toContain('journal #4');
  });

  it('writes the note in the manager’s language, keeping the marker a later run looks for', () => {
    const dup = report().duplicatedOnServer[0]!;
    const note = duplicateAdjustment(dup, '2026-03-12', createTranslator('de').t).note;
    expect(note).not.toContain('Duplicate on SocialHub');
    expect(note).toContain('tok-1');
    expect(isCompensationFor({ kind: 'adjustment', memberId: 'mb_2', reasonCode: 'DUPLICATE_FIX', description: 'x', note, ref: null }, 'mb_2', 'tok-1')).toBe(true);
  });

  it('keeps the note within the channel limit', () => {
    const dup = { ...report().duplicatedOnServer[0]!, serverTxnIds: Array.from({ length: 80 }, (_, i) => `tx_${i}_xxxxxxxx`) };
    expect(duplicateAdjustment(dup, '2026-03-12', t).note.length).toBeLessThanOrEqual(500);
  });
});

describe('isCompensationFor', () => {
  const note = duplicateAdjustment(report().duplicatedOnServer[0]!, '2026-03-12', t).note;
  it('finds an earlier compensating adjustment by reason and token', () => {
    const row = testRow({ kind: 'adjustment', memberId: 'mb_2', description: 'Manager adjustment · adj x · reason DUPLICATE_FIX', note: `${note} (by manager@T1)` });
    expect(isCompensationFor(row, 'mb_2', 'tok-1')).toBe(true);
    expect(isCompensationFor(row, 'mb_3', 'tok-1')).toBe(false);
    expect(isCompensationFor({ ...row, description: 'reason GOODWILL' }, 'mb_2', 'tok-1')).toBe(false);
    expect(isCompensationFor({ ...row, kind: 'award' }, 'mb_2', 'tok-1')).toBe(false);
    // Sent under the duplicate's reference: found whatever the note says.
    const byRef = { ...row, note: 'edited', ref: 'adj-dupfix-20260312-00ff' };
    expect(isCompensationFor(byRef, 'mb_2', 'tok-1')).toBe(false);
    expect(isCompensationFor(byRef, 'mb_2', 'tok-1', 'dupfix-20260312-00ff')).toBe(true);
    expect(isCompensationFor({ ...byRef, ref: 'adj-dupfix-20260312-00ff-r2' }, 'mb_2', 'tok-1', 'dupfix-20260312-00ff')).toBe(true);
    expect(isCompensationFor({ ...byRef, ref: 'adj-dupfix-20260312-00ffee' }, 'mb_2', 'tok-1', 'dupfix-20260312-00ff')).toBe(false);
  });
});

describe('nextCompensation', () => {
  const base = 'dupfix-20260314-00ff-c3';
  it('takes back what the earlier ones under the duplicate did not, under the first reference not used', () => {
    expect(nextCompensation(base, 498, [])).toEqual({ ref: base, points: -498, outstanding: 498 });
    // The second copy was taken back under the two-copy reference; a refused retry took nothing.
    const c2 = { ref: 'adj-dupfix-20260314-00ff-c2', state: 'confirmed', amount: -249 } as const;
    expect(nextCompensation(base, 498, [c2])).toEqual({ ref: base, points: -249, outstanding: 249 });
    expect(nextCompensation(base, 498, [c2, { ref: `adj-${base}`, state: 'rejected', amount: -249 }])).toEqual({ ref: `${base}-r1`, points: -249, outstanding: 249 });
    // An older reference without a copy count counts too; another duplicate's does not.
    expect(nextCompensation(base, 498, [{ ref: 'adj-dupfix-20260314-00ff', state: 'queued', amount: -249 }, { ref: 'adj-dupfix-20260314-00ffee-c3', state: 'confirmed', amount: -249 }]).outstanding).toBe(249);
  });

  it('sends the last one again under its own reference once nothing is left', () => {
    const done = [{ ref: 'adj-dupfix-20260314-00ff-c2', state: 'confirmed', amount: -249 }, { ref: `adj-${base}`, state: 'verifying', amount: -249 }] as const;
    expect(nextCompensation(base, 498, done)).toEqual({ ref: base, points: -249, outstanding: 0 });
  });
});
