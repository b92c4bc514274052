/**
 * CSV for the manager's exports: RFC 4180 (CRLF, quotes doubled, a field quoted when it holds a
 * comma, quote or line break) plus the spreadsheet formula-injection guard: a text cell that
 * starts with = + - @ (or a tab / carriage return) is prefixed with a single quote, so a member
 * name or description written by someone else can never run as a formula in Excel or Sheets.
 * Numbers are written as numbers (a negative clawback stays -40, not '-40).
 *
 * Built in chunks: `CsvBuilder` appends rows to an array of short strings and joins once, so a
 * 100k-row export never re-copies a growing string.
 */

export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

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
