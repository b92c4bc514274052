import { describe, expect, it } from 'vitest';
import { dir, matchLocale, resolveFormatLocale, resolveLocale } from './locales.ts';
import { createTranslator, englishText } from './translator.ts';
import { SCAN_MESSAGES } from '../scan/scan-messages.ts';
import { formatAmount } from '../money.ts';

describe('locale resolution', () => {
  it('takes the setting, else the OS locale, else English', () => {
    expect(resolveLocale('de', 'es-ES')).toBe('de');
    expect(resolveLocale(null, 'es-MX')).toBe('es');
    expect(resolveLocale(null, 'fr-FR')).toBe('en');
    expect(resolveLocale('xx-nonsense-!', null)).toBe('en');
  });

  it('keeps the full tag for formatting while the catalogue falls back to the nearest language', () => {
    expect(resolveLocale(null, 'es-MX')).toBe('es');
    expect(resolveFormatLocale(null, 'es-MX')).toBe('es-MX');
    expect(resolveFormatLocale(null, 'de_CH')).toBe('de-CH');
    expect(resolveFormatLocale(null, 'fr-CH')).toBe('fr-CH');
    expect(resolveFormatLocale(null, 'es-ES')).toBe('es-ES');
    // A language set by the manager keeps the OS region when it is the same language, not otherwise.
    expect(resolveFormatLocale('de', 'de-CH')).toBe('de-CH');
    expect(resolveFormatLocale('de', 'es-MX')).toBe('de');
    expect(resolveFormatLocale('en-XA', 'de-CH')).toBe('en-XA');
    expect(resolveFormatLocale(null, null)).toBe('en');
    expect(resolveFormatLocale(null, 'not a tag!')).toBe('en');
  });

  it('maps regional and script tags onto what ships, and never Traditional Chinese onto zh-CN', () => {
    expect(matchLocale('de-AT')).toBe('de');
    expect(matchLocale('zh-Hans-SG')).toBe('zh-CN');
    expect(matchLocale('zh_CN')).toBe('zh-CN');
    expect(matchLocale('zh-TW')).toBeNull();
    expect(matchLocale('en-XA')).toBe('en-XA');
  });

  it('knows which way text runs', () => {
    expect(dir('ar-XB')).toBe('rtl');
    expect(dir('ar-KW')).toBe('rtl');
    expect(dir('de')).toBe('ltr');
    expect(dir('zh-CN')).toBe('ltr');
  });
});

describe('createTranslator', () => {
  it('formats in the language, with its plural rules', () => {
    const de = createTranslator('de');
    expect(de.t('card.error.staleAward', { minutes: 1 })).toContain('1 Minute;');
    expect(de.t('card.error.staleAward', { minutes: 5 })).toContain('5 Minuten');
    expect(createTranslator('zh-CN').t(SCAN_MESSAGES.host_not_allowed, { host: 'evil.example' })).toBe('此链接来自 evil.example，不是您的 SocialHub 门户。');
  });

  it('formats numbers in the full locale and reads messages from the catalogue language', () => {
    const mx = createTranslator('es', 'es-MX');
    expect(mx.language).toBe('es');
    expect(mx.locale).toBe('es-MX');
    expect(mx.t('manager.adjust.outcome.doneBalance', { balance: 12345 })).toBe('Hecho. Nuevo saldo: 12,345 puntos.');
    expect(createTranslator('es', 'es-ES').t('manager.adjust.outcome.doneBalance', { balance: 12345 })).toBe('Hecho. Nuevo saldo: 12.345 puntos.');
    // English messages on a fr-CH till keep English plural rules (French would say "0 minute").
    const frCH = createTranslator('en', 'fr-CH');
    expect(frCH.locale).toBe('fr-CH');
    expect(frCH.t('card.error.staleAward', { minutes: 0 })).toContain('0 minutes');
  });

  it('renders a message main sent by id and values', () => {
    expect(createTranslator('es').text({ messageId: 'scan.error.productBarcode' })).toBe('Es un código de barras de producto, no de socio ni de cupón.');
  });

  it('falls back to English for an unsupported locale and for an id a catalogue lacks', () => {
    const fr = createTranslator('fr');
    expect(fr.locale).toBe('en');
    expect(fr.t(SCAN_MESSAGES.empty)).toBe('Nothing was scanned. Scan the card or coupon again.');
    // A descriptor whose id no catalogue has (a newer main) still shows its English default.
    expect(createTranslator('de').t({ id: 'not.in.any.catalogue', defaultMessage: 'Plain English' })).toBe('Plain English');
    expect(createTranslator('de').has('not.in.any.catalogue')).toBe(false);
  });

  it('keeps English text English whatever else is in use', () => {
    createTranslator('de');
    expect(englishText(SCAN_MESSAGES.host_not_allowed, { host: 'a.example' })).toBe('This link is from a.example, not from your SocialHub portal.');
  });

  it('gives the pseudo-locales their shape: en-XA longer and bracketed, ar-XB right-to-left', () => {
    const xa = createTranslator('en-XA').t(SCAN_MESSAGES.empty);
    const english = englishText(SCAN_MESSAGES.empty);
    expect(xa.startsWith('[') && xa.endsWith(']')).toBe(true);
    expect(xa.length).toBeGreaterThanOrEqual(Math.round(english.length * 1.4));
    expect(xa).not.toMatch(/[a-z]{4}/);
    const xb = createTranslator('ar-XB');
    expect(xb.dir).toBe('rtl');
    expect(xb.t(SCAN_MESSAGES.host_not_allowed, { host: 'h.example' })).toContain('h.example');
  });
});

describe('numbers in sentences on a till whose region speaks another language than the catalogue', () => {
  it('writes every number on the screen in one set of digits', () => {
    const tr = createTranslator(resolveLocale(null, 'ar-KW'), resolveFormatLocale(null, 'ar-KW'));
    // The confirmation sentence counts with ICU (in the message's locale) …
    const sentence = tr.t('write.outcome.confirmedBalance', { kind: 'award', points: 1234, balance: 5678 });
    // … the sale total beside it with the formatting locale.
    const total = formatAmount(1_234_500, 'KWD', tr.locale);
    const arabicIndic = /[\u0660-\u0669]/;
    expect(arabicIndic.test(sentence)).toBe(arabicIndic.test(total));
  });

  it('a Swiss-French till on English does not write 5,678 points beside 1 234,50 francs', () => {
    // In fr-CH the comma is the decimal mark: "5,678" reads as five and a bit.
    const tr = createTranslator(resolveLocale(null, 'fr-CH'), resolveFormatLocale(null, 'fr-CH'));
    expect(formatAmount(123_450, 'CHF', tr.locale)).toMatch(/,50$/);
    const sentence = tr.t('write.outcome.confirmedBalance', { kind: 'award', points: 12, balance: 5678 });
    expect(sentence).not.toContain('5,678');
  });
});
