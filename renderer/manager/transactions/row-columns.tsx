/**
 * The columns a table of journal rows shows (needs-attention list, related entries): the same
 * headings, cells and "Open" button wherever rows are listed, in the console's language.
 */
import { defineMessages } from '@formatjs/intl';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { Translate } from '../../state/locale-store.ts';
import { Button, StateChip, type Column } from '../../ui/index.ts';
import { formatDateTime } from '../format.ts';
import { fmtSigned } from '../../app/format.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';

import { kindLabel, rowReference } from './row-text.ts';

const M = defineMessages({
  recorded: { id: 'manager.transactions.col.recorded', defaultMessage: 'Recorded', description: 'Column: when the journal entry was recorded' },
  kind: { id: 'manager.transactions.col.kind', defaultMessage: 'Kind', description: 'Column: award, clawback, redeem or adjustment' },
  member: { id: 'manager.transactions.col.member', defaultMessage: 'Member', description: 'Column: the member id' },
  reference: { id: 'manager.transactions.col.reference', defaultMessage: 'Reference', description: 'Column: sale, return or coupon the entry refers to' },
  points: { id: 'manager.transactions.col.points', defaultMessage: 'Points', description: 'Column: signed points of the entry' },
  state: { id: 'manager.transactions.col.state', defaultMessage: 'State', description: 'Column: the entry state' },
  lastError: { id: 'manager.transactions.col.lastError', defaultMessage: 'Last error', description: 'Column: the last error the entry met' },
  open: { id: 'manager.transactions.col.open', defaultMessage: 'Open', description: 'Button (and hidden column heading) opening a journal entry' },
  openEntry: { id: 'manager.transactions.openEntry', defaultMessage: 'Open entry #{id}', description: 'Accessible name of the Open button of one journal entry' },
});

export type RowColumn = 'recorded' | 'kind' | 'member' | 'reference' | 'points' | 'state' | 'lastError' | 'open';

export function journalRowColumns(show: readonly RowColumn[], t: Translate, tr: Translator, openRow: (id: number) => void): Column<JournalRow>[] {
  const all: Record<RowColumn, Column<JournalRow>> = {
    recorded: { id: 'recorded', header: t(M.recorded), cell: (r) => formatDateTime(r.createdAt, tr.locale) },
    kind: { id: 'kind', header: t(M.kind), cell: (r) => kindLabel(r.kind, t) },
    member: { id: 'member', header: t(M.member), cell: (r) => r.memberId, cellClassName: 'mgr-mono' },
    reference: { id: 'reference', header: t(M.reference), cell: (r) => rowReference(r, t) },
    points: { id: 'points', header: t(M.points), align: 'end', cell: (r) => fmtSigned(r.amount, tr), cellClassName: (r) => (r.amount < 0 ? 'neg' : undefined) },
    state: { id: 'state', header: t(M.state), cell: (r) => <StateChip state={r.state} /> },
    lastError: { id: 'lastError', header: t(M.lastError), cell: (r) => r.lastError ?? '—', cellClassName: 'mgr-break' },
    open: {
      id: 'open',
      header: t(M.open),
      hideHeader: true,
      cell: (r) => (
        <Button size="small" onClick={() => openRow(r.id)} aria-label={t(M.openEntry, { id: String(r.id) })}>
          {t(M.open)}
        </Button>
      ),
    },
  };
  return show.map((c) => all[c]);
}
