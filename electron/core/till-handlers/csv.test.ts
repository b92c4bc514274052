import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { openJournal } from '../journal/index.ts';
import { CsvBuilder, csvCell, exportFilename } from './csv.ts';
import { exportJournal } from './journal-export.ts';

describe('csvCell (RFC 4180 + formula guard)', () => {
  it('quotes every text cell and doubles quotes', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+SUM(A1)')).toBe(`"'+SUM(A1)"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('@cmd')).toBe(`"'@cmd"`);
    expect(csvCell('\t=x')).toBe(`"'\t'=x"`);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a=b')).toBe('"a=b"');
  });

  it('keeps numbers as numbers (a clawback stays -40)', () => {
    expect(csvCell(-40)).toBe('-40');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('builds CRLF lines with a header', () => {
    const b = new CsvBuilder(['a', 'b']);
    b.row([1, 'x,y']);
    expect(b.toString()).toBe('"a","b"\r\n1,"x,y"\r\n');
    expect(b.rows).toBe(1);
  });

  it('names files sortably and safely', () => {
    expect(exportFilename('journal', Date.UTC(2026, 10, 25, 10, 0, 0, 123))).toBe('journal-2026-11-25T10-00-00Z.csv');
  });
});

describe('exportJournal', () => {
  it('pages through the filter newest first and says in the file name when the cap cut it short', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-export-'));
    const journal = openJournal({ path: path.join(dir, 'journal.sqlite') });
    try {
      for (let i = 1; i <= 450; i++) {
        const description = formatDescription({ kind: 'purchase', storeId: 'st_1', tillId: 'T1', posTxnId: `P${i}` });
        journal.record({ kind: 'award', storeId: 'st_1', tillId: 'T1', memberId: 'mb_1', posTxnId: `P${i}`, amount: i, description, token: description, saleTotal: i * 100 });
      }
      const all = await exportJournal(journal, {}, 0, 'USD');
      expect(all.rows).toBe(450);
      const lines = all.csv.trimEnd().split('\r\n');
      expect(lines).toHaveLength(451);
      expect(lines[1]).toMatch(/^450,/);
      expect(lines[450]).toMatch(/^1,/);
      // Money in the machine form: dot decimal, no grouping, empty when the row has none.
      const column = (line: string | undefined, name: string) => line?.split(',')[lines[0]!.split(',').indexOf(`"${name}"`)]?.replaceAll('"', '');
      expect([column(lines[1], 'sale_total'), column(lines[1], 'return_total')]).toEqual(['450.00', '']);
      expect(column(lines[450], 'sale_total')).toBe('1.00');
      expect(lines[0]).toMatch(/^"id","created_at",/);
      expect(all.filename).not.toContain('newest');
      const capped = await exportJournal(journal, {}, 0, 'USD', 200);
      expect(capped.rows).toBe(200);
      expect(capped.filename).toContain('-newest-200');
      const filtered = await exportJournal(journal, { search: 'P45' }, 0, 'USD', 2);
      expect(filtered.rows).toBe(2); // a prefix search: P45 and P450
      expect(filtered.filename).not.toContain('newest'); // exactly at the cap is not cut short
    } finally {
      journal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes money columns in the store currency: yen without decimals, dinars with three', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-export-'));
    const journal = openJournal({ path: path.join(dir, 'journal.sqlite') });
    try {
      const description = formatDescription({ kind: 'purchase', storeId: 'st_1', tillId: 'T1', posTxnId: 'Y1' });
      journal.record({ kind: 'award', storeId: 'st_1', tillId: 'T1', memberId: 'mb_1', posTxnId: 'Y1', amount: 19, description, token: description, saleTotal: 1980 });
      const saleTotal = async (currency: string) => {
        const lines = (await exportJournal(journal, {}, 0, currency)).csv.trimEnd().split('\r\n');
        return lines[1]?.split(',')[lines[0]!.split(',').indexOf('"sale_total"')]?.replaceAll('"', '');
      };
      expect({ JPY: await saleTotal('JPY'), KWD: await saleTotal('KWD'), USD: await saleTotal('USD') }).toEqual({ JPY: '1980', KWD: '1.980', USD: '19.80' });
    } finally {
      journal.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
