import { describe, expect, it } from 'vitest';
import type { OutcomeView } from '../state/outcome.ts';
import { applyRow, viewFromOutcome } from '../state/outcome.ts';
import { outcome, row } from '../testing/fake-bridge.ts';
import { describeOutcome } from './outcome-text.ts';

const NOW = new Date(2026, 2, 10, 15, 0).getTime();
const base: OutcomeView = {
  key: 'k',
  kind: 'award',
  memberId: 'mb_ava_chen',
  memberName: 'Ava Chen',
  posTxnId: 'T-1001',
  returnId: null,
  status: 'confirmed',
  message: '',
  localized: null,
  points: 249,
  balance: 5199,
  stale: false,
  rowId: 7,
  rowCreatedAt: new Date(2026, 2, 10, 14, 2).getTime(),
  at: NOW,
};

describe('describeOutcome', () => {
  it('makes every status unmistakable: tone, icon, capital headline, what to do', () => {
    expect(describeOutcome(base, NOW)).toMatchObject({ tone: 'success', icon: '✓', title: 'AWARDED +249 pts', detail: 'New balance 5,199 pts.', subject: 'Ava Chen · sale T-1001' });
    expect(describeOutcome({ ...base, status: 'duplicate' }, NOW)).toMatchObject({ tone: 'warning', title: 'ALREADY AWARDED', detail: 'This sale got 249 pts today at 14:02. Nothing was added.' });
    expect(describeOutcome({ ...base, status: 'duplicate', stale: true }, NOW).detail).toMatch(/older sale used the id T-1001/);
    expect(describeOutcome({ ...base, status: 'queued' }, NOW)).toMatchObject({ tone: 'queued', title: 'QUEUED — WILL BE SENT' });
    expect(describeOutcome({ ...base, status: 'queued' }, NOW).detail).toMatch(/Do not enter this sale again/);
    expect(describeOutcome({ ...base, status: 'checking' }, NOW)).toMatchObject({ tone: 'checking', title: 'CHECKING' });
    expect(describeOutcome({ ...base, status: 'needs-attention' }, NOW)).toMatchObject({ tone: 'danger', title: 'NEEDS ATTENTION' });
    expect(describeOutcome({ ...base, status: 'rejected', message: 'Member is suspended.' }, NOW)).toMatchObject({ tone: 'danger', title: 'NOT AWARDED', detail: 'Member is suspended.' });
  });

  it('words returns as taking points back', () => {
    const r = describeOutcome({ ...base, kind: 'return', returnId: 'R-1', points: -40, balance: 5159 }, NOW);
    expect(r.title).toBe('TAKEN BACK −40 pts');
    expect(r.subject).toBe('Return R-1 of sale T-1001 · Ava Chen');
  });
});

describe('outcome views', () => {
  it('moves with the journal row', () => {
    const v = viewFromOutcome(outcome('checking'), { key: 'a', kind: 'award', memberId: 'mb_ava_chen', memberName: 'Ava Chen', posTxnId: 'T-1001', at: 1 });
    expect(v).toMatchObject({ status: 'checking', rowId: 7 });
    expect(applyRow(v, row({ state: 'verifying' }), 2)).toBe(v);
    expect(applyRow(v, row({ state: 'confirmed', balance: 5199 }), 3)).toMatchObject({ status: 'confirmed', balance: 5199 });
    expect(applyRow(v, row({ state: 'queued' }), 3)).toMatchObject({ status: 'queued' });
    expect(applyRow(v, row({ state: 'rejected', lastError: 'Refused: member closed' }), 3)).toMatchObject({ status: 'rejected', message: 'Refused: member closed' });
    expect(applyRow(v, row({ id: 99, state: 'confirmed' }), 3)).toBe(v);
    const dup = { ...v, status: 'duplicate' as const };
    expect(applyRow(dup, row({ state: 'confirmed' }), 3)).toBe(dup);
  });
});

describe('the engine’s sentence in the till’s language', () => {
  it('a queued award reads main’s catalogue message in German; an unknown id falls back to main’s English', async () => {
    const { createTranslator } = await import('../../shared/i18n/translator.ts');
    const de = createTranslator('de');
    const queued = { ...base, status: 'queued' as const, message: 'SocialHub is unreachable right now. The 249 points … are saved.', localized: { messageId: 'write.outcome.queued', values: { why: 'offline' } } };
    const note = describeOutcome(queued, NOW, de).note;
    expect(note).toBe(de.text(queued.localized));
    expect(note).toMatch(/SocialHub ist gerade nicht erreichbar/);
    expect(describeOutcome({ ...queued, localized: { messageId: 'write.outcome.fromANewerMain' } }, NOW, de).note).toBe(queued.message);
  });

  it('a row followed to rejected carries SocialHub’s own words inside a translated sentence', () => {
    const view = viewFromOutcome(outcome('checking'), { key: 'k', kind: 'award', memberId: 'mb_ava_chen', memberName: 'Ava Chen', posTxnId: 'T-1001', at: NOW });
    const moved = applyRow(view, row({ state: 'rejected', lastError: 'HTTP 422: member_inactive' }), NOW);
    expect(moved).toMatchObject({ status: 'rejected', message: 'HTTP 422: member_inactive', localized: { messageId: 'cashier.outcome.row.rejected', values: { detail: 'HTTP 422: member_inactive' } } });
  });
});
