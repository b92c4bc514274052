/** The detail drawer's rules and wording, kept pure for tests. */
import { defineMessages } from '@formatjs/intl';
import { englishText } from '../../../shared/i18n/translator.ts';
import { formatAmount } from '../../../shared/money.ts';
import type { Translate } from '../../state/locale-store.ts';

export const RESOLVE_MIN = 5;
export const RESOLVE_MAX = 1000;

const MESSAGES = defineMessages({
  short: {
    id: 'manager.transactions.detail.reasonShort',
    defaultMessage: 'Write a reason of at least {min} characters (what was checked, what was done).',
    description: 'The resolve or re-queue reason is too short',
  },
  long: { id: 'manager.transactions.detail.reasonLong', defaultMessage: 'The reason is at most {max} characters.', description: 'The reason is too long' },
});

/** What to say when a reason is too short, or null when it will do. */
export function resolveReasonProblem(reason: string, t: Translate = englishText): string | null {
  const n = reason.trim().length;
  if (n < RESOLVE_MIN) return t(MESSAGES.short, { min: RESOLVE_MIN });
  if (n > RESOLVE_MAX) return t(MESSAGES.long, { max: RESOLVE_MAX });
  return null;
}

/**
 * A row's sale and return totals for people: minor units of the store's currency (the journal
 * keeps no currency per row), so a yen store shows no decimals and a dinar store three.
 */
export function rowTotals(row: { saleTotal: number | null; returnTotal: number | null }, currency: string, locale: string): { sale: string | null; returned: string | null } {
  return {
    sale: row.saleTotal !== null ? formatAmount(row.saleTotal, currency, locale) : null,
    returned: row.returnTotal !== null ? formatAmount(row.returnTotal, currency, locale) : null,
  };
}
