/**
 * Pseudo-locales, generated from en.json so they never drift:
 * - `en-XA`: accented letters, ~40 % longer, in brackets — hard-coded English stands out, clipped
 *   or wrapped layouts show up;
 * - `ar-XB`: the English words drawn mirrored as right-to-left text, shown with `dir="rtl"` — a
 *   layout written with physical CSS properties shows up.
 * Only literal text changes; placeholders, plural and select arguments are kept as they are.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import type { Catalogue } from './locales.ts';

const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ð', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ļ', m: 'ɱ',
  n: 'ñ', o: 'ö', p: 'þ', q: 'ǫ', r: 'ŕ', s: 'š', t: 'ţ', u: 'û', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ð', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ļ', M: 'Ṁ',
  N: 'Ñ', O: 'Ö', P: 'Þ', Q: 'Ǫ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Û', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};
const PADDING = ' ·ŀőñĝ·ţéẋţ·ŀőñĝ·ţéẋţ·ŀőñĝ·ţéẋţ·ŀőñĝ·ţéẋţ';
// Right-to-left override … pop: each word is stored as written but drawn mirrored, as strong RTL text.
const RLO = '\u202e';
const PDF = '\u202c';

export type PseudoKind = 'en-XA' | 'ar-XB';

function accent(text: string): string {
  return text.replace(/[A-Za-z]/g, (ch) => ACCENTS[ch] ?? ch);
}

/** Each word wrapped in a right-to-left override: drawn mirrored, so it is plainly not real text. */
function mirror(text: string): string {
  return text.replace(/[A-Za-z]+/g, (w) => RLO + w + PDF);
}

function literalLength(elements: MessageFormatElement[]): number {
  let n = 0;
  for (const el of elements) if (el.type === TYPE.literal) n += el.value.length;
  return n;
}

function transform(elements: MessageFormatElement[], kind: PseudoKind): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === TYPE.literal) return { ...el, value: kind === 'en-XA' ? accent(el.value) : mirror(el.value) };
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, opt]) => [k, { ...opt, value: transform(opt.value, kind) }]),
      );
      return { ...el, options };
    }
    if (el.type === TYPE.tag) return { ...el, children: transform(el.children, kind) };
    return el;
  });
}

export function pseudoMessage(message: string, kind: PseudoKind): string {
  const ast = parse(message);
  const body = printAST(transform(ast, kind));
  if (kind === 'ar-XB') return body;
  // ~40 % longer, counted on the visible text, so German-length labels are tried in English.
  const extra = Math.max(1, Math.ceil(literalLength(ast) * 0.4));
  return `[${body}${PADDING.repeat(Math.ceil(extra / PADDING.length)).slice(0, extra)}]`;
}

export function pseudoCatalogue(source: Catalogue, kind: PseudoKind): Catalogue {
  const out: Catalogue = {};
  for (const id of Object.keys(source).sort()) {
    const entry = source[id];
    if (entry === undefined) continue;
    out[id] = { defaultMessage: pseudoMessage(entry.defaultMessage, kind), description: `Generated ${kind} pseudo-locale; do not edit.` };
  }
  return out;
}
