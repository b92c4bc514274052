/** The shared i18n core: catalogues, locale resolution, direction and the translator. */
export { CATALOGUES, dir, matchLocale, messagesOf, PSEUDO_LOCALES, resolveFormatLocale, resolveLocale, SOURCE_LOCALE, SUPPORTED_LOCALES } from './locales.ts';
export type { Catalogue, CatalogueEntry } from './locales.ts';
export { createTranslator, englishText, mergedMessages } from './translator.ts';
export type { LocalizedText, MessageValues, Translator } from './translator.ts';
export { defineMessage, defineMessages } from '@formatjs/intl';
