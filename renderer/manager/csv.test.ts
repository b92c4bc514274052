import { describe, expect, it } from 'vitest';
import { englishText } from '../../shared/i18n/translator.ts';
import { csvBlob, downloadCsv, exportMessage, safeCsvFilename } from './csv.ts';
import type { DownloadDeps } from './csv.ts';

function fakeDeps() {
  const log: string[] = [];
  const blobs: Blob[] = [];
  const later: Array<() => void> = [];
  const deps: DownloadDeps = {
    createObjectURL(blob) {
      blobs.push(blob);
      log.push('create');
      return 'blob:fake/1';
    },
    revokeObjectURL(url) {
      log.push(`revoke ${url}`);
    },
    clickLink(href, filename) {
      log.push(`click ${href} ${filename}`);
    },
    later(fn) {
      later.push(fn);
    },
  };
  return { deps, log, blobs, later };
}

describe('downloadCsv', () => {
  it('clicks a link to an object URL, then revokes it later (not at once)', async () => {
    const f = fakeDeps();
    const name = downloadCsv({ filename: 'journal-2026-03-12.csv', csv: 'id,amount\n1,120\n' }, f.deps);
    expect(name).toBe('journal-2026-03-12.csv');
    expect(f.log).toEqual(['create', 'click blob:fake/1 journal-2026-03-12.csv']);
    expect(await f.blobs[0]!.text()).toBe('id,amount\n1,120\n');
    expect(f.blobs[0]!.type).toBe('text/csv;charset=utf-8');
    f.later.forEach((fn) => fn());
    expect(f.log.at(-1)).toBe('revoke blob:fake/1');
  });

  it('revokes even if the click throws', () => {
    const f = fakeDeps();
    f.deps.clickLink = () => {
      throw new Error('blocked');
    };
    expect(() => downloadCsv({ filename: 'x.csv', csv: '' }, f.deps)).toThrow('blocked');
    expect(f.later).toHaveLength(1);
  });
});

describe('safeCsvFilename', () => {
  it('keeps a plain name', () => {
    expect(safeCsvFilename('reconcile-2026-03-12.csv')).toBe('reconcile-2026-03-12.csv');
  });
  it('drops folders and reserved characters, adds .csv', () => {
    expect(safeCsvFilename('../../etc/passwd')).toBe('passwd.csv');
    expect(safeCsvFilename('C:\\x\\a:b?.csv')).toBe('a_b_.csv');
    expect(safeCsvFilename('...hidden')).toBe('hidden.csv');
    expect(safeCsvFilename('')).toBe('export.csv');
  });
});

describe('csvBlob / exportMessage', () => {
  it('keeps the CSV bytes as UTF-8', async () => {
    expect(await csvBlob('ä,€\n').text()).toBe('ä,€\n');
  });
  it('counts rows', () => {
    expect(exportMessage(1, 'a.csv', englishText)).toBe('Exported 1 row to a.csv.');
    expect(exportMessage(0, 'a.csv', englishText)).toBe('Exported 0 rows to a.csv.');
  });
});
