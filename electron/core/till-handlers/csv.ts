/**
 * CSV for the manager's exports, in the one dialect of electron/core/export/csv.ts (RFC 4180 plus
 * the formula-injection guard).
 *
 * Built in chunks: `CsvBuilder` appends rows to an array of short strings and joins once, so a
 * 100k-row export never re-copies a growing string.
 */

import { csvCell, csvLine } from '../export/csv.ts';
import type { CsvValue } from '../export/csv.ts';

// One CSV dialect for every export (ERP files, reconciliation, the manager's lists).
export { csvCell, csvLine };
export type CsvCell = CsvValue;

export class CsvBuilder {
  readonly #chunks: string[] = [];
  #rows = 0;

  constructor(header: readonly string[]) {
    this.#chunks.push(csvLine(header));
  }

  row(cells: readonly CsvCell[]): void {
    this.#chunks.push(csvLine(cells));
    this.#rows++;
  }

  /** Data rows so far (the header is not counted). */
  get rows(): number {
    return this.#rows;
  }

  toString(): string {
    return this.#chunks.join('');
  }
}

/** ISO time for a CSV cell, or empty. */
export function isoOrEmpty(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toISOString();
}

/** `journal-2026-11-25T10-00-00Z.csv`: sortable and valid on every file system. */
export function exportFilename(prefix: string, now: number, suffix = ''): string {
  const stamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `${prefix}-${stamp}${suffix}.csv`;
}
