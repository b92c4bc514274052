/**
 * The till's language, live: resolved from the settings (`language`, null = the OS locale) and
 * swapped whenever the settings change. Views read it through `useT`/`useTranslator` (app/translate.tsx); stores
 * and the runtime through `t`.
 *
 * The pattern for stores: a store gets `t` from the runtime (a `Translate` in its deps) and calls
 * it with a descriptor from its own `defineMessages` block when it produces text for people,
 * e.g. `push('error', t(MESSAGES.refused, { what }))`. Text already on screen keeps the language
 * it was produced in; the next message follows a change.
 */
import type { MessageDescriptor } from '@formatjs/intl';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { resolveFormatLocale, resolveLocale } from '../../shared/i18n/locales.ts';
import { createTranslator, type MessageValues, type Translator } from '../../shared/i18n/translator.ts';

export type Translate = (message: MessageDescriptor | string, values?: MessageValues) => string;

export interface LocaleState {
  translator: Translator;
  /** Re-resolve from the language setting (null: follow the OS). */
  apply(language: string | null | undefined): void;
}

export type LocaleStore = StoreApi<LocaleState>;

export function createLocaleStore(osLocale: () => string | null): LocaleStore {
  return createStore<LocaleState>()((set, get) => ({
    translator: createTranslator(resolveLocale(null, osLocale()), resolveFormatLocale(null, osLocale())),
    apply(language) {
      // The catalogue language and the formatting locale are resolved apart: es-MX reads es messages, es-MX numbers.
      const catalogue = resolveLocale(language, osLocale());
      const format = resolveFormatLocale(language, osLocale());
      const now = get().translator;
      if (catalogue !== now.language || format !== now.locale) set({ translator: createTranslator(catalogue, format) });
    },
  }));
}

/** A `t` bound to whatever language is current when it is called. */
export function translateWith(store: LocaleStore): Translate {
  return (message, values) => store.getState().translator.t(message, values);
}
