/**
 * End-of-day reconciliation as the manager reads it: four sections with counts and point totals,
 * the overall difference, progress wording, and the compensating adjustment for a duplicate.
 */
import type { z } from 'zod';
import type { ReconcileReport, reconcileProgressSchema } from '../../../shared/ipc/schemas/till.ts';
import type { AdjustFields } from '../adjust/adjust-model.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { NOTE_MAX } from '../adjust/adjust-model.ts';
import { fmtDuration, fmtSigned } from '../../app/format.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';

import type { Translate } from '../../state/locale-store.ts';
import { defineMessages } from '@formatjs/intl';

export type ReconcileProgress = z.output<typeof reconcileProgressSchema>;
export type ReconcileItem = ReconcileReport['matched'][number];
export type DuplicateItem = ReconcileReport['duplicatedOnServer'][number];

export type SectionId = 'matched' | 'missing' | 'duplicated' | 'unexpected';

export interface ReconcileSection {
  id: SectionId;
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
  allClear: boolean;
  incomplete: ReconcileReport['incomplete'];
}

const TITLES = defineMessages({
  matched: { id: 'manager.reconcile.section.matched', defaultMessage: 'Matched', description: 'Reconciliation section: confirmed here and once on SocialHub' },
  missing: { id: 'manager.reconcile.section.missing', defaultMessage: 'Missing on SocialHub', description: 'Reconciliation section: confirmed here, not in the ledger' },
  duplicated: { id: 'manager.reconcile.section.duplicated', defaultMessage: 'Duplicated on SocialHub', description: 'Reconciliation section: one sale in the ledger more than once' },
  unexpected: { id: 'manager.reconcile.section.unexpected', defaultMessage: 'On SocialHub but unknown here', description: 'Reconciliation section: in the ledger, not written by this till' },
});

const EXPLANATIONS = defineMessages({
  matched: { id: 'manager.reconcile.explain.matched', defaultMessage: 'Confirmed here and found once on SocialHub.', description: 'What the Matched section holds' },
  missing: { id: 'manager.reconcile.explain.missing', defaultMessage: 'Confirmed here but not found in the ledger.', description: 'What the Missing section holds' },
  duplicated: {
    id: 'manager.reconcile.explain.duplicated',
    defaultMessage: "Two or more ledger entries carry one sale's token: the member got the points more than once.",
    description: 'What the Duplicated section holds',
  },
  unexpected: {
    id: 'manager.reconcile.explain.unexpected',
    defaultMessage: 'Ledger entries for this store and day that this till did not write (another till, the portal, or a lost journal).',
    description: 'What the Unknown-here section holds',
  },
});

const M = defineMessages({
  duplicateNote: {
    id: 'manager.reconcile.duplicateNote',
    defaultMessage: 'Duplicate on SocialHub for {date}: {ref}; ledger entries {entries}{journal, select, none {} other {; journal #{journal}}}',
    description: 'Note of the adjustment that takes back a duplicate (the manager sees and may edit it); {ref} is the sale marker, {entries} SocialHub ledger ids',
  },
  agree: { id: 'manager.reconcile.difference.agree', defaultMessage: 'SocialHub and the journal agree on the points.', description: 'No point difference between SocialHub and the journal' },
  more: { id: 'manager.reconcile.difference.more', defaultMessage: 'SocialHub holds {points, number} more points than the journal.', description: 'SocialHub holds more points than the journal' },
  fewer: { id: 'manager.reconcile.difference.fewer', defaultMessage: 'SocialHub holds {points, number} fewer points than the journal.', description: 'SocialHub holds fewer points than the journal' },
  sectionTotal: {
    id: 'manager.reconcile.sectionTotal',
    defaultMessage: '{count, plural, one {# entry} other {# entries}} · {points} {extra, select, yes {extra points} other {points}}',
    description: 'Count and signed point total of a reconciliation section; extra=yes for duplicates',
  },
  journal: { id: 'manager.reconcile.phase.journal', defaultMessage: 'Reading the journal', description: 'Reconciliation progress phase' },
  ledger: { id: 'manager.reconcile.phase.ledger', defaultMessage: "Reading SocialHub's ledger", description: 'Reconciliation progress phase' },
  done: { id: 'manager.reconcile.phase.done', defaultMessage: 'Finishing', description: 'Reconciliation progress phase' },
  progressOf: { id: 'manager.reconcile.progress.of', defaultMessage: '{phase}: {done, number} of {total, number}', description: 'Progress: phase, then items done of the total' },
  progressEta: { id: 'manager.reconcile.progress.eta', defaultMessage: '{text} (about {left} left)', description: 'Progress text followed by the time left (e.g. "2 min")' },
});

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function section(id: SectionId, problemTone: ReconcileSection['tone'], items: ReconcileSection['items'], points: (i: DuplicateItem & ReconcileItem) => number): ReconcileSection {
  const list = items as readonly (DuplicateItem & ReconcileItem)[];
  return { id, tone: list.length > 0 ? problemTone : 'ok', count: list.length, points: sum(list.map(points)), items };
}

