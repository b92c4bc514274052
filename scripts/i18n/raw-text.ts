/**
 * Finds English typed straight into the renderer's views: JSX text, and string literals given to
 * attributes people read (aria-label, title, placeholder, alt, and the kit's label props). Such
 * text never reaches a translator, so it stays English in every language.
 *
 * `node scripts/i18n/raw-text.ts` lists what it finds; the test in this folder fails on any.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './paths.ts';

/** Attributes whose string value is read by people (the kit's own label props included). */
export const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'closeLabel', 'caption', 'hint', 'error', 'text']);

/** Not words to translate: the product's name and key caps. */
export const ALLOWED = new Set(['SocialHub', 'SocialHub Till', 'C', 'Esc', 'Ctrl', 'Alt', 'Shift', 'Tab', 'Enter']);
/** Function keys on a key cap (F7, F12). */
const KEY_CAP = /^F\d{1,2}$/;

export interface RawText {
  file: string;
  line: number;
  text: string;
}

const LETTER = /\p{L}/u;

function wanted(text: string): boolean {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return LETTER.test(trimmed) && !ALLOWED.has(trimmed) && !KEY_CAP.test(trimmed);
}

export function rawTextIn(file: string, source: string): RawText[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: RawText[] = [];
  const add = (node: ts.Node, text: string): void => {
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.replace(/\s+/g, ' ').trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && wanted(node.text)) add(node, node.text);
    if (ts.isJsxExpression(node) && node.expression !== undefined && ts.isJsxElement(node.parent) && isStringLiteral(node.expression) && wanted(node.expression.text)) {
      add(node, node.expression.text);
    }
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer !== undefined) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression !== undefined && isStringLiteral(init.expression) ? init.expression : null;
      if (literal !== null && wanted(literal.text)) add(node, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function isStringLiteral(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** Every view in the renderer (tests and test support left out: they may say what they like). */
export function rendererViews(dir = path.join(ROOT, 'renderer')): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx') && !f.split(path.sep).includes('testing'))
    .map((f) => path.join(dir, f))
    .sort();
}

export function rawTextInRenderer(): RawText[] {
  return rendererViews().flatMap((file) => rawTextIn(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of rawTextInRenderer()) console.log(`${r.file}:${r.line}  ${r.text}`);
}
