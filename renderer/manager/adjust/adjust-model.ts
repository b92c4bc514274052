/**
 * Manual point adjustments: the form as typed, its validation against the channel's own rules,
 * and the sentences the confirm step and the outcome show.
 */
import { defineMessages } from '@formatjs/intl';
import { entityId } from '../../../shared/api/schemas.ts';
import { englishText } from '../../../shared/i18n/translator.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { WriteOutcome } from '../../../shared/ipc/schemas/till.ts';
import type { Translate } from '../../state/locale-store.ts';

export const REASON_CODES = ['GOODWILL', 'CORRECTION', 'MISSED_AWARD', 'DUPLICATE_FIX', 'OTHER'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
/** The reason codes' names for people; the code itself is what the journal and SocialHub keep. */
export const REASON_LABELS = defineMessages({
  GOODWILL: { id: 'manager.adjust.reason.GOODWILL', defaultMessage: 'Goodwill gesture', description: 'Adjustment reason code' },
  CORRECTION: { id: 'manager.adjust.reason.CORRECTION', defaultMessage: 'Correction of a mistake', description: 'Adjustment reason code' },
  MISSED_AWARD: { id: 'manager.adjust.reason.MISSED_AWARD', defaultMessage: 'Missed award (sale not recorded)', description: 'Adjustment reason code' },
  DUPLICATE_FIX: { id: 'manager.adjust.reason.DUPLICATE_FIX', defaultMessage: 'Duplicate on SocialHub (compensating)', description: 'Adjustment reason code' },
  OTHER: { id: 'manager.adjust.reason.OTHER', defaultMessage: 'Other', description: 'Adjustment reason code' },
} satisfies Record<ReasonCode, { id: string; defaultMessage: string; description: string }>);

export const ADJUST_MESSAGES = defineMessages({
  memberMissing: { id: 'manager.adjust.error.memberMissing', defaultMessage: 'Enter the member id (scan the card or type it, e.g. mb_…).', description: 'Adjust form: member id empty' },
  memberShape: { id: 'manager.adjust.error.memberShape', defaultMessage: 'A member id is 1–64 letters, digits, _ or -.', description: 'Adjust form: member id malformed' },
  amountMissing: { id: 'manager.adjust.error.amountMissing', defaultMessage: 'Enter how many points.', description: 'Adjust form: points empty' },
  amountShape: { id: 'manager.adjust.error.amountShape', defaultMessage: 'Enter whole points, without a sign (choose give or take above).', description: 'Adjust form: points not a whole number' },
  amountZero: { id: 'manager.adjust.error.amountZero', defaultMessage: 'The number of points must not be zero.', description: 'Adjust form: zero points' },
  amountMax: { id: 'manager.adjust.error.amountMax', defaultMessage: 'At most {max, number} points at a time.', description: 'Adjust form: too many points' },
  reasonMissing: { id: 'manager.adjust.error.reasonMissing', defaultMessage: 'Choose a reason code.', description: 'Adjust form: no reason code' },
  noteShort: { id: 'manager.adjust.error.noteShort', defaultMessage: 'Write a note of at least {min} characters: why, and who asked.', description: 'Adjust form: note too short' },
  noteLong: { id: 'manager.adjust.error.noteLong', defaultMessage: 'The note is at most {max} characters.', description: 'Adjust form: note too long' },
  give: { id: 'manager.adjust.sentence.give', defaultMessage: 'Give {points, plural, one {# point} other {# points}} to {member}', description: 'Adjust confirm: the adjustment in words (points added)' },
  take: { id: 'manager.adjust.sentence.take', defaultMessage: 'Take {points, plural, one {# point} other {# points}} from {member}', description: 'Adjust confirm: the adjustment in words (points removed)' },
  confirmGive: { id: 'manager.adjust.confirm.give', defaultMessage: 'Confirm: give {points, plural, one {# point} other {# points}} to {member}', description: 'Adjust confirm: the submit button (points added)' },
  confirmTake: { id: 'manager.adjust.confirm.take', defaultMessage: 'Confirm: take {points, plural, one {# point} other {# points}} from {member}', description: 'Adjust confirm: the submit button (points removed)' },
  doneBalance: { id: 'manager.adjust.outcome.doneBalance', defaultMessage: 'Done. New balance: {balance, number} points.', description: 'Adjust outcome: confirmed, with the new balance' },
  done: { id: 'manager.adjust.outcome.done', defaultMessage: 'Done.', description: 'Adjust outcome: confirmed' },
  duplicate: { id: 'manager.adjust.outcome.duplicate', defaultMessage: 'Already recorded earlier: nothing was sent again.', description: 'Adjust outcome: the write was already on SocialHub' },
  duplicateOther: { id: 'manager.adjust.outcome.duplicateOther', defaultMessage: 'Not done: this form’s reference already belongs to journal entry #{id} ({earlier}). Check the form and send it again.', description: 'Adjust outcome: the reference was used by an earlier, different adjustment; nothing of this form was recorded. earlier is a sentence like "Give 100 points to mb_42"' },
  queued: { id: 'manager.adjust.outcome.queued', defaultMessage: 'SocialHub cannot be reached: queued, it will be sent automatically. Do not enter it again.', description: 'Adjust outcome: offline, queued' },
  checking: { id: 'manager.adjust.outcome.checking', defaultMessage: 'The outcome is unknown and is being checked with SocialHub. Do not enter it again.', description: 'Adjust outcome: unknown, being verified' },
  needsAttention: { id: 'manager.adjust.outcome.needsAttention', defaultMessage: 'Needs attention: see the Needs attention tab.', description: 'Adjust outcome: needs a manager' },
  rejected: { id: 'manager.adjust.outcome.rejected', defaultMessage: 'SocialHub refused it.', description: 'Adjust outcome: refused by SocialHub' },
});

export const POINTS_MAX = 1_000_000;
export const NOTE_MIN = 5;
export const NOTE_MAX = 500;

export interface AdjustDraft {
  memberId: string;
  direction: 'give' | 'take';
  /** Whole points as typed, without a sign: the direction gives the sign. */
  amount: string;
  reasonCode: ReasonCode | '';
  note: string;
}

export const EMPTY_ADJUST: AdjustDraft = { memberId: '', direction: 'give', amount: '', reasonCode: '', note: '' };

/** An adjustment as the form (or a reconciliation duplicate) describes it. */
export interface AdjustFields {
  memberId: string;
  points: number;
  reasonCode: ReasonCode;
  note: string;
}

/** What is sent: the fields and the form's reference, which main records once however often it comes. */
export interface AdjustRequest extends AdjustFields {
  ref: string;
}

/** A new form's reference (the channel allows 8–48 letters, digits, _ or -; a UUID is 36). */
export function newAdjustRef(): string {
  return globalThis.crypto.randomUUID();
}

export type AdjustField = 'memberId' | 'amount' | 'reasonCode' | 'note';
export type AdjustValidation = { ok: true; request: AdjustFields } | { ok: false; errors: Partial<Record<AdjustField, string>> };

/**
 * Whole points from what was typed ("1 200", "1,200" and "1200" are the same), or null. A dot is
 * never a group separator here: "1.5" is refused rather than read as 15.
 */
export function parsePoints(text: string): number | null {
  const t = text.trim();
  let digits: string;
  if (/^\d+$/.test(t)) digits = t;
  else if (/^\d{1,3}(?:[ ,\u00a0'’]\d{3})+$/.test(t)) digits = t.replace(/\D/g, '');
  else return null;
  if (digits.length > 7) return null;
  return Number(digits);
}

export function validateAdjust(d: AdjustDraft, t: Translate = englishText): AdjustValidation {
  const errors: Partial<Record<AdjustField, string>> = {};
  const memberId = d.memberId.trim();
  if (memberId === '') errors.memberId = t(ADJUST_MESSAGES.memberMissing);
  else if (!entityId.safeParse(memberId).success) errors.memberId = t(ADJUST_MESSAGES.memberShape);
  const n = parsePoints(d.amount);
  if (d.amount.trim() === '') errors.amount = t(ADJUST_MESSAGES.amountMissing);
  else if (n === null) errors.amount = t(ADJUST_MESSAGES.amountShape);
  else if (n === 0) errors.amount = t(ADJUST_MESSAGES.amountZero);
  else if (n > POINTS_MAX) errors.amount = t(ADJUST_MESSAGES.amountMax, { max: POINTS_MAX });
  if (d.reasonCode === '') errors.reasonCode = t(ADJUST_MESSAGES.reasonMissing);
  const note = d.note.trim();
  if (note.length < NOTE_MIN) errors.note = t(ADJUST_MESSAGES.noteShort, { min: NOTE_MIN });
  else if (note.length > NOTE_MAX) errors.note = t(ADJUST_MESSAGES.noteLong, { max: NOTE_MAX });
  if (Object.keys(errors).length > 0 || n === null || d.reasonCode === '') return { ok: false, errors };
  return { ok: true, request: { memberId, points: d.direction === 'take' ? -n : n, reasonCode: d.reasonCode, note } };
}

/** "Give 120 points to mb_42" / "Take 120 points from mb_42": the sign in words, not a minus. */
export function adjustSentence(points: number, memberId: string, t: Translate = englishText): string {
  return t(points < 0 ? ADJUST_MESSAGES.take : ADJUST_MESSAGES.give, { points: Math.abs(points), member: memberId });
}

/** The submit button: "Confirm: take 120 points from mb_42". */
export function confirmLabel(points: number, memberId: string, t: Translate = englishText): string {
  return t(points < 0 ? ADJUST_MESSAGES.confirmTake : ADJUST_MESSAGES.confirmGive, { points: Math.abs(points), member: memberId });
}

export interface OutcomeView {
  tone: 'ok' | 'wait' | 'bad';
  title: string;
}

/** Whether two forms ask for the same adjustment (the note aside: a corrected note is the same intent). */
export function sameAdjustment(a: Omit<AdjustFields, 'note'>, b: Omit<AdjustFields, 'note'>): boolean {
  return a.memberId === b.memberId && a.points === b.points && a.reasonCode === b.reasonCode;
}

/**
 * The earlier journal entry a `duplicate` answer hands back when it is another adjustment than the
 * one sent (the reference was reused), or null: then this request was not recorded at all.
 */
export function otherAdjustment(o: Pick<WriteOutcome, 'status'> & { row?: JournalRow | null }, request: AdjustFields | undefined): JournalRow | null {
  if (o.status !== 'duplicate' || request === undefined || o.row === undefined || o.row === null) return null;
  const r = o.row;
  return r.memberId === request.memberId && r.amount === request.points && r.reasonCode === request.reasonCode ? null : r;
}

/** How a write's outcome reads for the manager; with the request, a duplicate of another adjustment reads as not done. */
export function outcomeView(o: Pick<WriteOutcome, 'status' | 'balance'> & { row?: JournalRow | null }, t: Translate = englishText, request?: AdjustFields): OutcomeView {
  switch (o.status) {
    case 'confirmed':
      return { tone: 'ok', title: o.balance !== null ? t(ADJUST_MESSAGES.doneBalance, { balance: o.balance }) : t(ADJUST_MESSAGES.done) };
    case 'duplicate': {
      const other = otherAdjustment(o, request);
      if (other !== null) return { tone: 'bad', title: t(ADJUST_MESSAGES.duplicateOther, { id: other.id, earlier: adjustSentence(other.amount, other.memberId, t) }) };
      return { tone: 'ok', title: t(ADJUST_MESSAGES.duplicate) };
    }
    case 'queued':
      return { tone: 'wait', title: t(ADJUST_MESSAGES.queued) };
    case 'checking':
      return { tone: 'wait', title: t(ADJUST_MESSAGES.checking) };
    case 'needs-attention':
      return { tone: 'bad', title: t(ADJUST_MESSAGES.needsAttention) };
    case 'rejected':
      return { tone: 'bad', title: t(ADJUST_MESSAGES.rejected) };
  }
}