export function summarise(r: ReconcileReport): ReconcileSummary {
  const amount = (i: ReconcileItem) => i.amount;
  const sections = [
    section('matched', 'ok', r.matched, amount),
    section('missing', 'bad', r.missingOnServer, amount),
    section('duplicated', 'bad', r.duplicatedOnServer, (i) => i.extraPoints),
    section('unexpected', 'warn', r.unexpectedOnServer, amount),
  ];
  return {
    sections,
    journalPoints: r.totals.journalPoints,
    serverPoints: r.totals.serverPoints,
    difference: r.totals.serverPoints - r.totals.journalPoints,
    allClear: sections.every((s) => s.id === 'matched' || s.count === 0) && r.incomplete.length === 0,
    incomplete: r.incomplete,
  };
}

export function sectionTitle(id: SectionId, t: Translate): string {
  return t(TITLES[id]);
}

export function sectionExplanation(id: SectionId, t: Translate): string {
  return t(EXPLANATIONS[id]);
}

/** How SocialHub's points stand against the journal's. */
export function differenceText(difference: number, t: Translate): string {
  if (difference === 0) return t(M.agree);
  return difference > 0 ? t(M.more, { points: difference }) : t(M.fewer, { points: -difference });
}

/** "12 entries · +1,240 points" */
export function sectionTotalText(s: ReconcileSection, t: Translate, tr: Translator): string {
  return t(M.sectionTotal, { count: s.count, points: fmtSigned(s.points, tr), extra: s.id === 'duplicated' ? 'yes' : 'no' });
}

export function progressText(p: ReconcileProgress, t: Translate, tr: Translator): string {
  const phase = t(M[p.phase]);
  const text = p.total > 0 ? t(M.progressOf, { phase, done: p.done, total: p.total }) : phase;
  return p.etaMs !== null && p.etaMs > 0 && p.phase !== 'done' ? t(M.progressEta, { text, left: fmtDuration(p.etaMs, tr) }) : text;
}

