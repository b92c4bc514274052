/**
 * Caller errors: the input cannot become a write. The English `message` stays for logs and the
 * CLI; `localized` is the same sentence as a catalogue id so the till shows it in its language.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { englishText, localize, type LocalizedText } from '../../../shared/i18n/translator.ts';

export class EngineInputError extends Error {
  override name = 'EngineInputError';
  readonly localized: LocalizedText | undefined;

  constructor(message: string, localized?: LocalizedText) {
    super(message);
    this.localized = localized;
  }
}

/** An input refusal people read: English message and catalogue id from one descriptor. */
export function engineInputError(message: MessageDescriptor & { id: string }, values?: Record<string, string | number>): EngineInputError {
  return new EngineInputError(englishText(message, values), localize(message, values));
}

/** The ids `checkId` names (a select in the message, so each language names the field itself). */
export type IdField = 'memberId' | 'reasonCode' | 'ref' | 'returnId' | 'posTxnId' | 'couponId';

export const ENGINE_INPUT_MESSAGES = defineMessages({
  badId: {
    id: 'engine.input.badId',
    defaultMessage:
      'The {field, select, memberId {member id} reasonCode {reason code} ref {adjustment reference} returnId {return id} posTxnId {POS transaction id} couponId {coupon id} other {id}} {value} is not valid: use 1–64 letters, digits, _ or -.',
    description: 'An id typed or sent is malformed; {value} is what was given, in quotes',
  },
  badBusinessDate: { id: 'engine.input.badBusinessDate', defaultMessage: 'The business date {value} must be a real date in YYYY-MM-DD form.', description: 'A business date is not a real YYYY-MM-DD date; {value} is what was given' },
  minorUnits: {
    id: 'engine.input.minorUnits',
    defaultMessage: 'The {field, select, saleTotal {sale total} returnedAmount {returned amount} other {amount}} must be a whole number of minor units (cents), 0 or more.',
    description: 'An amount sent to the engine is not a whole number of minor units',
  },
  awardPoints: { id: 'engine.input.awardPoints', defaultMessage: 'Points must be a whole number from 1 to {max, number}.', description: 'Award refused: points out of range' },
  pointsOrTotal: { id: 'engine.input.pointsOrTotal', defaultMessage: 'Give the points to award (or a sale total, when the till has an earning rule).', description: 'Award refused: neither points nor a usable sale total' },
  saleUnusable: { id: 'engine.input.saleUnusable', defaultMessage: 'The points for this sale cannot be worked out from its total. Check the total, or give the points instead.', description: 'Award refused: the earning rule cannot use the sale total (too large, bad rule)' },
  earnsNothing: { id: 'engine.input.earnsNothing', defaultMessage: 'This sale earns no points, so there is nothing to award.', description: 'Award refused: the sale earns 0 points' },
  adjustPoints: {
    id: 'engine.input.adjustPoints',
    defaultMessage: 'An adjustment must be a whole number of points, not zero, at most {max, number} either way.',
    description: 'Manager adjustment refused: points zero, fractional or too large',
  },
  adjustRef: {
    id: 'engine.input.adjustRef',
    defaultMessage: 'This adjustment has no reference, so it was not sent: a resent form could otherwise adjust twice. Submit it again from the form.',
    description: 'Manager adjustment refused: the caller sent no exactly-once reference (an old screen or a bug)',
  },
  adjustNote: { id: 'engine.input.adjustNote', defaultMessage: 'Write a note (up to {max, number} characters) saying why.', description: 'Manager adjustment refused: the note is empty or too long' },
  clawbackPoints: { id: 'engine.input.clawbackPoints', defaultMessage: 'Give the points to take back as a whole number of 1 or more.', description: 'Return refused: points to take back are not a whole number ≥ 1' },
  clawbackAmount: { id: 'engine.input.clawbackAmount', defaultMessage: 'Give the returned amount (or the points to take back).', description: 'Return refused: no returned amount and no points' },
});
