/**
 * Finds English typed straight into the renderer: text people read that never reaches a
 * translator, so it stays English in every language. It looks at
 * - JSX text, and what a JSX expression shows: a string, both arms of a conditional, the
 *   fallbacks of `??`/`||`/`&&`, the fixed parts of a template literal or a `+` concatenation;
 * - the same in attributes people read (aria-label, title, placeholder, alt) and in the props of
 *   the UI kit (`renderer/ui/`: label, hint, error, caption, header, empty, closeLabel, …);
 * - object properties with those names (`set({ error: 'Could not load' })` in a store, a table
 *   column's `header`), in `.ts` stores as in views;
 * - `document.title`, `textContent` and `innerText`, and toasts (`feedback.push('error', text)`).
 *
 * `node scripts/i18n/raw-text.ts` lists what it finds; the test in this folder fails on any.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './paths.ts';

/** Attributes and props whose string value is read by people (the kit's own props included). */
export const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'closeLabel',
  'caption',
  'hint',
  'error',
  'text',
  'header',
  'empty',
  'aside',
  'heading',
  'message',
]);
/** camelCase variants of the same (`confirmLabel`, `emptyText`, `pageTitle`). */
const READ_SUFFIX = /[a-z](Label|Title|Text|Hint|Caption|Heading|Message|Placeholder)$/;

/**
 * Not words to translate (the explicit allow-list): the product's name, which is a proper noun,
 * and key caps, which are printed on the keyboard in every language.
 */
export const ALLOWED = new Set(['SocialHub', 'SocialHub Till', 'C', 'Esc', 'Ctrl', 'Alt', 'Shift', 'Tab', 'Enter']);
/** Function keys on a key cap (F7, F12). */
const KEY_CAP = /^F\d{1,2}$/;
/** The tones of `feedback.push(tone, text)`: a call with one of these first is a toast. */
const TOAST_TONES = new Set(['info', 'success', 'error', 'warning']);
/** DOM properties whose value is shown to people. */
const SHOWN_DOM = new Set(['textContent', 'innerText']);

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

function readName(name: string): boolean {
  return READ_ATTRIBUTES.has(name) || READ_SUFFIX.test(name);
}

/**
 * The fixed text an expression can show, each with the node to point at. Calls (`t(M.x)`),
 * names and numbers show nothing fixed; a template or `+` shows its literal parts.
 */
function shownText(expr: ts.Expression): { node: ts.Node; text: string }[] {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [{ node: expr, text: expr.text }];
  if (ts.isTemplateExpression(expr)) {
    return [{ node: expr, text: [expr.head.text, ...expr.templateSpans.map((s) => s.literal.text)].join(' ') }];
  }
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr)) return shownText(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...shownText(expr.whenTrue), ...shownText(expr.whenFalse)];
  if (ts.isBinaryExpression(expr)) {
    const op = expr.operatorToken.kind;
    if (op === ts.SyntaxKind.PlusToken) {
      const parts = [...shownText(expr.left), ...shownText(expr.right)];
      return parts.length === 0 ? [] : [{ node: expr, text: parts.map((p) => p.text).join(' ') }];
    }
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return [...shownText(expr.left), ...shownText(expr.right)];
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return shownText(expr.right);
  }
  return [];
}

function calleeName(call: ts.CallExpression): string {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

export function rawTextIn(file: string, source: string): RawText[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: RawText[] = [];
  const add = (node: ts.Node, text: string): void => {
    if (!wanted(text)) return;
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.replace(/\s+/g, ' ').trim() });
  };
  const addShown = (expr: ts.Expression): void => {
    for (const s of shownText(expr)) add(s.node, s.text);
  };
  const visit = (node: ts.Node): void => {
    // Message definitions are the translator's input, not text typed past it.
    if (ts.isCallExpression(node) && (calleeName(node) === 'defineMessages' || calleeName(node) === 'defineMessage')) return;
    if (ts.isJsxText(node)) add(node, node.text);
    if (ts.isJsxExpression(node) && node.expression !== undefined && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) addShown(node.expression);
    if (ts.isJsxAttribute(node) && readName(node.name.getText(sf)) && node.initializer !== undefined) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) add(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression !== undefined) addShown(init.expression);
    }
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && readName(node.name.text)) addShown(node.initializer);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const target = node.left;
      const isDocumentTitle = target.name.text === 'title' && target.expression.getText(sf) === 'document';
      if (isDocumentTitle || SHOWN_DOM.has(target.name.text)) addShown(node.right);
    }
    if (ts.isCallExpression(node) && calleeName(node) === 'push' && node.arguments.length >= 2) {
      const [tone, text] = node.arguments;
      if (tone !== undefined && ts.isStringLiteral(tone) && TOAST_TONES.has(tone.text) && text !== undefined) addShown(text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every view and store in the renderer (tests and test support left out: they may say what they like). */
export function rendererSources(dir = path.join(ROOT, 'renderer')): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.split(path.sep).includes('testing'))
    .map((f) => path.join(dir, f))
    .sort();
}

export function rawTextInRenderer(): RawText[] {
  return rendererSources().flatMap((file) => rawTextIn(path.relative(ROOT, file), fs.readFileSync(file, 'utf8')));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of rawTextInRenderer()) console.log(`${r.file}:${r.line}  ${r.text}`);
}
