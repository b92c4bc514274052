/** `npm run i18n:pseudo`: regenerate the en-XA (long, accented) and ar-XB (right-to-left) pseudo-locales from en.json. */
import { pseudoCatalogue } from '../../shared/i18n/pseudo.ts';
import { readCatalogue, writeCatalogue } from './catalogue-files.ts';
import { PSEUDO } from './paths.ts';

const en = readCatalogue('en');
for (const kind of PSEUDO) {
  writeCatalogue(kind, pseudoCatalogue(en, kind));
  console.log(`${kind}.json: ${Object.keys(en).length} messages.`);
}
