/**
 * The one way a view gets text: `useT()` gives `t(MESSAGES.x, values)` in the current language,
 * `useTranslator()` adds the locale (dates, numbers) and direction. It is the runtime's own
 * translator (the one the stores call as `runtime.t`), so a message reads the same from a store
 * and from a view, and a language change re-renders every view that asked.
 *
 * Outside a `LocaleProvider` (a kit component rendered on its own) the text is English.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { SOURCE_LOCALE } from '../../shared/i18n/locales.ts';
import { createTranslator, type Translator } from '../../shared/i18n/translator.ts';
import type { LocaleStore, Translate } from '../state/locale-store.ts';

const TranslatorContext = createContext<Translator>(createTranslator(SOURCE_LOCALE));

/** Feeds every view below from the runtime's locale store. */
export function LocaleProvider({ locale, children }: { locale: LocaleStore; children: ReactNode }) {
  const translator = useStore(locale, (s) => s.translator);
  return <TranslatorContext.Provider value={translator}>{children}</TranslatorContext.Provider>;
}

/** The current translator: `t`, `locale`, `dir`, and `intl` for number formats. */
export const useTranslator = (): Translator => useContext(TranslatorContext);

/** `t(MESSAGES.x, values)` in the current language; stable while the language stays. */
export const useT = (): Translate => useContext(TranslatorContext).t;
