/**
 * Manual point adjustments: the form as typed, its validation against the channel's own rules,
 * and the sentences the confirm step and the outcome show.
 */
import { entityId } from '../../../shared/api/schemas.ts';
import type { WriteOutcome } from '../../../shared/ipc/schemas/till.ts';

export const REASON_CODES = ['GOODWILL', 'CORRECTION', 'MISSED_AWARD', 'DUPLICATE_FIX', 'OTHER'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];
export const REASON_LABELS: Readonly<Record<ReasonCode, string>> = {
  GOODWILL: 'Goodwill gesture',
  CORRECTION: 'Correction of a mistake',
  MISSED_AWARD: 'Missed award (sale not recorded)',
  DUPLICATE_FIX: 'Duplicate on SocialHub (compensating)',
  OTHER: 'Other',
};

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

export interface AdjustRequest {
  memberId: string;
  points: number;
  reasonCode: ReasonCode;
  note: string;
}

export type AdjustField = 'memberId' | 'amount' | 'reasonCode' | 'note';
export type AdjustValidation = { ok: true; request: AdjustRequest } | { ok: false; errors: Partial<Record<AdjustField, string>> };

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

export function validateAdjust(d: AdjustDraft): AdjustValidation {
  const errors: Partial<Record<AdjustField, string>> = {};
  const memberId = d.memberId.trim();
  if (memberId === '') errors.memberId = 'Enter the member id (scan the card or type it, e.g. mb_…).';
  else if (!entityId.safeParse(memberId).success) errors.memberId = 'A member id is 1–64 letters, digits, _ or -.';
  const n = parsePoints(d.amount);
  if (d.amount.trim() === '') errors.amount = 'Enter how many points.';
  else if (n === null) errors.amount = 'Enter whole points, without a sign (choose give or take above).';
  else if (n === 0) errors.amount = 'The number of points must not be zero.';
  else if (n > POINTS_MAX) errors.amount = `At most ${POINTS_MAX.toLocaleString()} points at a time.`;
  if (d.reasonCode === '') errors.reasonCode = 'Choose a reason code.';
  const note = d.note.trim();
  if (note.length < NOTE_MIN) errors.note = `Write a note of at least ${NOTE_MIN} characters: why, and who asked.`;
  else if (note.length > NOTE_MAX) errors.note = `The note is at most ${NOTE_MAX} characters.`;
  if (Object.keys(errors).length > 0 || n === null || d.reasonCode === '') return { ok: false, errors };
  return { ok: true, request: { memberId, points: d.direction === 'take' ? -n : n, reasonCode: d.reasonCode, note } };
}

/** "Give 120 points to mb_42" / "Take 120 points from mb_42": the sign in words, not a minus. */
export function adjustSentence(points: number, memberId: string): string {
  const n = Math.abs(points).toLocaleString();
  const unit = Math.abs(points) === 1 ? 'point' : 'points';
  return points < 0 ? `Take ${n} ${unit} from ${memberId}` : `Give ${n} ${unit} to ${memberId}`;
}

export interface OutcomeView {
  tone: 'ok' | 'wait' | 'bad';
  title: string;
}

/** How a write's outcome reads for the manager. */
export function outcomeView(o: Pick<WriteOutcome, 'status' | 'balance'>): OutcomeView {
  switch (o.status) {
    case 'confirmed':
      return { tone: 'ok', title: o.balance !== null ? `Done. New balance: ${o.balance.toLocaleString()} points.` : 'Done.' };
    case 'duplicate':
      return { tone: 'ok', title: 'Already recorded earlier: nothing was sent again.' };
    case 'queued':
      return { tone: 'wait', title: 'SocialHub cannot be reached: queued, it will be sent automatically. Do not enter it again.' };
    case 'checking':
      return { tone: 'wait', title: 'The outcome is unknown and is being checked with SocialHub. Do not enter it again.' };
    case 'needs-attention':
      return { tone: 'bad', title: 'Needs attention: see the Needs attention tab.' };
    case 'rejected':
      return { tone: 'bad', title: 'SocialHub refused it.' };
  }
}
