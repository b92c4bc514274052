import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { storageWarning, testDetail, testHeadline } from './key-text.ts';

describe('testHeadline', () => {
  it('has a clear line per outcome', () => {
    expect(testHeadline({ outcome: 'accepted', httpStatus: 200 })).toEqual({ tone: 'ok', text: 'Connected: SocialHub accepted the key (HTTP 200).' });
    expect(testHeadline({ outcome: 'rejected', httpStatus: 401 }).tone).toBe('bad');
    expect(testHeadline({ outcome: 'forbidden', httpStatus: 403 }).text).toMatch(/lacks a permission/);
    expect(testHeadline({ outcome: 'unreachable', httpStatus: null }).text).toMatch(/could not be reached/);
    expect(testHeadline({ outcome: 'unexpected', httpStatus: 500 }).tone).toBe('warn');
  });
});

describe('testDetail', () => {
  const rejected = { message: 'SocialHub rejected the key (unknown or revoked).', localized: { messageId: 'keys.test.rejected' } };

  it("shows main's key-test sentence in the till's language", () => {
    expect(testDetail(rejected, createTranslator('de'))).toBe('SocialHub hat den Schlüssel abgelehnt (unbekannt oder widerrufen).');
  });

  it("falls back to main's English when the catalogue lacks the id", () => {
    expect(testDetail({ message: 'Something new.', localized: { messageId: 'keys.test.notInAnyCatalogue' } }, createTranslator('de'))).toBe('Something new.');
  });
});

describe('storageWarning', () => {
  it("says main's storage warning in the till's language, and nothing when main has none", () => {
    const de = createTranslator('de').t;
    expect(storageWarning({ backend: 'basic_text', warning: 'This computer has no system keyring…' }, de)).toMatch(/^Dieser Computer hat keinen System-Schlüsselbund/);
    expect(storageWarning({ backend: 'unknown', warning: 'The system keyring is not ready yet.' }, de)).toBe('Der System-Schlüsselbund ist noch nicht bereit.');
    expect(storageWarning({ backend: 'gnome_libsecret', warning: null }, de)).toBeNull();
  });
});