/** 0…1, or null while the total is not known yet. */
export function progressFraction(p: ReconcileProgress): number | null {
  if (p.phase === 'done') return 1;
  if (p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/**
 * The adjustment that takes back what a duplicate gave: −extraPoints (or what is left of it), DUPLICATE_FIX, a note naming
 * the evidence. The note is for people (the manager edits it before sending), so it is in the
 * console's language; a later run finds it again by the marker `ref`, which any language keeps.
 */
export function duplicateAdjustment(item: DuplicateItem, date: string, t: Translate, points = -Math.abs(item.extraPoints)): AdjustFields {
  const ref = item.token ?? item.description;
  const note = t(M.duplicateNote, { date, ref, entries: item.serverTxnIds.join(', '), journal: item.journalId ?? 'none' });
  return {
    memberId: item.memberId,
    points,
    reasonCode: 'DUPLICATE_FIX',
    note: note.length > NOTE_MAX ? `${note.slice(0, NOTE_MAX - 1)}…` : note,
  };
}

/**
 * The reference of a duplicate's compensation, the same on every console and after a restart
 * (from the business day, the member, the duplicate's token and how many copies SocialHub holds),
 * so compensating it again is recorded once, while a duplicate that grew (a third copy after the
 * second was taken back) gets a reference not used yet: `dupfix-20260314-<16 hex of SHA-256>-c3`.
 */
export async function compensationRef(item: Pick<DuplicateItem, 'memberId' | 'token' | 'description' | 'serverTxnIds'>, date: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${item.memberId}|${item.token ?? item.description}`));
  const hex = [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `dupfix-${date.replaceAll('-', '')}-${hex}-c${item.serverTxnIds.length}`;
}

/** Main keeps an adjustment's reference in its journal row as `adj-<ref>`. */
const journalRef = (ref: string): string => `adj-${ref}`;

/** A duplicate's references share the part before the copy count (older ones had none). */
const stemOf = (base: string): string => journalRef(base.replace(/-c\d+$/, ''));

/** Whether a journal reference is one of this duplicate's compensations (any copy count, any retry). */
const underStem = (ref: string | null, base: string): boolean => ref !== null && (ref === stemOf(base) || ref.startsWith(`${stemOf(base)}-`));

export interface NextCompensation {
  ref: string;
  /** Points to send (negative: taken back). */
  points: number;
  /** Points still to take back after the compensations recorded under the duplicate's references and not refused. */
  outstanding: number;
}

/**
 * The next compensation of a duplicate giving `extraPoints` too many. What the earlier ones under
 * its references took back (refused ones took nothing) is deducted; the rest is sent under the first
 * of `base`, `base-r1`, `base-r2`… not used yet, so every console and restart picks the same one.
 * Nothing outstanding: the last one is sent again under its own reference and comes back `duplicate`.
 */
export function nextCompensation(base: string, extraPoints: number, earlier: readonly Pick<JournalRow, 'ref' | 'state' | 'amount'>[]): NextCompensation {
  const mine = earlier.filter((r) => underStem(r.ref, base));
  const taken = mine.filter((r) => r.state !== 'rejected').reduce((sum, r) => sum - r.amount, 0);
  const outstanding = Math.max(0, Math.abs(extraPoints) - taken);
  if (outstanding === 0) {
    const last = mine.filter((r) => r.state !== 'rejected').at(-1);
    if (last?.ref != null) return { ref: last.ref.slice(journalRef('').length), points: last.amount, outstanding };
  }
  let n = 0;
  const at = (i: number): string => (i === 0 ? base : `${base}-r${i}`);
  while (mine.some((r) => r.ref === journalRef(at(n)))) n++;
  return { ref: at(n), points: -outstanding, outstanding };
}

/**
 * Whether a journal row is a compensating adjustment already made for this duplicate: one sent
 * under one of its references (`base` whatever its copy count, and its retries), or an adjustment for the member with the DUPLICATE_FIX reason (in
 * its reason code or its ledger description) and the duplicate's token in its note.
 */
export function isCompensationFor(
  row: Pick<JournalRow, 'kind' | 'memberId' | 'reasonCode' | 'description' | 'note' | 'ref'>,
  memberId: string,
  token: string,
  base?: string,
): boolean {
  if (row.kind !== 'adjustment' || row.memberId !== memberId) return false;
  if (base !== undefined && underStem(row.ref, base)) return true;
  const duplicateFix = row.reasonCode === 'DUPLICATE_FIX' || row.description.includes('DUPLICATE_FIX');
  return duplicateFix && (row.note ?? '').includes(token);
}
