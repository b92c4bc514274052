import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { countdown, lockoutText } from './pin-model.ts';

describe('lockout', () => {
  it('counts down in minutes and seconds', () => {
    expect(countdown(299_001)).toBe('5:00');
    expect(countdown(9_000)).toBe('0:09');
    expect(countdown(-5)).toBe('0:00');
    expect(countdown(3_661_000)).toBe('1:01:01');
    expect(lockoutText(60_000)).toMatch(/^Too many wrong PINs\. Try again at .+\.$/);
  });
  it('words the lockout in the till’s language', () => {
    expect(lockoutText(Date.UTC(2026, 2, 12, 13, 5), createTranslator('de').t, 'de-DE')).toMatch(/^Zu viele falsche PINs\. Erneut versuchen um \d{2}:\d{2}\.$/);
  });
});
