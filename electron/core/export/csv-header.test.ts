import { describe, expect, it } from 'vitest';
import { csvHeaderRow, headerParam } from './csv-header.ts';
import { LEDGER_CSV_HEADER, ROSTER_CSV_HEADER } from './index.ts';

describe('csvHeaderRow', () => {
  it('keeps the machine header unless a language is asked for', () => {
    expect(csvHeaderRow(LEDGER_CSV_HEADER, null)).toEqual(LEDGER_CSV_HEADER);
    expect(headerParam(null)).toEqual({});
  });

  it('names every ledger and roster column in the asked language, in the same order', () => {
    expect(csvHeaderRow(LEDGER_CSV_HEADER, 'de')).toEqual(['Mitglieds-ID', 'Transaktions-ID', 'Erstellt am', 'Punkte', 'Stand danach', 'Beschreibung']);
    const zh = csvHeaderRow(ROSTER_CSV_HEADER, 'zh-CN');
    expect(zh).toHaveLength(ROSTER_CSV_HEADER.length);
    expect(zh.every((h, i) => h !== ROSTER_CSV_HEADER[i])).toBe(true);
    expect(headerParam('de')).toEqual({ headerLocale: 'de' });
  });
});
