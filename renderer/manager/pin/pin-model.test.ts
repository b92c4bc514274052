import { describe, expect, it } from 'vitest';
import { createTranslator, englishText } from '../../../shared/i18n/translator.ts';
import { lockoutText } from './pin-model.ts';

describe('lockout', () => {
  it('says when the lockout ends', () => {
    expect(lockoutText(60_000, englishText, 'en-US')).toMatch(/^Too many wrong PINs\. Try again at .+\.$/);
  });
  it('words the lockout in the till’s language', () => {
    expect(lockoutText(Date.UTC(2026, 2, 12, 13, 5), createTranslator('de').t, 'de-DE')).toMatch(/^Zu viele falsche PINs\. Erneut versuchen um \d{2}:\d{2}\.$/);
  });
});
