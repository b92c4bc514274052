/**
 * Saving a CSV main produced (journal, API activity, reconciliation) as a file: a Blob, an object
 * URL and a clicked `<a download>`. Works the same in Electron (its download flow) and in a
 * browser. The DOM parts are injected so the logic is testable in Node.
 */
import { defineMessages } from '@formatjs/intl';
import { errorText, type CallResult } from '../app/call.ts';
import type { Translate } from '../state/locale-store.ts';
import type { Translator } from '../../shared/i18n/translator.ts';

export interface CsvExport {
  filename: string;
  csv: string;
  rows: number;
}

export interface DownloadDeps {
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  /** Click a temporary `<a href download>` link. */
  clickLink: (href: string, filename: string) => void;
  later: (fn: () => void, ms: number) => void;
}

/** A file name that is only a name: no folders, no control or reserved characters, ends in .csv. */
export function safeCsvFilename(name: string, fallback = 'export.csv'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim();
  if (clean === '') clean = fallback;
  if (!clean.toLowerCase().endsWith('.csv')) clean += '.csv';
  return clean.slice(0, 120);
}

export function csvBlob(csv: string): Blob {
  return new Blob([csv], { type: 'text/csv;charset=utf-8' });
}

function browserDeps(): DownloadDeps {
  return {
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    clickLink(href, filename) {
      const a = document.createElement('a');
      a.href = href;
      a.download = filename;
      a.rel = 'noopener';
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
    },
    later: (fn, ms) => {
      window.setTimeout(fn, ms);
    },
  };
}

/** Starts the download; returns the file name used. The object URL is released shortly after. */
export function downloadCsv(file: Pick<CsvExport, 'filename' | 'csv'>, deps: DownloadDeps = browserDeps()): string {
  const filename = safeCsvFilename(file.filename);
  const url = deps.createObjectURL(csvBlob(file.csv));
  try {
    deps.clickLink(url, filename);
  } finally {
    // The click only queues the download: revoking at once can cancel it in some browsers.
    deps.later(() => deps.revokeObjectURL(url), 10_000);
  }
  return filename;
}

const MESSAGES = defineMessages({
  exported: {
    id: 'manager.transactions.exported',
    defaultMessage: 'Exported {rows, plural, one {# row} other {# rows}} to {file}.',
    description: 'A CSV export (journal, API activity or reconciliation) was saved: rows and file name',
  },
});

/** "Exported 1,234 rows to journal-2026-03-12.csv" */
export function exportMessage(rows: number, filename: string, t: Translate): string {
  return t(MESSAGES.exported, { rows, file: filename });
}

/**
 * What a store shows after main answered an export: the error, or the file saved and its rows.
 * One place for the journal, API activity and reconciliation exports.
 */
export function exportOutcome(result: CallResult<CsvExport>, saveCsv: (file: CsvExport) => string, translator: Translator): { error: string | null; status: string | null } {
  if (!result.ok) return { error: errorText(result.error, translator), status: null };
  return { error: null, status: exportMessage(result.value.rows, saveCsv(result.value), translator.t) };
}
