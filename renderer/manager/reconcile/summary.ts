/**
 * End-of-day reconciliation as the manager reads it: four sections with counts and point totals,
 * the overall difference, progress wording, and the compensating adjustment for a duplicate.
 */
import type { z } from 'zod';
import type { ReconcileReport, reconcileProgressSchema } from '../../../shared/ipc/schemas/till.ts';
import type { AdjustRequest } from '../adjust/adjust-model.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { NOTE_MAX } from '../adjust/adjust-model.ts';
import { formatCount, formatDuration, formatPoints } from '../format.ts';

export type ReconcileProgress = z.output<typeof reconcileProgressSchema>;
export type ReconcileItem = ReconcileReport['matched'][number];
export type DuplicateItem = ReconcileReport['duplicatedOnServer'][number];

export type SectionId = 'matched' | 'missing' | 'duplicated' | 'unexpected';

export interface ReconcileSection {
  id: SectionId;
  title: string;
  explanation: string;
  tone: 'ok' | 'warn' | 'bad';
  count: number;
  /** Sum of the items' points (for duplicates: the extra points SocialHub holds). */
  points: number;
  items: readonly ReconcileItem[] | readonly DuplicateItem[];
}

export interface ReconcileSummary {
  sections: readonly ReconcileSection[];
  journalPoints: number;
  serverPoints: number;
  /** serverPoints − journalPoints. */
  difference: number;
  differenceText: string;
  allClear: boolean;
  incomplete: ReconcileReport['incomplete'];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function summarise(r: ReconcileReport): ReconcileSummary {
  const sections: ReconcileSection[] = [
    {
      id: 'matched',
      title: 'Matched',
      explanation: 'Confirmed here and found once on SocialHub.',
      tone: 'ok',
      count: r.matched.length,
      points: sum(r.matched.map((i) => i.amount)),
      items: r.matched,
    },
    {
      id: 'missing',
      title: 'Missing on SocialHub',
      explanation: 'Confirmed here but not found in the ledger.',
      tone: r.missingOnServer.length > 0 ? 'bad' : 'ok',
      count: r.missingOnServer.length,
      points: sum(r.missingOnServer.map((i) => i.amount)),
      items: r.missingOnServer,
    },
    {
      id: 'duplicated',
      title: 'Duplicated on SocialHub',
      explanation: "Two or more ledger entries carry one sale's token: the member got the points more than once.",
      tone: r.duplicatedOnServer.length > 0 ? 'bad' : 'ok',
      count: r.duplicatedOnServer.length,
      points: sum(r.duplicatedOnServer.map((i) => i.extraPoints)),
      items: r.duplicatedOnServer,
    },
    {
      id: 'unexpected',
      title: 'On SocialHub but unknown here',
      explanation: 'Ledger entries for this store and day that this till did not write (another till, the portal, or a lost journal).',
      tone: r.unexpectedOnServer.length > 0 ? 'warn' : 'ok',
      count: r.unexpectedOnServer.length,
      points: sum(r.unexpectedOnServer.map((i) => i.amount)),
      items: r.unexpectedOnServer,
    },
  ];
  const difference = r.totals.serverPoints - r.totals.journalPoints;
  const differenceText =
    difference === 0
      ? 'SocialHub and the journal agree on the points.'
      : difference > 0
        ? `SocialHub holds ${formatCount(difference)} more points than the journal.`
        : `SocialHub holds ${formatCount(-difference)} fewer points than the journal.`;
  return {
    sections,
    journalPoints: r.totals.journalPoints,
    serverPoints: r.totals.serverPoints,
    difference,
    differenceText,
    allClear: sections.every((s) => s.id === 'matched' || s.count === 0) && r.incomplete.length === 0,
    incomplete: r.incomplete,
  };
}

/** "12 entries · +1,240 points" */
export function sectionTotalText(s: ReconcileSection): string {
  const what = s.id === 'duplicated' ? 'extra points' : 'points';
  return `${formatCount(s.count)} ${s.count === 1 ? 'entry' : 'entries'} · ${formatPoints(s.points)} ${what}`;
}

const PHASES: Readonly<Record<ReconcileProgress['phase'], string>> = {
  journal: 'Reading the journal',
  ledger: "Reading SocialHub's ledger",
  done: 'Finishing',
};

export function progressText(p: ReconcileProgress): string {
  const of = p.total > 0 ? `: ${formatCount(p.done)} of ${formatCount(p.total)}` : '';
  const eta = p.etaMs !== null && p.etaMs > 0 && p.phase !== 'done' ? ` (about ${formatDuration(p.etaMs)} left)` : '';
  return `${PHASES[p.phase]}${of}${eta}`;
}

/** 0…1, or null while the total is not known yet. */
export function progressFraction(p: ReconcileProgress): number | null {
  if (p.phase === 'done') return 1;
  if (p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/** The adjustment that takes back what a duplicate gave: −extraPoints, DUPLICATE_FIX, a note naming the evidence. */
export function duplicateAdjustment(item: DuplicateItem, date: string): AdjustRequest {
  const ref = item.token ?? item.description;
  const note = `Duplicate on SocialHub for ${date}: ${ref}; ledger entries ${item.serverTxnIds.join(', ')}${item.journalId !== null ? `; journal #${item.journalId}` : ''}`;
  return {
    memberId: item.memberId,
    points: -Math.abs(item.extraPoints),
    reasonCode: 'DUPLICATE_FIX',
    note: note.length > NOTE_MAX ? `${note.slice(0, NOTE_MAX - 1)}…` : note,
  };
}

/**
 * Whether a journal row is a compensating adjustment already made for this duplicate: an
 * adjustment for the member, with the DUPLICATE_FIX reason (in its reason code or its ledger
 * description) and the duplicate's token in its note.
 */
export function isCompensationFor(row: Pick<JournalRow, 'kind' | 'memberId' | 'reasonCode' | 'description' | 'note'>, memberId: string, ref: string): boolean {
  if (row.kind !== 'adjustment' || row.memberId !== memberId) return false;
  const duplicateFix = row.reasonCode === 'DUPLICATE_FIX' || row.description.includes('DUPLICATE_FIX');
  return duplicateFix && (row.note ?? '').includes(ref);
}
