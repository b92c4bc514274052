import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings, settingsPatchSchema, settingsSchema } from './settings-schema.ts';

describe('settings schema', () => {
  it('fills every field from an empty object', () => {
    const s = defaultSettings();
    expect(s).toMatchObject({
      mode: 'sandbox',
      baseUrl: 'https://flash.socialhub.ai/api/v2',
      storeId: null,
      tillId: null,
      txnIdScope: 'forever',
      businessDayStartsAt: '04:00',
      earnRule: { pointsPerUnit: 1, rounding: 'floor', applyTierMultiplier: true },
      scanner: { maxGapMs: 50, prefix: '', suffix: '', terminator: 'enter', minLength: 4, customPattern: null },
      camera: { deviceId: null },
      journalRetentionDays: 90,
      managerAutoLockMinutes: 5,
      cardFreshnessMinutes: 10,
      kiosk: false,
      language: null,
      currency: 'USD',
    });
    expect(settingsSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('normalises the base URL and refuses plain http to a remote host', () => {
    expect(settingsSchema.parse({ baseUrl: 'http://127.0.0.1:4010/api/v2/' }).baseUrl).toBe('http://127.0.0.1:4010/api/v2');
    expect(settingsSchema.safeParse({ baseUrl: 'http://flash.socialhub.ai/api/v2' }).success).toBe(false);
    expect(settingsSchema.safeParse({ baseUrl: 'https://user:pw@flash.socialhub.ai/' }).success).toBe(false);
  });

  it.each([
    ['storeId with a slash', { storeId: 'st/../x' }],
    ['clock time', { businessDayStartsAt: '24:00' }],
    ['txn scope', { txnIdScope: 'weekly' }],
    ['scanner control prefix', { scanner: { prefix: '\u0002' } }],
    ['catastrophic pattern', { scanner: { customPattern: '(?<member>(a+)+)' } }],
    ['pattern without a group', { scanner: { customPattern: '\\d+' } }],
    ['negative earn rate', { earnRule: { pointsPerUnit: -1, rounding: 'floor', applyTierMultiplier: true } }],
    ['retention too short', { journalRetentionDays: 1 }],
    ['fractional minutes', { managerAutoLockMinutes: 2.5 }],
  ])('rejects %s', (_why, value) => {
    expect(settingsSchema.safeParse(value).success).toBe(false);
  });

  it('applies a patch and re-validates the whole', () => {
    const next = applySettingsPatch(defaultSettings(), settingsPatchSchema.parse({ tillId: 'till-01', kiosk: true }));
    expect(next).toMatchObject({ tillId: 'till-01', kiosk: true, mode: 'sandbox' });
    expect(settingsPatchSchema.safeParse({ tilId: 'typo' }).success).toBe(false);
  });
});

describe('settings patches', () => {
  it('change only the fields they name, inside groups too', () => {
    const base = applySettingsPatch(
      defaultSettings(),
      settingsPatchSchema.parse({ earnRule: { pointsPerUnit: 10, rounding: 'round', applyTierMultiplier: false }, scanner: { maxGapMs: 70, suffix: '#' } }),
    );
    const next = applySettingsPatch(base, settingsPatchSchema.parse({ scanner: { minLength: 6 } }));
    expect(next.earnRule).toEqual({ pointsPerUnit: 10, rounding: 'round', applyTierMultiplier: false });
    expect(next.scanner).toMatchObject({ maxGapMs: 70, suffix: '#', minLength: 6 });
    const cam = applySettingsPatch(next, settingsPatchSchema.parse({ camera: { deviceId: 'cam-1' } }));
    expect(cam.scanner).toEqual(next.scanner);
    expect(cam.earnRule).toEqual(next.earnRule);
  });
});

describe('language and currency settings', () => {
  it('settings stored before they existed load as "follow the OS" and USD', () => {
    const stored = { mode: 'sandbox', storeId: 'st_1', tillId: 'till-01', kiosk: true };
    expect(settingsSchema.parse(stored)).toMatchObject({ language: null, currency: 'USD', storeId: 'st_1', kiosk: true });
  });

  it('a stored language this build does not ship falls back to the OS locale instead of losing the file', () => {
    expect(settingsSchema.parse({ language: 'tlh', tillId: 'till-01' })).toMatchObject({ language: null, tillId: 'till-01' });
  });

  it('a patch takes a shipped language or null, and an ISO 4217 currency Intl knows', () => {
    const next = applySettingsPatch(defaultSettings(), settingsPatchSchema.parse({ language: 'zh-CN', currency: 'JPY' }));
    expect(next).toMatchObject({ language: 'zh-CN', currency: 'JPY' });
    expect(applySettingsPatch(next, settingsPatchSchema.parse({ language: null })).language).toBeNull();
    expect(settingsPatchSchema.safeParse({ language: 'fr' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ currency: 'eur' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ currency: 'XYZ' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ currency: 'KWD' }).success).toBe(true);
  });
});
