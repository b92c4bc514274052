import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { EMPTY_ADJUST, adjustSentence, confirmLabel, outcomeView, parsePoints, validateAdjust } from './adjust-model.ts';

const anyText = expect.any(String) as unknown as string;

const good = { memberId: 'mb_42', direction: 'give' as const, amount: '120', reasonCode: 'GOODWILL' as const, note: 'Birthday gesture, asked by Ann' };

describe('validateAdjust', () => {
  it('builds a positive request for give and a negative one for take', () => {
    expect(validateAdjust(good)).toEqual({ ok: true, request: { memberId: 'mb_42', points: 120, reasonCode: 'GOODWILL', note: 'Birthday gesture, asked by Ann' } });
    expect(validateAdjust({ ...good, direction: 'take' })).toMatchObject({ ok: true, request: { points: -120 } });
  });

  it('reports every missing field at once', () => {
    const r = validateAdjust(EMPTY_ADJUST);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['amount', 'memberId', 'note', 'reasonCode']);
  });

  it('refuses zero, signs, fractions and too many points', () => {
    for (const amount of ['0', '-5', '+5', '1.5', '2000000', 'abc']) {
      const r = validateAdjust({ ...good, amount });
      expect(r.ok, amount).toBe(false);
    }
  });

  it('refuses a member id with other characters and a short note', () => {
    expect(validateAdjust({ ...good, memberId: 'mb 42' })).toMatchObject({ ok: false, errors: { memberId: anyText } });
    expect(validateAdjust({ ...good, note: ' abc ' })).toMatchObject({ ok: false, errors: { note: anyText } });
  });
});

describe('parsePoints', () => {
  it('accepts group separators', () => {
    expect(parsePoints('1 200')).toBe(1200);
    expect(parsePoints('1,200')).toBe(1200);
    expect(parsePoints('12')).toBe(12);
    expect(parsePoints('')).toBeNull();
  });
});

describe('sentences', () => {
  it('spells the sign out', () => {
    expect(adjustSentence(-120, 'mb_42')).toBe('Take 120 points from mb_42');
    expect(adjustSentence(1, 'mb_42')).toBe('Give 1 point to mb_42');
  });

  it('reads every outcome', () => {
    expect(outcomeView({ status: 'confirmed', balance: 1500 }).title).toMatch(/1,?500/);
    expect(outcomeView({ status: 'queued', balance: null }).tone).toBe('wait');
    expect(outcomeView({ status: 'rejected', balance: null }).tone).toBe('bad');
    expect(outcomeView({ status: 'duplicate', balance: null }).title).toMatch(/Already recorded/);
  });
});

describe('in the till’s language', () => {
  it('spells the sign out in German with German number grouping', () => {
    const de = createTranslator('de');
    expect(adjustSentence(-1200, 'mb_42', de.t)).toBe('mb_42 1.200 Punkte abziehen');
    expect(confirmLabel(1, 'mb_42', de.t)).toBe('Bestätigen: mb_42 1 Punkt geben');
    expect(outcomeView({ status: 'confirmed', balance: 3750 }, de.t).title).toBe('Erledigt. Neuer Stand: 3.750 Punkte.');
    const r = validateAdjust({ ...good, amount: '0' }, de.t);
    expect(r).toMatchObject({ ok: false, errors: { amount: 'Die Punktzahl darf nicht null sein.' } });
  });
  it('reads in Chinese', () => {
    expect(adjustSentence(120, 'mb_42', createTranslator('zh-CN').t)).toBe('给 mb_42 加 120 积分');
  });
});
