/**
 * The languages the till ships, their catalogues, and how one is chosen: the manager's setting,
 * else the OS locale, else English. Catalogues live in ./locales (shared by main and renderer);
 * en.json is extracted from the code (`npm run i18n:extract`), en-XA and ar-XB are generated
 * pseudo-locales (`npm run i18n:pseudo`), the rest are translations of en.json. A file in
 * ./locales is a language: `npm run i18n:add -- fr` creates it and lists it in the index.
 */
import { DISCOVERED_CATALOGUES } from './catalogues.generated.ts';

/** One catalogue entry: the ICU message and, for translators, what it is for. */
export interface CatalogueEntry {
  defaultMessage: string;
  description?: string;
}
export type Catalogue = Record<string, CatalogueEntry>;

export const SOURCE_LOCALE = 'en';

/** Every file in ./locales, through the index `npm run i18n:add` / `i18n:extract` write (scripts/i18n/catalogue-index.ts). */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = DISCOVERED_CATALOGUES;

export const SUPPORTED_LOCALES = Object.keys(CATALOGUES);
/** The pseudo-locales are for testing layouts and finding hard-coded text; not offered as a language. */
export const PSEUDO_LOCALES: readonly string[] = ['en-XA', 'ar-XB'];

/** The flat `{id: message}` form formatjs wants. */
export function messagesOf(locale: string): Record<string, string> {
  const cat = CATALOGUES[locale] ?? {};
  const out: Record<string, string> = {};
  for (const [id, entry] of Object.entries(cat)) out[id] = entry.defaultMessage;
  return out;
}

/**
 * The best shipped locale for a BCP 47 tag: exact, then language + script/region fallbacks
 * (`de-AT` → `de`, `zh-Hans-CN`/`zh-SG` → `zh-CN`), else null.
 */
export function matchLocale(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string' || tag.trim() === '') return null;
  let loc: Intl.Locale;
  try {
    loc = new Intl.Locale(tag.trim().replace(/_/g, '-'));
  } catch {
    return null;
  }
  const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === loc.baseName.toLowerCase());
  if (exact !== undefined) return exact;
  // Simplified Chinese is what we ship; a Traditional-script or Taiwan/Hong Kong tag is not it.
  if (loc.language === 'zh') {
    const max = loc.maximize();
    return max.script === 'Hans' ? 'zh-CN' : null;
  }
  return SUPPORTED_LOCALES.find((l) => l === loc.language && !PSEUDO_LOCALES.includes(l)) ?? null;
}

/** The catalogue language: setting → OS locale → English. `setting` null means "follow the OS". */
export function resolveLocale(setting: string | null | undefined, osLocale: string | null | undefined): string {
  return matchLocale(setting) ?? matchLocale(osLocale) ?? SOURCE_LOCALE;
}

/** A well-formed BCP 47 tag in canonical form (`de_CH` → `de-CH`), else null. */
function canonicalTag(tag: string | null | undefined): string | null {
  if (typeof tag !== 'string' || tag.trim() === '') return null;
  try {
    return new Intl.Locale(tag.trim().replace(/_/g, '-')).toString();
  } catch {
    return null;
  }
}

/**
 * The locale numbers, money and dates are written in: the full tag, never cut to the catalogue
 * language. A Mexican till reads `1,234.50` and a Swiss one `1’234.50` although their messages
 * come from the es and de catalogues. Following the OS: the OS tag itself (`fr-CH` too, though
 * its messages are English). With a language set: the OS tag when it is that language
 * (`de` + `de-CH` → `de-CH`), else the language's own tag.
 */
export function resolveFormatLocale(setting: string | null | undefined, osLocale: string | null | undefined): string {
  const language = resolveLocale(setting, osLocale);
  if (PSEUDO_LOCALES.includes(language)) return language;
  const os = canonicalTag(osLocale);
  if (matchLocale(setting) === null) return os ?? language;
  return os !== null && matchLocale(os) === language ? os : language;
}

const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** Writing direction for `<html dir>`; the `-XB` pseudo-locale is right-to-left by design. */
export function dir(locale: string): 'ltr' | 'rtl' {
  try {
    const loc = new Intl.Locale(locale);
    if (loc.region === 'XB') return 'rtl';
    return RTL_LANGUAGES.has(loc.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
