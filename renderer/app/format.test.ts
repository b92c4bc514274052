import { describe, expect, it } from 'vitest';
import { fmtDuration, fmtExplanation, fmtInt, fmtMachineAmount, fmtPoints, fmtSigned, fmtWhen } from './format.ts';
import { createTranslator } from '../../shared/i18n/translator.ts';

const en = createTranslator('en');

describe('fmtWhen', () => {
  const now = new Date(2026, 2, 12, 10, 0).getTime();
  it('says today and yesterday by calendar day, and the date before that', () => {
    expect(fmtWhen(new Date(2026, 2, 12, 0, 5).getTime(), en, now)).toBe('today at 00:05');
    expect(fmtWhen(new Date(2026, 2, 11, 23, 59).getTime(), en, now)).toBe('yesterday at 23:59');
    expect(fmtWhen(new Date(2026, 2, 11, 9, 10).getTime(), en, now)).toBe('yesterday at 09:10');
    expect(fmtWhen(new Date(2026, 2, 3, 17, 45).getTime(), en, now)).toMatch(/^on .*\b3\b.*2026 at 17:45$/);
    expect(fmtWhen(new Date(2026, 2, 3, 17, 45).getTime(), en, now)).not.toMatch(/undefined/);
  });
});

describe('fmtPoints', () => {
  it('signs with a real minus', () => {
    expect(fmtPoints(-40, false, en)).toBe('−40 pts');
    expect(fmtPoints(1200, true, en)).toBe('+1,200 pts');
    expect(fmtPoints(1200, false, en)).toBe('1,200 pts');
  });
});

describe('fmtSigned: the one signed number of points (cashier and console)', () => {
  it('signs with a real minus, a plus when asked, and no sign on zero', () => {
    expect(fmtSigned(120, en)).toBe('+120');
    expect(fmtSigned(-40, en)).toBe('\u221240');
    expect(fmtSigned(0, en)).toBe('0');
    expect(fmtSigned(-1200, createTranslator('de', 'de-DE'))).toBe('\u22121.200');
    expect(fmtSigned(1200, createTranslator('de', 'de-CH'))).toMatch(/^\+1['’]200$/);
    expect(fmtSigned(1200, en, false)).toBe('1,200');
  });
});

describe('fmtDuration: the one duration (ETAs and the PIN lockout countdown)', () => {
  it('says durations in seconds, minutes, hours', () => {
    expect(fmtDuration(400, en)).toBe('1 sec');
    expect(fmtDuration(42_000, en)).toBe('42 sec');
    expect(fmtDuration(150_000, en)).toBe('3 min');
    expect(fmtDuration(3_900_000, en)).toBe('1 hr 5 min');
  });

  it('counts down exactly, in the locale’s unit words (not a hand-built "4:05")', () => {
    expect(fmtDuration(245_000, en, true)).toBe('4 min 5 sec');
    expect(fmtDuration(299_001, en, true)).toBe('5 min');
    expect(fmtDuration(9_000, en, true)).toBe('9 sec');
    expect(fmtDuration(-5, en, true)).toBe('0 sec');
    expect(fmtDuration(245_000, createTranslator('de', 'de-DE'), true)).toBe('4 Min. 5 Sek.');
    expect(fmtDuration(42_000, createTranslator('de', 'de-DE'))).toBe('42 Sek.');
  });
});

describe('fmtMachineAmount', () => {
  it('shows a POS amount in its own currency, and what was sent when it is not an amount', () => {
    const en = createTranslator('en');
    expect(fmtMachineAmount('19.99', 'USD', en)).toBe('19.99');
    expect(fmtMachineAmount('1234.5', 'USD', en)).toBe('1,234.50');
    expect(fmtMachineAmount('500', 'JPY', en)).toBe('500');
    expect(fmtMachineAmount('1234.5', 'KWD', en)).toBe('1,234.500');
    expect(fmtMachineAmount('abc', 'USD', en)).toBe('abc');
    // In the cashier's locale, not en-US.
    expect(fmtMachineAmount('1234.5', 'EUR', createTranslator('de', 'de-DE'))).toBe('1.234,50');
  });
});

describe('in the cashier’s language', () => {
  it('explains a preview’s points in the till’s words and money format', () => {
    const preview = {
      saleTotalMinor: 123450,
      explanation: '1234.50 × 10 pts × 1.25 (Silver) = 15431 pts',
      explanationLocalized: { messageId: 'till.award.explanation', values: { amount: '1234.50', perUnit: 10, tierApplied: 'yes', multiplier: 1.25, tierName: 'Silver', points: 15431 } },
    };
    expect(fmtExplanation(preview, 'EUR', createTranslator('de'))).toBe('1.234,50 × 10 P. × 1,25 (Silver) = 15.431 P.');
    expect(fmtExplanation(preview, 'USD', createTranslator('en'))).toBe('1,234.50 × 10 pts × 1.25 (Silver) = 15,431 pts');
    expect(fmtExplanation({ saleTotalMinor: 1, explanation: 'old main' }, 'USD', createTranslator('de'))).toBe('old main');
  });

  it('groups and names points the German way', () => {
    const de = createTranslator('de');
    expect(fmtInt(1234567, de)).toBe('1.234.567');
    expect(fmtPoints(1200, true, de)).toBe('+1.200 Pkt.');
    expect(fmtWhen(new Date(2026, 2, 12, 9, 5).getTime(), de, new Date(2026, 2, 12, 10, 0).getTime())).toContain('09:05');
    expect(fmtWhen(new Date(2026, 2, 12, 9, 5).getTime(), de, new Date(2026, 2, 12, 10, 0).getTime())).toBe('heute um 09:05');
  });
});
