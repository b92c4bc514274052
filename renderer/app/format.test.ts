import { describe, expect, it } from 'vitest';
import { fmtInt, fmtMachineAmount, fmtPoints, fmtWhen } from './format.ts';
import { createTranslator } from '../../shared/i18n/translator.ts';

describe('fmtWhen', () => {
  const now = new Date(2026, 2, 12, 10, 0).getTime();
  it('says today and yesterday by calendar day, and the date before that', () => {
    expect(fmtWhen(new Date(2026, 2, 12, 0, 5).getTime(), now)).toBe('today at 00:05');
    expect(fmtWhen(new Date(2026, 2, 11, 23, 59).getTime(), now)).toBe('yesterday at 23:59');
    expect(fmtWhen(new Date(2026, 2, 11, 9, 10).getTime(), now)).toBe('yesterday at 09:10');
    expect(fmtWhen(new Date(2026, 2, 3, 17, 45).getTime(), now)).toMatch(/^on .*\b3\b.*2026 at 17:45$/);
    expect(fmtWhen(new Date(2026, 2, 3, 17, 45).getTime(), now)).not.toMatch(/undefined/);
  });
});

describe('fmtPoints', () => {
  it('signs with a real minus', () => {
    expect(fmtPoints(-40)).toBe('−40 pts');
    expect(fmtPoints(1200, true)).toBe('+1,200 pts');
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
  it('groups and names points the German way', () => {
    const de = createTranslator('de');
    expect(fmtInt(1234567, de)).toBe('1.234.567');
    expect(fmtPoints(1200, true, de)).toBe('+1.200 Pkt.');
    expect(fmtWhen(new Date(2026, 2, 12, 9, 5).getTime(), new Date(2026, 2, 12, 10, 0).getTime(), de)).toContain('09:05');
    expect(fmtWhen(new Date(2026, 2, 12, 9, 5).getTime(), new Date(2026, 2, 12, 10, 0).getTime(), de)).toBe('heute um 09:05');
  });
});
