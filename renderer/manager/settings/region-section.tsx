/**
 * Language and store currency: the till's language (blank follows the computer's) from the
 * languages it ships, and the ISO 4217 currency of the store's sales. Both save through the
 * settings store like every section, and the fleet policy may lock them.
 */
import { useMemo } from 'react';
import { PSEUDO_LOCALES, SUPPORTED_LOCALES } from '../../../shared/i18n/locales.ts';
import { M } from './messages.ts';
import { SectionCard, SelectSetting } from './section-form.tsx';
import { useTranslator } from '../../app/translate.tsx';

/** A language named in itself ("Deutsch", "中文"), as people look for their own. */
function autonym(locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

export function RegionSection() {
  const tr = useTranslator();
  const osLanguage = typeof navigator === 'undefined' ? 'en' : navigator.language;
  const languages = useMemo<[string, string][]>(
    () => [['', tr.t(M.languageOs, { language: autonym(osLanguage) })], ...SUPPORTED_LOCALES.filter((l) => !PSEUDO_LOCALES.includes(l)).map((l): [string, string] => [l, autonym(l)])],
    [tr, osLanguage],
  );
  const currencies = useMemo<[string, string][]>(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([tr.locale], { type: 'currency' });
    } catch {
      names = null;
    }
    return Intl.supportedValuesOf('currency').map((code): [string, string] => [code, tr.t(M.currencyName, { code, name: names?.of(code) ?? code })]);
  }, [tr]);
  return (
    <SectionCard id="region" title={M.region} intro={M.regionIntro}>
      {(form) => {
        const current = form.value('currency');
        const options = current !== '' && !currencies.some(([c]) => c === current) ? [...currencies, [current, current] as [string, string]] : currencies;
        return (
          <div className="mgr-grid2">
            <SelectSetting form={form} k="language" label={tr.t(M.language)} options={languages} />
            <SelectSetting form={form} k="currency" label={tr.t(M.currency)} hint={tr.t(M.currencyHint)} options={options} />
          </div>
        );
      }}
    </SectionCard>
  );
}
