/** `reconcile --date YYYY-MM-DD [--csv file]`: the day's journal against the ledger (read key). */
import { writeFileAtomic } from '../../core/fs/atomic-write.ts';
import { DayWindowError, reconcileCsv, reconcileDay } from '../../core/reconcile/index.ts';
import { businessDateAt, businessDayWindow, DEFAULT_DAY_START } from '../../../shared/time/business-day.ts';
import type { ReconcileProgress } from '../../core/reconcile/index.ts';
import { formatDuration } from '../../core/export/index.ts';
import type { Command } from '../command.ts';
import { flag } from '../command.ts';
import { positiveInt } from '../config.ts';
import { EXIT, usageError } from '../errors.ts';
import { throttledLine } from '../progress-line.ts';
import { pacedReader } from './pacing.ts';

export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: "compare a business day's confirmed writes with the SocialHub ledger (read key)",
  usage: 'socialhub-till reconcile [--date YYYY-MM-DD] [--tz local|UTC|+HH:MM|Area/City] [--csv FILE] [--scan-roster] [--margin-ms N] [--concurrency N]',
  help: [
    'Reads every member with a confirmed award, clawback or adjustment that day (or, with',
    '--scan-roster, every member) back to the start of the day and sorts the writes into matched,',
    'missing on server, duplicated on server and unexpected on server (our store+till marker, no',
    'journal row). An amount mismatch is reported as missing + unexpected with the same journal id.',
    'Needs --journal, --store, --till and --read-key. Paced by --rate/--burst; 429s are waited out.',
    'Exit 0 with a complete report (check "clean"), 1 when some ledgers could not be read.',
  ].join('\n'),
  options: {
    date: { type: 'string' },
    csv: { type: 'string' },
    'scan-roster': { type: 'boolean' },
    'margin-ms': { type: 'string' },
    concurrency: { type: 'string' },
  },
  async run(ctx) {
    const explicitZone = ctx.config.explicitTimeZone;
    try {
      businessDayWindow(flag(ctx, 'date') ?? '2000-01-01', DEFAULT_DAY_START, explicitZone ?? 'UTC'); // bad input is exit 2 before the journal is opened
    } catch (err) {
      if (err instanceof DayWindowError) throw usageError(`--date/--tz: ${err.message}`);
      throw err;
    }
    // The day is the journal's (its stored time zone) unless --tz says otherwise.
    const keying = ctx.journal({ mustExist: true }).keying();
    const timeZone = ctx.config.explicitTimeZone ?? keying?.timeZone ?? ctx.config.timeZone;
    const dayStart = keying?.dayStart ?? DEFAULT_DAY_START;
    const date = flag(ctx, 'date') ?? businessDateAt(Date.now(), dayStart, timeZone);
    try {
      businessDayWindow(date, dayStart, timeZone);
    } catch (err) {
      if (err instanceof DayWindowError) throw usageError(`--date/--tz: ${err.message}`);
      throw err;
    }
    const margin = flag(ctx, 'margin-ms');
    const concurrency = flag(ctx, 'concurrency');
    const csv = flag(ctx, 'csv');
    const storeId = ctx.storeId();
    const tillId = ctx.tillId();
    const client = pacedReader(ctx);
    const journal = ctx.journal({ mustExist: true });
    const line = throttledLine(ctx.io);
    const report = await reconcileDay({
      journal,
      client,
      date,
      timeZone,
      dayStart,
      storeId,
      tillId,
      idsPerTill: keying?.idsUniquePer === 'till',
      scanRoster: ctx.flags['scan-roster'] === true,
      ...(margin !== undefined && { marginMs: positiveInt(margin, '--margin-ms', 86_400_000) }),
      ...(concurrency !== undefined && { concurrency: positiveInt(concurrency, '--concurrency', 32) }),
      ...(ctx.io.signal && { signal: ctx.io.signal }),
      onProgress: (p: ReconcileProgress) => line(progressText(p), p.phase === 'done'),
    });
    if (csv !== undefined) await writeFileAtomic(csv, reconcileCsv(report), { mode: 0o600 });
    const { totals } = report;
    const clean = totals.missing === 0 && totals.duplicated === 0 && totals.unexpected === 0 && report.incomplete.length === 0;
    const output = { ...report, clean, ...(csv !== undefined && { csvFile: csv }) };
    if (report.incomplete.length > 0) {
      return { output, exitCode: EXIT.failed, reason: `reconcile ${date}: the ledger of ${report.incomplete.length} member(s) could not be read; the report is partial` };
    }
    return { output, exitCode: EXIT.ok };
  },
};

function progressText(p: ReconcileProgress): string {
  const eta = p.phase === 'done' ? 'done' : p.etaMs === null ? 'ETA …' : `ETA ${formatDuration(p.etaMs)}`;
  const unit = p.phase === 'journal' ? 'journal rows' : 'members';
  return `reconcile ${p.date}: ${p.phase} ${p.done}/${p.total} ${unit}, ${eta}`;
}
