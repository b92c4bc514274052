import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formulaCells, readCsv } from './testing/csv-readers.ts';
import { csvCell, csvLine, defuseFormulas, parseCsv, toCsv } from './csv.ts';

/** Values an attacker would put in a member name, a ledger description or a manager's note. */
const HOSTILE = [
  '=1+1',
  'x;=1+1',
  'x;@SUM(A1)',
  'Coffee\n=HYPERLINK("http://evil.example","prize")',
  'a\r\n+cmd|" /C calc"!A0',
  'a\r-2+3',
  'tab\t=1',
  '  =1+1',
  '\u200B=1+1',
  '\uFEFF@x',
  '＝1+1',
  'x;＋1',
  'x; \u3000－1',
  '"=1+1',
  'x;"=1+1',
  '\t=cmd',
  '\r=cmd',
  'x;\t=1',
  '-',
  '@',
];

describe('csv', () => {
  it('quotes every text cell per RFC 4180 and ends records with CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', 3, null])).toBe('"a","b,c","say ""hi""","two\nlines",3,\r\n');
    expect(toCsv(['h1', 'h2'], [[1, 'x']])).toBe('"h1","h2"\r\n1,"x"\r\n');
    expect(csvCell('')).toBe('""');
  });

  it('defuses a trigger at the start, past spaces, zero-width characters and full-width forms', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tcmd')).toBe(`"'\tcmd"`);
    expect(defuseFormulas('  =1')).toBe("'  =1");
    expect(defuseFormulas('\u200B=1')).toBe("'\u200B=1");
    expect(defuseFormulas('＝1')).toBe("'＝1");
    expect(defuseFormulas('In-store purchase · store st_1')).toBe('In-store purchase · store st_1');
    expect(defuseFormulas('a=b; c-d')).toBe('a=b; c-d');
  });

  it('defuses a trigger after ; TAB CR and LF, where another reader starts a cell', () => {
    expect(defuseFormulas('x;=1+1')).toBe("x;'=1+1");
    expect(defuseFormulas('a\n=b')).toBe("a\n'=b");
    expect(defuseFormulas('a\r\n+b')).toBe("a\r\n'+b");
    expect(defuseFormulas('x; ＠y')).toBe("x;' ＠y");
    expect(defuseFormulas('x;\t=1')).toBe("x;'\t'=1");
  });

  it('keeps numbers as plain numeric cells (a clawback stays -50, so SUM counts it)', () => {
    expect(csvCell(-50)).toBe('-50');
    expect(csvCell(19.99)).toBe('19.99');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it.each([',', ';'] as const)('leaves no formula cell when read back with "%s" as the separator', (separator) => {
    const text = toCsv(['id', 'name', 'amount'], HOSTILE.map((v, i) => [i, v, -i]));
    const cells = readCsv(text, separator, 'spreadsheet');
    expect(formulaCells(cells)).toEqual([]);
    // Quoting alone, without the guard, leaves formulas for this reader: the check can fail.
    const quotedOnly = HOSTILE.map((v) => `"${v.replaceAll('"', '""')}"`).join(',') + '\r\n';
    expect(formulaCells(readCsv(quotedOnly, separator, 'spreadsheet')).length).toBeGreaterThan(separator === ',' ? 5 : 10);
  });

  it('leaves no formula cell for any string, read with either separator', () => {
    const piece = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\r\n', ';', ',', '"', ' ', '\u200B', '＝', '＋', 'a', '1', 'SUM(A1)');
    const value = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (values) => {
        const text = csvLine(values);
        for (const separator of [',', ';'] as const) expect(formulaCells(readCsv(text, separator, 'spreadsheet'))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('parses back (strict RFC 4180) what it writes, defused', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => csvLine(r)).join('');
        const expected = rows.map((r) => r.map(defuseFormulas));
        expect(readCsv(text, ',', 'strict')).toEqual(expected);
        expect(parseCsv(text)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
