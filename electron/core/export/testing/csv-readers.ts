/**
 * Reading a CSV file back the way the people who open our exports do, for the formula-injection
 * tests: `strict` is RFC 4180 with a chosen separator (a quote opens a field only at its start,
 * anything else malformed throws); `spreadsheet` is how a spreadsheet set to that separator reads
 * a file written for another one — a quote in mid-field is an ordinary character, and any of
 * CR, LF or CRLF ends a row.
 */

export type Separator = ',' | ';';

export function readCsv(text: string, separator: Separator, mode: 'strict' | 'spreadsheet'): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const endOfLine = (at: number): number => (text[at] === '\r' && text[at + 1] === '\n' ? 2 : text[at] === '\r' || text[at] === '\n' ? 1 : 0);
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) {
          if (mode === 'strict') throw new Error('unterminated quoted field');
          break;
        }
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i]!;
        i++;
      }
      if (mode === 'strict' && i < text.length && text[i] !== separator && !(text[i] === '\r' && text[i + 1] === '\n')) {
        throw new Error(`text after a closing quote at ${i}`);
      }
    }
    while (i < text.length && text[i] !== separator && endOfLine(i) === 0) {
      if (mode === 'strict' && text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
      field += text[i]!;
      i++;
    }
    record.push(field);
    if (i >= text.length) break;
    if (text[i] === separator) {
      i++;
      if (i >= text.length) record.push('');
      continue;
    }
    const eol = endOfLine(i);
    if (mode === 'strict' && eol !== 2) throw new Error(`bare line break at ${i}`);
    i += eol;
    records.push(record);
    record = [];
  }
  if (record.length > 0) records.push(record);
  return records;
}

/** What a spreadsheet (or a tool that trims) may look past at the start of a cell, and what it would run. */
const LEAD = /^[\s\p{Zs}\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF"]*/u;
const TRIGGER = /^[=+\-@]/;

/** Cells that a spreadsheet would take for a formula (numbers, which are plain values, aside). */
export function formulaCells(records: readonly (readonly string[])[]): string[] {
  return records.flat().filter((cell) => !/^-?\d+(\.\d+)?$/.test(cell) && TRIGGER.test(cell.replace(LEAD, '').normalize('NFKC')));
}
