/** Exception decisions (a return of a sale on which a coupon was redeemed): the choices and the note kept. */

export const DECISIONS = [
  { id: 'reinstated', text: 'Reinstated for the member' },
  { id: 'kept', text: 'No action: member keeps the reward' },
  { id: 'charged', text: 'Reward value deducted from the refund' },
  { id: 'other', text: 'Other' },
] as const;
export type DecisionId = (typeof DECISIONS)[number]['id'];

/** The note stored for an exception decision: the chosen outcome, then the manager's words. */
export function decisionNote(decision: DecisionId, words: string): string {
  const d = DECISIONS.find((x) => x.id === decision);
  const w = words.trim();
  return d === undefined ? w : w === '' ? d.text : `${d.text}. ${w}`;
}
