/**
 * CSV per RFC 4180 (CRLF line ends, quotes doubled) for every export the till writes, with a guard
 * against CSV/formula injection. Ledger descriptions, notes and member names come from outside,
 * so they are never trusted to be inert:
 *
 * - Every text cell is quoted, so a `;` or a line break inside it stays inside it for any reader
 *   that honours quotes.
 * - Not every reader does: a spreadsheet set to `;` (much of Europe) reads our `,` file with the
 *   quote in mid-field as a plain character, so `x;=1+1` becomes a cell `=1+1`; a line-based
 *   reader starts a new row at a quoted line break. So a trigger (= + - @, TAB, CR) is defused
 *   with a leading `'` wherever such a reader could start a cell: at the start of the value and
 *   after each `;`, TAB, CR and LF. The check looks past spaces, zero-width and bidi characters
 *   and quotes, and folds full-width and other compatibility forms (`＝` is `=`).
 *
 * Numbers are written as plain numeric cells, unquoted and never prefixed: a value we computed
 * cannot be a formula, and a prefixed `-50` would be text that neither the ERP's import nor a
 * spreadsheet's SUM counts. Amounts must therefore reach this file as numbers, not strings.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** Where a reader may start a new cell inside our value. */
const CELL_BREAK = /^[;\t\r\n]$/;
/** What a reader skips or does not see before the first real character of a cell. */
const INVISIBLE_LEAD = /^[\p{Zs}\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF"]*/u;
const TRIGGER = /^[=+\-@\t\r]/;

/** Whether a cell starting where `rest` starts would be read as a formula. */
function startsWithTrigger(rest: string): boolean {
  if (TRIGGER.test(rest)) return true;
  return TRIGGER.test(rest.replace(INVISIBLE_LEAD, '').slice(0, 8).normalize('NFKC'));
}

/** The value with a `'` at every place a reader could start a cell that would be a formula. */
export function defuseFormulas(value: string): string {
  let out = '';
  let cellStart = true;
  for (let i = 0; i < value.length; i++) {
    if (cellStart && startsWithTrigger(value.slice(i, i + 64))) out += "'";
    out += value[i]!;
    cellStart = CELL_BREAK.test(value[i]!);
  }
  return out;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `"${defuseFormulas(value).replaceAll('"', '""')}"`;
}

/** One record with its CRLF terminator. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return csvLine(header) + rows.map(csvLine).join('');
}

/**
 * Splits RFC 4180 text back into records (for resuming an export and for tests). Does not undo
 * the formula guard.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
