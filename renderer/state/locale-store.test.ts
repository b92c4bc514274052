import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../shared/money.ts';
import { createLocaleStore } from './locale-store.ts';
import { moneyContext } from './money-entry.ts';

describe('locale store', () => {
  it('an es-MX till reads es messages and es-MX money', () => {
    const store = createLocaleStore(() => 'es-MX');
    const tr = store.getState().translator;
    expect(tr.language).toBe('es');
    expect(tr.locale).toBe('es-MX');
    const ctx = moneyContext({ translator: () => store.getState().translator, currency: () => 'MXN' });
    expect(parseMoney('1,234.50', ctx)).toEqual({ ok: true, minor: 123450 });
  });

  it('a de-CH till set to German keeps Swiss separators; set to Spanish it writes Spanish ones', () => {
    const store = createLocaleStore(() => 'de-CH');
    store.getState().apply('de');
    expect(store.getState().translator.locale).toBe('de-CH');
    expect(parseMoney('1’234.50', { currency: 'CHF', locale: store.getState().translator.locale })).toEqual({ ok: true, minor: 123450 });
    store.getState().apply('es');
    expect(store.getState().translator.language).toBe('es');
    expect(store.getState().translator.locale).toBe('es');
  });
});
