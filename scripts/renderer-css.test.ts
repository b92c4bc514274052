import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Guards against rules left behind when a component moves to the UI kit: every class a renderer
// stylesheet defines is written somewhere in the renderer's code, whole or as the stem of a
// `block--${modifier}` template. Here, not in renderer/, because it reads files (vitest hands the
// renderer's own `?raw` CSS imports over empty).
const renderer = new URL('../renderer/', import.meta.url).pathname;

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'dist' ? [] : files(path, keep);
    return keep(e.name) ? [path] : [];
  });
}

const code = files(renderer, (n) => /\.(tsx?|html)$/.test(n) && !/\.test\.tsx?$/.test(n))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');
const sheets = files(renderer, (n) => n.endsWith('.css'));

function definedClasses(css: string): string[] {
  const selectors = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\{[^{}]*\}/g, '{}');
  return [...new Set([...selectors.matchAll(/\.(-?[a-zA-Z_][\w-]*)/g)].map((m) => m[1]!))];
}

function usedInCode(cls: string): boolean {
  if (new RegExp(`(?<![\\w-])${cls}(?![\\w-])`).test(code)) return true;
  const stem = cls.includes('--') ? cls.slice(0, cls.lastIndexOf('--') + 2) : null;
  return stem !== null && code.includes(`${stem}\${`);
}

describe('renderer stylesheets', () => {
  it('reads the stylesheets and the code', () => {
    expect(sheets.map((f) => relative(renderer, f))).toContain('manager/manager.css');
    expect(code).toContain('chip-toggle');
  });
  it.each(sheets.map((f) => [relative(renderer, f), f]))('%s defines only classes the code uses', (_name, file) => {
    expect(definedClasses(readFileSync(file, 'utf8')).filter((c) => !usedInCode(c))).toEqual([]);
  });
});
