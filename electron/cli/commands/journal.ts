/** `journal [--state s] [--kind k] [--search prefix] [--limit n]`: newest rows first, plus queue stats. */
import { JOURNAL_KINDS, JOURNAL_STATES, isJournalKind, isJournalState } from '../../core/journal/index.ts';
import type { JournalKind, JournalState } from '../../core/journal/index.ts';
import type { Command } from '../command.ts';
import { flag } from '../command.ts';
import { positiveInt } from '../config.ts';
import { EXIT, usageError } from '../errors.ts';

export const journalCommand: Command = {
  name: 'journal',
  summary: 'list journal rows, newest first, with the unfinished-queue stats',
  usage: 'socialhub-till journal [--state STATE[,STATE]] [--kind KIND[,KIND]] [--search PREFIX] [--limit N]',
  help: `States: ${JOURNAL_STATES.join(', ')}. Kinds: ${JOURNAL_KINDS.join(', ')}. --limit 1–200 (default 50).\nNeeds --journal (it must exist).`,
  options: { state: { type: 'string' }, kind: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string' } },
  // eslint-disable-next-line @typescript-eslint/require-await -- every command's run is async
  async run(ctx) {
    const states = list(flag(ctx, 'state'), '--state', isJournalState) as JournalState[] | undefined;
    const kinds = list(flag(ctx, 'kind'), '--kind', isJournalKind) as JournalKind[] | undefined;
    const limitText = flag(ctx, 'limit');
    const limit = limitText === undefined ? 50 : positiveInt(limitText, '--limit', 200);
    const search = flag(ctx, 'search');
    if (search !== undefined && search.length > 64) throw usageError('--search must be at most 64 characters');
    const journal = ctx.journal({ mustExist: true });
    const filter = { ...(states && { states }), ...(kinds && { kinds }), ...(search !== undefined && { search }) };
    const page = journal.query({ ...filter, limit });
    return { output: { rows: page.rows, total: journal.count(filter), stats: journal.stats() }, exitCode: EXIT.ok };
  },
};

function list(value: string | undefined, name: string, valid: (v: string) => boolean): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim());
  const bad = items.find((s) => !valid(s));
  if (bad !== undefined) throw usageError(`${name}: unknown value "${bad.slice(0, 40)}"`);
  return items;
}
