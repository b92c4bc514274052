import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { settingsSchema } from '../../../shared/ipc/schemas/settings.ts';
import { buildPatch, draftFrom, isDirty, issuesToErrors, serverErrors } from './settings-form.ts';

const anyText = expect.any(String) as unknown as string;
const textMatching = (re: RegExp) => expect.stringMatching(re) as unknown as string;

const defaults = settingsSchema.parse({});

describe('draftFrom / isDirty', () => {
  it('shows settings as text and booleans', () => {
    expect(draftFrom('earn', defaults)).toEqual({ 'earnRule.pointsPerUnit': '1', 'earnRule.rounding': 'floor', 'earnRule.applyTierMultiplier': true });
    expect(draftFrom('store', defaults)).toMatchObject({ storeId: '', tillId: '', businessDayStartsAt: '04:00' });
  });
  it('notices a change', () => {
    expect(isDirty('earn', draftFrom('earn', defaults), defaults)).toBe(false);
    expect(isDirty('earn', { ...draftFrom('earn', defaults), 'earnRule.rounding': 'ceil' }, defaults)).toBe(true);
  });
});

describe('buildPatch', () => {
  it('sends a nested group whole', () => {
    const r = buildPatch('earn', { 'earnRule.pointsPerUnit': '2.5', 'earnRule.rounding': 'round', 'earnRule.applyTierMultiplier': false });
    expect(r).toEqual({ ok: true, patch: { earnRule: { pointsPerUnit: 2.5, rounding: 'round', applyTierMultiplier: false } } });
  });

  it('turns blank ids into null and keeps scanner affixes as typed', () => {
    expect(buildPatch('store', { storeId: ' st_1 ', tillId: '', txnIdScope: 'forever', businessDayStartsAt: '04:00' })).toEqual({
      ok: true,
      patch: { storeId: 'st_1', tillId: null, txnIdScope: 'forever', businessDayStartsAt: '04:00' },
    });
    const scanner = buildPatch('scanner', {
      'scanner.maxGapMs': '40',
      'scanner.minLength': '4',
      'scanner.prefix': ' ',
      'scanner.suffix': '',
      'scanner.terminator': 'enter',
      'scanner.customPattern': '',
    });
    expect(scanner).toMatchObject({ ok: true, patch: { scanner: { prefix: ' ', customPattern: null } } });
  });

  it('leaves out the fields the fleet policy locks', () => {
    const locked = (k: string) => k === 'storeId' || k.startsWith('scanner.');
    expect(buildPatch('store', { storeId: 'st_other', tillId: 'T2', txnIdScope: 'forever', businessDayStartsAt: '04:00' }, locked)).toEqual({
      ok: true,
      patch: { tillId: 'T2', txnIdScope: 'forever', businessDayStartsAt: '04:00' },
    });
    expect(buildPatch('scanner', { 'scanner.maxGapMs': 'not checked either' }, locked)).toEqual({ ok: true, patch: {} });
  });

  it('sends the language (blank: follow the computer) and the currency code in capitals', () => {
    expect(buildPatch('region', { language: '', currency: ' eur ' })).toEqual({ ok: true, patch: { language: null, currency: 'EUR' } });
    expect(buildPatch('region', { language: 'de', currency: 'JPY' })).toEqual({ ok: true, patch: { language: 'de', currency: 'JPY' } });
    const bad = buildPatch('region', { language: 'xx', currency: 'EURO' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['currency', 'language']);
  });

  it('puts messages next to the fields', () => {
    const r = buildPatch('housekeeping', { journalRetentionDays: '3', managerAutoLockMinutes: 'abc', cardFreshnessMinutes: '10', kiosk: false });
    expect(r).toEqual({ ok: false, errors: { journalRetentionDays: 'Between 7 and 3650 days.', managerAutoLockMinutes: 'Enter a whole number.' } });
  });

  it("uses the schema's own messages", () => {
    const r = buildPatch('connection', { mode: 'live', baseUrl: 'ftp://x', requestTimeoutMs: '15000' });
    expect(r).toMatchObject({ ok: false, errors: { baseUrl: textMatching(/http\(s\) address/) } });
    const t = buildPatch('store', { storeId: 'st 1', tillId: 't', txnIdScope: 'forever', businessDayStartsAt: '25:00' });
    expect(t).toMatchObject({ ok: false, errors: { storeId: anyText, businessDayStartsAt: textMatching(/HH:MM/) } });
    const p = buildPatch('earn', { 'earnRule.pointsPerUnit': '1.23456', 'earnRule.rounding': 'floor', 'earnRule.applyTierMultiplier': true });
    expect(p).toMatchObject({ ok: false, errors: { 'earnRule.pointsPerUnit': textMatching(/4 decimal/) } });
  });

  it("says the schema's problems in the manager's language", () => {
    const de = createTranslator('de');
    const r = buildPatch('connection', { mode: 'live', baseUrl: 'ftp://x', requestTimeoutMs: '15000' }, () => false, de.t);
    expect(r).toMatchObject({ ok: false, errors: { baseUrl: 'Muss eine http(s)-Adresse ohne Benutzername oder Passwort sein.' } });
    const p = buildPatch('earn', { 'earnRule.pointsPerUnit': '1.23456', 'earnRule.rounding': 'floor', 'earnRule.applyTierMultiplier': true }, () => false, de.t);
    expect(p).toMatchObject({ ok: false, errors: { 'earnRule.pointsPerUnit': 'Punkte pro Einheit dürfen höchstens 4 Nachkommastellen haben.' } });
    expect(serverErrors('connection', [{ path: ['baseUrl'], message: 'must be an http(s) URL without a user name or password', messageId: 'issue.baseUrl' }], 'x', de.t)).toEqual({ baseUrl: 'Muss eine http(s)-Adresse ohne Benutzername oder Passwort sein.' });
  });

  it('checks a custom scan pattern with the scan parser', () => {
    const r = buildPatch('scanner', {
      'scanner.maxGapMs': '40',
      'scanner.minLength': '4',
      'scanner.prefix': '',
      'scanner.suffix': '',
      'scanner.terminator': 'enter',
      'scanner.customPattern': '(',
    });
    expect(r).toMatchObject({ ok: false, errors: { 'scanner.customPattern': anyText } });
  });
});

describe('a section’s patch', () => {
  it('names only the section’s own fields, so a save cannot carry another group back', () => {
    const built = buildPatch('store', { storeId: 'st_1', tillId: 'till-1', txnIdScope: 'forever', businessDayStartsAt: '04:00' });
    if (!built.ok) throw new Error('expected ok');
    expect(Object.keys(built.patch).sort()).toEqual(['businessDayStartsAt', 'storeId', 'tillId', 'txnIdScope']);
  });

  it('carries the group a section edits', () => {
    const built = buildPatch('earn', { 'earnRule.pointsPerUnit': '3', 'earnRule.rounding': 'ceil', 'earnRule.applyTierMultiplier': true });
    if (!built.ok) throw new Error('expected ok');
    expect(built.patch).toEqual({ earnRule: { pointsPerUnit: 3, rounding: 'ceil', applyTierMultiplier: true } });
  });
});

describe('server issues', () => {
  it('maps paths to fields, whole groups to their first field, the rest to the section', () => {
    expect(issuesToErrors([{ path: ['baseUrl'], message: 'must use https' }])).toEqual({ baseUrl: 'Must use https.' });
    expect(serverErrors('earn', [{ path: ['earnRule'], message: 'bad rule' }], 'x')).toEqual({ 'earnRule.pointsPerUnit': 'Bad rule.' });
    expect(serverErrors('connection', [{ path: [], message: 'Settings could not be saved' }], 'x')).toEqual({ '': 'Settings could not be saved.' });
    expect(serverErrors('connection', [], 'Fallback.')).toEqual({ '': 'Fallback.' });
  });
});
