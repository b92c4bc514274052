/** `export roster` and `export ledger`: resumable CSV exports for the ERP (read key). */
import { dayWindow, DayWindowError } from '../../core/reconcile/index.ts';
import { isBusinessDate } from '../../../shared/time/business-day.ts';
import { exportLedger, exportRoster, formatProgress } from '../../core/export/index.ts';
import type { ExportProgress } from '../../core/export/index.ts';
import type { Command, CommandResult } from '../command.ts';
import { flag } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { positiveInt } from '../config.ts';
import { EXIT, usageError } from '../errors.ts';
import { throttledLine } from '../progress-line.ts';
import { pacedReader } from './pacing.ts';
import { matchLocale, SUPPORTED_LOCALES } from '../../../shared/i18n/locales.ts';

const RESUME_HELP = [
  'Progress and ETA go to stderr. A checkpoint (FILE.progress.json) is written atomically after',
  'every page; if the run is interrupted, run the same command again to continue without',
  'duplicating rows. A finished FILE is never replaced unless --overwrite is given.',
  'Paced by a client-side token bucket (--rate req/s, default 10; --burst, default 10); 429s wait for Retry-After.',
].join('\n');

const common = {
  csv: { type: 'string' },
  status: { type: 'string' },
  overwrite: { type: 'boolean' },
  'page-size': { type: 'string' },
  'header-language': { type: 'string' },
} as const;

/** `--header-language de`: a header row people read in that language; the data columns never change. */
function headerLocale(ctx: CommandContext): { headerLocale: string } | Record<string, never> {
  const v = flag(ctx, 'header-language');
  if (v === undefined) return {};
  const locale = matchLocale(v);
  if (locale === null) throw usageError(`--header-language: "${v}" is not one of ${SUPPORTED_LOCALES.join(', ')}`);
  return { headerLocale: locale };
}

function csvFile(ctx: CommandContext): string {
  const file = flag(ctx, 'csv');
  if (file === undefined) throw usageError('--csv <file> is required');
  return file;
}

function pageSize(ctx: CommandContext): number | undefined {
  const v = flag(ctx, 'page-size');
  return v === undefined ? undefined : positiveInt(v, '--page-size', 200);
}

function progressPrinter(ctx: CommandContext): (p: ExportProgress) => void {
  const line = throttledLine(ctx.io);
  return (p) => line(formatProgress(p), p.phase === 'done');
}

const ok = (output: Record<string, unknown>): CommandResult => ({ output, exitCode: EXIT.ok });

/** The flags both exports share, read in the order their errors are reported. */
function exportOptions(ctx: CommandContext, file: string) {
  const size = pageSize(ctx);
  return {
    client: pacedReader(ctx),
    file,
    status: flag(ctx, 'status') ?? 'active',
    overwrite: ctx.flags.overwrite === true,
    onProgress: progressPrinter(ctx),
    ...(size !== undefined && { pageSize: size }),
    ...headerLocale(ctx),
    ...(ctx.io.signal && { signal: ctx.io.signal }),
  };
}

export const exportRosterCommand: Command = {
  name: 'export roster',
  summary: 'export the member roster to CSV (GET /members?status=active, paged, resumable)',
  usage: 'socialhub-till export roster --csv FILE [--status active|inactive] [--header-language de] [--overwrite] [--rate N] [--burst N]',
  help: RESUME_HELP,
  options: common,
  async run(ctx) {
    const file = csvFile(ctx);
    const result = await exportRoster(exportOptions(ctx, file));
    return ok({ export: 'roster', ...result, ratePerSecond: ctx.config.ratePerSecond });
  },
};

export const exportLedgerCommand: Command = {
  name: 'export ledger',
  summary: "export every roster member's ledger entries since a date to CSV (resumable)",
  usage: 'socialhub-till export ledger --since YYYY-MM-DD|ISO-8601 --csv FILE [--status active] [--tz ZONE] [--header-language de] [--overwrite] [--rate N] [--burst N]',
  help: `A date means the start of that day in --tz (default local).\n${RESUME_HELP}`,
  options: { ...common, since: { type: 'string' } },
  async run(ctx) {
    const file = csvFile(ctx);
    const since = parseSince(flag(ctx, 'since'), ctx.config.timeZone);
    const result = await exportLedger({ ...exportOptions(ctx, file), since });
    return ok({ export: 'ledger', since: new Date(since).toISOString(), ...result, ratePerSecond: ctx.config.ratePerSecond });
  },
};

function parseSince(value: string | undefined, timeZone: string): number {
  if (value === undefined) throw usageError('--since <date> is required');
  if (isBusinessDate(value)) {
    try {
      return dayWindow(value, timeZone).start;
    } catch (err) {
      if (err instanceof DayWindowError) throw usageError(`--since/--tz: ${err.message}`);
      throw err;
    }
  }
  const t = isBusinessDate(value.slice(0, 10)) && value[10] === 'T' ? Date.parse(value) : NaN;
  if (!Number.isFinite(t)) throw usageError(`--since must be YYYY-MM-DD or an ISO-8601 date-time (got "${value.slice(0, 40)}")`);
  return t;
}
