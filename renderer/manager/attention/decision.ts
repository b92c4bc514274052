/** Exception decisions (a return of a sale on which a coupon was redeemed): the choices and the note kept. */
import { defineMessages } from '@formatjs/intl';
import { englishText } from '../../../shared/i18n/translator.ts';
import type { Translate } from '../../state/locale-store.ts';

export const DECISIONS = [{ id: 'reinstated' }, { id: 'kept' }, { id: 'charged' }, { id: 'other' }] as const;
export type DecisionId = (typeof DECISIONS)[number]['id'];

/** The outcome as written into the journal note, in the language of the manager who decides (like their own words). */
const NOTES = defineMessages({
  reinstated: { id: 'manager.attention.decision.note.reinstated', defaultMessage: 'Reinstated for the member', description: 'Start of the journal note of an exception decision: the reward was given back' },
  kept: { id: 'manager.attention.decision.note.kept', defaultMessage: 'No action: member keeps the reward', description: 'Start of the journal note of an exception decision: nothing was done' },
  charged: { id: 'manager.attention.decision.note.charged', defaultMessage: 'Reward value deducted from the refund', description: 'Start of the journal note of an exception decision: the reward was charged' },
  other: { id: 'manager.attention.decision.note.other', defaultMessage: 'Other', description: "Start of the journal note of an exception decision: something else, the manager's words follow" },
});

/** The note stored for an exception decision: the chosen outcome, then the manager's words. */
export function decisionNote(decision: DecisionId, words: string, t: Translate = englishText): string {
  const outcome = t(NOTES[decision]);
  const w = words.trim();
  return w === '' ? outcome : `${outcome}. ${w}`;
}
