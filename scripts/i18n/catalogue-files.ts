/** Reading, writing and extracting catalogues for the i18n scripts and the catalogue test. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalogue } from '../../shared/i18n/locales.ts';
import { IGNORE_GLOBS, LOCALES_DIR, ROOT, SOURCE_GLOBS } from './paths.ts';

export function catalogueFile(locale: string): string {
  return path.join(LOCALES_DIR, `${locale}.json`);
}

export function readCatalogue(locale: string): Catalogue {
  return JSON.parse(fs.readFileSync(catalogueFile(locale), 'utf8')) as Catalogue;
}

/** Sorted by id, two-space indent, trailing newline: stable diffs for translators and review. */
export function writeCatalogue(locale: string, cat: Catalogue): void {
  const sorted: Catalogue = {};
  for (const id of Object.keys(cat).sort()) {
    const entry = cat[id];
    if (entry !== undefined) sorted[id] = entry;
  }
  fs.writeFileSync(catalogueFile(locale), `${JSON.stringify(sorted, null, 2)}\n`);
}

export function catalogueLocales(): string[] {
  return fs
    .readdirSync(LOCALES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** A fresh extraction from the code (formatjs CLI), never read from a committed file. */
export function extractMessages(): Catalogue {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-i18n-'));
  const out = path.join(dir, 'extracted.json');
  try {
    const bin = path.join(ROOT, 'node_modules/.bin/formatjs');
    execFileSync(bin, ['extract', ...SOURCE_GLOBS, '--ignore', ...IGNORE_GLOBS, '--throws', '--out-file', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    return JSON.parse(fs.readFileSync(out, 'utf8')) as Catalogue;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
