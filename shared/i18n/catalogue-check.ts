/**
 * What makes a set of catalogues wrong, as a list of sentences (empty when all is well):
 * - a message id the code uses that a catalogue lacks;
 * - a catalogue id no code uses;
 * - en.json out of step with the code's default messages (extraction not re-run);
 * - a message that is not valid ICU (the parser also refuses a plural or select without `other`);
 * - a translation whose arguments differ from English: names, kinds (number, date, plural,
 *   select, tag) and number/date/time styles (`{n, number}` is not `{n, number, percent}`);
 * - a select whose cases differ from English's (they are code values the translation must answer);
 * - a plural arm the language does not have (`few` in German; CLDR via Intl.PluralRules);
 * - a plural arm that drops English's `#` although it stands for more than one number in that
 *   language (German `other`, Russian `one` = 1, 21, 31…): the count would vanish from the text.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Catalogue } from './locales.ts';

type Plural = Extract<MessageFormatElement, { type: TYPE.plural }>;
type Select = Extract<MessageFormatElement, { type: TYPE.select }>;
type Styled = Extract<MessageFormatElement, { type: TYPE.number | TYPE.date | TYPE.time }>;

const KIND: Record<number, string> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
  [TYPE.tag]: 'tag',
};

/** The style written after the kind: `percent`, `short`, or a skeleton (`::currency/EUR`). */
function styleOf(el: Styled): string {
  const style = el.style;
  if (style === undefined || style === null) return '';
  if (typeof style === 'string') return style;
  return 'pattern' in style ? `::${style.pattern}` : `::${style.tokens.map((t) => [t.stem, ...t.options].join('/')).join(' ')}`;
}

/** `name:kind` (with its style) for every argument; select cases are compared on their own. */
export function argumentSignature(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    const kind = KIND[el.type] ?? 'unknown';
    if (el.type === TYPE.plural) into.add(`${el.value}:${el.pluralType === 'ordinal' ? 'selectordinal' : 'plural'}`);
    else if (el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time) {
      const style = styleOf(el);
      into.add(style === '' ? `${el.value}:${kind}` : `${el.value}:${kind}(${style})`);
    } else into.add(`${el.value}:${kind}`);
    if (el.type === TYPE.select || el.type === TYPE.plural) for (const opt of Object.values(el.options)) argumentSignature(opt.value, into);
    if (el.type === TYPE.tag) argumentSignature(el.children, into);
  }
  return into;
}

/** Every plural and select in a message, nested ones included. */
function choices(elements: MessageFormatElement[], into: (Plural | Select)[] = []): (Plural | Select)[] {
  for (const el of elements) {
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      into.push(el);
      for (const opt of Object.values(el.options)) choices(opt.value, into);
    }
    if (el.type === TYPE.tag) choices(el.children, into);
  }
  return into;
}

/** Whether an arm shows its plural's count: a `#` in it or in a tag in it (the parser reads `#` deeper down as text). */
function showsCount(elements: MessageFormatElement[]): boolean {
  return elements.some((el) => el.type === TYPE.pound || (el.type === TYPE.tag && showsCount(el.children)));
}

/** Sample counts: 0–1000 and the large round numbers where some languages switch to `many`. */
const SAMPLES = [...Array.from({ length: 1001 }, (_, i) => i), 10_000, 100_000, 1_000_000, 2_000_000, 10_000_000];

/** Plural categories of a language, and which of them stand for more than one integer (and so need `#`). */
function pluralRules(locale: string, type: 'cardinal' | 'ordinal'): { categories: Set<string>; several: Set<string> } {
  const rules = new Intl.PluralRules(locale, { type });
  const seen = new Map<string, number>();
  for (const n of SAMPLES) seen.set(rules.select(n), (seen.get(rules.select(n)) ?? 0) + 1);
  return {
    categories: new Set(rules.resolvedOptions().pluralCategories),
    several: new Set([...seen].filter(([, count]) => count > 1).map(([category]) => category)),
  };
}

function choiceProblems(locale: string, id: string, ast: MessageFormatElement[], english: MessageFormatElement[]): string[] {
  const problems: string[] = [];
  const englishChoices = choices(english);
  for (const el of choices(ast)) {
    const arms = Object.keys(el.options);
    if (el.type === TYPE.select) {
      const theirs = englishChoices.find((e): e is Select => e.type === TYPE.select && e.value === el.value);
      if (theirs === undefined) continue; // reported as a placeholder difference
      const ours = Object.keys(theirs.options);
      const missing = ours.filter((k) => !arms.includes(k));
      const extra = arms.filter((k) => !ours.includes(k));
      if (missing.length > 0) problems.push(`${locale}: "${id}" select {${el.value}} lacks the case(s) ${missing.join(', ')} that English has.`);
      if (extra.length > 0) problems.push(`${locale}: "${id}" select {${el.value}} has case(s) ${extra.join(', ')} that English does not.`);
      continue;
    }
    const type = el.pluralType ?? 'cardinal';
    const rules = pluralRules(locale, type);
    const invalid = arms.filter((k) => !k.startsWith('=') && !rules.categories.has(k));
    if (invalid.length > 0) {
      problems.push(`${locale}: "${id}" plural {${el.value}} has arm(s) ${invalid.join(', ')} that ${locale} does not use (it has ${[...rules.categories].sort().join(', ')}).`);
    }
    const theirs = englishChoices.find((e): e is Plural => e.type === TYPE.plural && e.value === el.value);
    const englishOther = theirs?.options.other;
    if (englishOther === undefined || !showsCount(englishOther.value)) continue;
    const dropped = arms.filter((k) => rules.several.has(k) && !showsCount(el.options[k]!.value));
    if (dropped.length > 0) problems.push(`${locale}: "${id}" plural {${el.value}} drops the # (the count) in arm(s) ${dropped.join(', ')}.`);
  }
  return problems;
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

  const englishAst = new Map<string, MessageFormatElement[]>();
  for (const [id, entry] of Object.entries(extracted)) {
    const ast = tryParse(entry.defaultMessage);
    if (typeof ast === 'string') problems.push(`code: "${id}" is not valid ICU (${ast}).`);
    else englishAst.set(id, ast);
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
      const english = englishAst.get(id);
      if (english === undefined) continue;
      const expected = argumentSignature(english);
      const actual = argumentSignature(ast);
      if (!same(expected, actual)) {
        problems.push(`${locale}: "${id}" has placeholders {${[...actual].sort().join(', ')}}, English has {${[...expected].sort().join(', ')}}.`);
      }
      problems.push(...choiceProblems(locale, id, ast, english));
    }
  }
  return problems;
}
