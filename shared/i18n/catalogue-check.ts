/**
 * What makes a set of catalogues wrong, as a list of sentences (empty when all is well):
 * - a message id the code uses that a catalogue lacks;
 * - a catalogue id no code uses;
 * - en.json out of step with the code's default messages (extraction not re-run);
 * - a message that is not valid ICU (the parser also refuses a plural or select without `other`);
 * - a translation whose arguments differ from English: names, kinds (number, date, plural,
 *   select, tag), select cases.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Catalogue } from './locales.ts';

const KIND: Record<number, string> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
  [TYPE.tag]: 'tag',
};

/** `name:kind` for every argument, with the cases of a select (they are code values, not words). */
export function argumentSignature(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    const kind = KIND[el.type] ?? 'unknown';
    if (el.type === TYPE.select) into.add(`${el.value}:select(${Object.keys(el.options).sort().join('|')})`);
    else if (el.type === TYPE.plural) into.add(`${el.value}:${el.pluralType === 'ordinal' ? 'selectordinal' : 'plural'}`);
    else into.add(`${el.value}:${kind}`);
    if (el.type === TYPE.select || el.type === TYPE.plural) for (const opt of Object.values(el.options)) argumentSignature(opt.value, into);
    if (el.type === TYPE.tag) argumentSignature(el.children, into);
  }
  return into;
}

function tryParse(message: string): MessageFormatElement[] | string {
  try {
    return parse(message);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const same = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

export function checkCatalogues(extracted: Catalogue, catalogues: Record<string, Catalogue>, sourceLocale = 'en'): string[] {
  const problems: string[] = [];
  const source = catalogues[sourceLocale];
  if (source === undefined) return [`There is no ${sourceLocale} catalogue.`];

  for (const [id, entry] of Object.entries(extracted)) {
    if (source[id] !== undefined && source[id].defaultMessage !== entry.defaultMessage) {
      problems.push(`${sourceLocale}: "${id}" differs from the code's default message; run npm run i18n:extract.`);
    }
    if (entry.description === undefined || entry.description.trim() === '') problems.push(`code: "${id}" has no description for translators.`);
  }

  const englishArgs = new Map<string, Set<string>>();
  for (const [id, entry] of Object.entries(extracted)) {
    const ast = tryParse(entry.defaultMessage);
    if (typeof ast === 'string') problems.push(`code: "${id}" is not valid ICU (${ast}).`);
    else englishArgs.set(id, argumentSignature(ast));
  }

  for (const [locale, cat] of Object.entries(catalogues)) {
    for (const id of Object.keys(extracted)) if (cat[id] === undefined) problems.push(`${locale}: "${id}" is used in code but missing.`);
    for (const [id, entry] of Object.entries(cat)) {
      if (extracted[id] === undefined) {
        problems.push(`${locale}: "${id}" is not used by any code (unused key).`);
        continue;
      }
      const ast = tryParse(entry.defaultMessage);
      if (typeof ast === 'string') {
        problems.push(`${locale}: "${id}" is not valid ICU (${ast}).`);
        continue;
      }
      const expected = englishArgs.get(id);
      const actual = argumentSignature(ast);
      if (expected !== undefined && !same(expected, actual)) {
        problems.push(`${locale}: "${id}" has placeholders {${[...actual].sort().join(', ')}}, English has {${[...expected].sort().join(', ')}}.`);
      }
    }
  }
  return problems;
}
