/**
 * `npm run i18n:sync`: after an extraction, bring every translated catalogue in step with en.json:
 * new ids are added with the English text (to be translated; the description says so), ids the
 * code dropped are removed. `npm run i18n:add -- fr` does the same for a new language. Both
 * rewrite the catalogue index the app loads, so a new file is a new language with no hand edit.
 */
import fs from 'node:fs';
import type { Catalogue } from '../../shared/i18n/locales.ts';
import { catalogueFile, catalogueLocales, readCatalogue, writeCatalogue } from './catalogue-files.ts';
import { writeCatalogueIndex } from './catalogue-index.ts';
import { PSEUDO } from './paths.ts';

export const UNTRANSLATED = 'UNTRANSLATED: ';

export function syncCatalogue(en: Catalogue, existing: Catalogue): Catalogue {
  const out: Catalogue = {};
  for (const [id, source] of Object.entries(en)) {
    out[id] = existing[id] ?? { defaultMessage: source.defaultMessage, description: `${UNTRANSLATED}${source.description ?? ''}` };
  }
  return out;
}

function main(args: string[]): void {
  const en = readCatalogue('en');
  const adding = args.filter((a) => a !== '--');
  for (const locale of adding) {
    let canonical: string;
    try {
      canonical = new Intl.Locale(locale).toString();
    } catch {
      console.error(`"${locale}" is not a language tag (like fr, pt-BR, ar).`);
      process.exit(1);
    }
    if (fs.existsSync(catalogueFile(canonical))) {
      console.error(`${canonical}.json already exists.`);
      process.exit(1);
    }
    writeCatalogue(canonical, syncCatalogue(en, {}));
    console.log(`${canonical}.json created with ${Object.keys(en).length} messages to translate; the till offers it from the next build.`);
  }
  for (const locale of catalogueLocales()) {
    if (locale === 'en' || (PSEUDO as readonly string[]).includes(locale) || adding.includes(locale)) continue;
    writeCatalogue(locale, syncCatalogue(en, readCatalogue(locale)));
  }
  writeCatalogueIndex();
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
