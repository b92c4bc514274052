/** Translators for store tests (used by *.test.ts only): stores take the till's current one as a function. */
import { createTranslator, type Translator } from '../../shared/i18n/translator.ts';

/** The till speaking `locale` (English by default), shaped as the stores' `translator` dep. */
export function tillIn(locale = 'en'): () => Translator {
  const translator = createTranslator(locale);
  return () => translator;
}
