/**
 * The From / To (inclusive) pair of the console's filters (transactions, API activity) as epoch
 * bounds of whole local days, or which field is wrong and why (a message for the view to
 * translate). Empty fields leave their bound out.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { dayWindow, isBusinessDate } from '../../shared/time/business-day.ts';

export const RANGE_MESSAGES = defineMessages({
  badFrom: { id: 'manager.transactions.dates.badFrom', defaultMessage: 'Enter the start date as a calendar date.', description: 'The From date is not a date' },
  badTo: { id: 'manager.transactions.dates.badTo', defaultMessage: 'Enter the end date as a calendar date.', description: 'The To date is not a date' },
  reversed: { id: 'manager.transactions.dates.reversed', defaultMessage: 'The end date is before the start date.', description: 'To is before From' },
});

/** Why a filter cannot be sent: the field to mark and the message (with its values) to show there. */
export interface FieldProblem<F extends string> {
  ok: false;
  field: F;
  message: MessageDescriptor;
  values?: Record<string, string | number>;
}

export type DayRange = { ok: true; from?: number; to?: number } | FieldProblem<'fromDate' | 'toDate'>;

export function dayRange(fromDate: string, toDate: string): DayRange {
  const range: { ok: true; from?: number; to?: number } = { ok: true };
  if (fromDate !== '') {
    if (!isBusinessDate(fromDate)) return { ok: false, field: 'fromDate', message: RANGE_MESSAGES.badFrom };
    range.from = dayWindow(fromDate).start;
  }
  if (toDate !== '') {
    if (!isBusinessDate(toDate)) return { ok: false, field: 'toDate', message: RANGE_MESSAGES.badTo };
    range.to = dayWindow(toDate).end;
  }
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) return { ok: false, field: 'toDate', message: RANGE_MESSAGES.reversed };
  return range;
}
