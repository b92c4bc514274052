/**
 * The CSV header row in a person's language, only when the manager asks for it (`--header-language`).
 * The data columns never change: ISO dates, dot decimals, English machine names by default, so
 * an ERP import keeps working whatever language the till speaks.
 */
import { defineMessages } from '@formatjs/intl';
import { createTranslator } from '../../../shared/i18n/translator.ts';

export const CSV_COLUMN_MESSAGES = defineMessages({
  member_id: { id: 'csv.column.memberId', defaultMessage: 'Member ID', description: 'CSV header (localized row only): SocialHub member id' },
  txn_id: { id: 'csv.column.txnId', defaultMessage: 'Transaction ID', description: 'CSV header: ledger transaction id' },
  created_at: { id: 'csv.column.createdAt', defaultMessage: 'Created at', description: 'CSV header: when the ledger entry was made (ISO 8601 value)' },
  amount: { id: 'csv.column.amount', defaultMessage: 'Points', description: 'CSV header: points added (+) or taken (-)' },
  balance_after: { id: 'csv.column.balanceAfter', defaultMessage: 'Balance after', description: 'CSV header: point balance after the entry' },
  description: { id: 'csv.column.description', defaultMessage: 'Description', description: 'CSV header: ledger entry description' },
  name: { id: 'csv.column.name', defaultMessage: 'Name', description: 'CSV header: member name' },
  status: { id: 'csv.column.status', defaultMessage: 'Status', description: 'CSV header: member status (active/inactive)' },
  tier: { id: 'csv.column.tier', defaultMessage: 'Tier', description: 'CSV header: member tier' },
  balance: { id: 'csv.column.balance', defaultMessage: 'Balance', description: 'CSV header: point balance' },
});

/** The machine header unchanged when `locale` is null; otherwise each known column in that language. */
export function csvHeaderRow(columns: readonly string[], locale: string | null | undefined): readonly string[] {
  if (locale === null || locale === undefined) return columns;
  const tr = createTranslator(locale);
  return columns.map((c) => {
    const descriptor = (CSV_COLUMN_MESSAGES as Record<string, { id: string; defaultMessage: string } | undefined>)[c];
    return descriptor === undefined ? c : tr.t(descriptor);
  });
}

/** For the resume checkpoint: absent by default, so checkpoints written before this option still match. */
export function headerParam(locale: string | null | undefined): Record<string, string> {
  return locale === null || locale === undefined ? {} : { headerLocale: locale };
}
