/**
 * End-of-day reconciliation for a chosen business day: the journal's confirmed writes against
 * SocialHub's ledger (read-only key, paged and rate-limited by main, with progress), in four
 * sections; duplicates offer the compensating adjustment; CSV export.
 */
import { useEffect, useState } from 'react';
import { defineMessage, defineMessages } from '@formatjs/intl';
import type { JournalRow } from '../../../shared/journal/row.ts';
import type { IncompleteReason } from '../../../shared/ipc/schemas/till.ts';
import { STATE_LABEL_MESSAGES } from '../../../shared/journal/states.ts';
import { AdjustConfirm } from '../adjust/adjust-confirm.tsx';
import { formatCount, formatDateTime } from '../format.ts';
import { fmtSigned } from '../../app/format.ts';
import { Button, Card, Disclosure, ErrorBanner, Field, Form, StatusLine, Table, type Column } from '../../ui/index.ts';
import { useAdjustConfirm, useManagerData, useOpenRow, useReconcile } from '../use-manager-data.ts';
import { dupKey, reconcileDay } from './reconcile-store.ts';
import { differenceText, progressFraction, progressText, sectionExplanation, sectionTitle, sectionTotalText, summarise } from './summary.ts';
import type { DuplicateItem, ReconcileItem, ReconcileSection } from './summary.ts';
import { useT, useTranslator } from '../../app/translate.tsx';

const M = defineMessages({
  title: { id: 'manager.reconcile.title', defaultMessage: 'End-of-day reconciliation', description: 'Heading of the reconciliation screen' },
  hint: {
    id: 'manager.reconcile.hint',
    defaultMessage: "Compares this till's confirmed writes for the day with SocialHub's ledger, using the read-only key. Large days take a while: SocialHub's rate limit is respected.",
    description: 'What reconciliation does',
  },
  day: { id: 'manager.reconcile.day', defaultMessage: 'Business day', description: 'Label of the business day to reconcile' },
  running: { id: 'manager.reconcile.running', defaultMessage: 'Running…', description: 'Reconciliation is running' },
  run: { id: 'manager.reconcile.run', defaultMessage: 'Run reconciliation', description: 'Button: start the reconciliation' },
  exporting: { id: 'manager.reconcile.exporting', defaultMessage: 'Exporting…', description: 'The CSV export is running' },
  export: { id: 'manager.reconcile.export', defaultMessage: 'Export CSV', description: 'Button: export the reconciliation as CSV' },
  starting: { id: 'manager.reconcile.starting', defaultMessage: 'Starting…', description: 'Reconciliation progress before the first step' },
  allClear: { id: 'manager.reconcile.allClear', defaultMessage: '{date}: all clear', description: 'Result heading: nothing to fix for the day' },
  differences: { id: 'manager.reconcile.differences', defaultMessage: '{date}: differences found', description: 'Result heading: something to look at for the day' },
  pts: { id: 'manager.reconcile.pts', defaultMessage: '{points} pts', description: 'A signed point total (short)' },
  extraPts: { id: 'manager.reconcile.extraPts', defaultMessage: '{points} extra pts', description: 'The extra points duplicates gave (short)' },
  none: { id: 'manager.reconcile.none', defaultMessage: 'None.', description: 'An empty reconciliation section' },
  member: { id: 'manager.reconcile.col.member', defaultMessage: 'Member', description: 'Column: member id' },
  points: { id: 'manager.reconcile.col.points', defaultMessage: 'Points', description: 'Column: signed points' },
  extra: { id: 'manager.reconcile.col.extra', defaultMessage: 'Extra', description: 'Column: extra points a duplicate gave' },
  token: { id: 'manager.reconcile.col.token', defaultMessage: 'Token / description', description: 'Column: the sale token or ledger description' },
  serverTxns: { id: 'manager.reconcile.col.serverTxns', defaultMessage: 'SocialHub transactions', description: 'Column: ledger transaction ids' },
  time: { id: 'manager.reconcile.col.time', defaultMessage: 'Time', description: 'Column: when' },
  actions: { id: 'manager.reconcile.col.actions', defaultMessage: 'Actions', description: 'Hidden column heading of the action buttons' },
  open: { id: 'manager.reconcile.open', defaultMessage: 'Open', description: 'Button: open the journal entry' },
  compensateAgain: { id: 'manager.reconcile.compensateAgain', defaultMessage: 'Compensate again…', description: 'Button: another compensating adjustment for a duplicate already compensated' },
  compensate: { id: 'manager.reconcile.compensate', defaultMessage: 'Create compensating adjustment', description: 'Button: adjustment taking back what a duplicate gave' },
});

const GENERATED = defineMessage<{ when: string }>({ id: 'manager.reconcile.generated', defaultMessage: 'Generated {when}.', description: 'When the report was made' });
const TOTALS = defineMessage<{ journal: string; server: string }>({
  id: 'manager.reconcile.totals',
  defaultMessage: 'Journal: {journal} points · SocialHub: {server} points.',
  description: 'Point totals of the journal and of SocialHub for the day',
});
/** Why a member's ledger could not be read, in the console's language (main's English detail stays for logs). */
const INCOMPLETE_REASON = defineMessages({
  'rate-limited': { id: 'manager.reconcile.incomplete.rateLimited', defaultMessage: 'SocialHub kept asking to slow down.', description: 'Reconcile: a member’s ledger could not be read: still rate-limited after waiting' },
  unreachable: { id: 'manager.reconcile.incomplete.unreachable', defaultMessage: 'SocialHub could not be reached.', description: 'Reconcile: a member’s ledger could not be read: no answer' },
  refused: { id: 'manager.reconcile.incomplete.refused', defaultMessage: 'SocialHub refused to send the ledger.', description: 'Reconcile: a member’s ledger could not be read: SocialHub answered with an error' },
  failed: { id: 'manager.reconcile.incomplete.failed', defaultMessage: 'The ledger could not be read.', description: 'Reconcile: a member’s ledger could not be read: another failure' },
} satisfies Record<IncompleteReason, { id: string; defaultMessage: string; description: string }>);

const INCOMPLETE = defineMessage<{ count: number }>({
  id: 'manager.reconcile.incomplete',
  defaultMessage: 'The ledger could not be read completely for {count, plural, one {# member} other {# members}}; run it again later for a full report:',
  description: 'Some members’ ledgers could not be read',
});
const OPEN_ENTRY = defineMessage<{ id: string }>({ id: 'manager.reconcile.openEntry', defaultMessage: 'Open journal entry #{id}', description: 'Accessible name of an Open button' });
const SENT = defineMessage<{ when: string }>({ id: 'manager.reconcile.sent', defaultMessage: 'Adjustment sent {when}', description: 'A compensating adjustment was sent (when)' });
const OPEN_TO_RESOLVE = defineMessage<{ id: string }>({
  id: 'manager.reconcile.openToResolve',
  defaultMessage: 'Open #{id} to mark it resolved',
  description: 'Link: open the duplicated entry to mark it resolved',
});
const ALREADY = defineMessage<{ list: string }>({
  id: 'manager.reconcile.already',
  defaultMessage: 'Already compensated: {list}',
  description: 'Earlier compensating adjustments for this duplicate (ids and states)',
});

export function ReconcileTab() {
  const tr = useTranslator();
  const t = tr.t;
  const translate = useT();
  const reconcile = useManagerData().reconcile;
  const date = useReconcile((s) => s.date);
  // Today's business date comes from main (the journal's zone and day start), asked on opening.
  useEffect(() => void reconcile.getState().loadToday(), [reconcile]);
  const today = useReconcile((s) => s.today);
  const day = reconcileDay(date, today);
  const running = useReconcile((s) => s.running);
  const progress = useReconcile((s) => s.progress);
  const report = useReconcile((s) => s.report);
  const error = useReconcile((s) => s.error);
  const dateError = useReconcile((s) => s.dateError ?? undefined);
  const exporting = useReconcile((s) => s.exporting);
  const exportStatus = useReconcile((s) => s.exportStatus);
  const compensated = useReconcile((s) => s.compensated);
  const earlier = useReconcile((s) => s.earlier);
  const recorded = useReconcile((s) => s.recorded);
  const compensating = useAdjustConfirm((s) => s.open?.owner === 'reconcile');
  const run = () => reconcile.getState().run();
  const exportCsv = () => reconcile.getState().exportCsv();

  const summary = report !== null ? summarise(report) : null;
  const fraction = progress !== null ? progressFraction(progress) : null;

  return (
    <div className="mgr-tab" data-testid="tab-reconcile">
      <Card title={t(M.title)} hint={t(M.hint)}>
        <Form className="mgr-toolbar" onSubmit={() => void run()}>
          <Field label={t(M.day)} error={dateError}>
            {(ids) => <input {...ids} type="date" value={day} onChange={(e) => reconcile.getState().setDate(e.target.value)} required data-testid="reconcile-date" />}
          </Field>
          <Button type="submit" variant="primary" disabled={running} testId="reconcile-run">
            {running ? t(M.running) : t(M.run)}
          </Button>
          <Button disabled={running || exporting} onClick={() => void exportCsv()} testId="reconcile-export">
            {exporting ? t(M.exporting) : t(M.export)}
          </Button>
        </Form>
        {running && (
          <div className="mgr-progress" data-testid="reconcile-progress">
            <label htmlFor="rec-progress">{progress !== null ? progressText(progress, translate, tr) : t(M.starting)}</label>
            {fraction !== null ? <progress id="rec-progress" max={1} value={fraction} /> : <progress id="rec-progress" />}
          </div>
        )}
        <ErrorBanner error={error} testId="reconcile-error" />
        <StatusLine text={exportStatus} tone="ok" testId="reconcile-export-status" />
      </Card>

      {report !== null && summary !== null && (
        <Card
          title={translate(summary.allClear ? M.allClear : M.differences, { date: report.date })}
          hint={t(GENERATED, { when: formatDateTime(report.generatedAt, tr.locale) })}
          testId="reconcile-result"
          data={{ date: report.date }}
        >
          <div className="mgr-totals" data-testid="reconcile-totals">
            {summary.sections.map((s) => (
              <a key={s.id} className={`mgr-total mgr-total--${s.tone}`} href={`#rec-${s.id}`} data-testid={`reconcile-total-${s.id}`}>
                <span className="mgr-total-n">{formatCount(s.count, tr.locale)}</span>
                <span className="mgr-total-label">{sectionTitle(s.id, translate)}</span>
                <span className="mgr-total-sub">{translate(s.id === 'duplicated' ? M.extraPts : M.pts, { points: fmtSigned(s.points, tr) })}</span>
              </a>
            ))}
          </div>
          <p data-testid="reconcile-difference">
            {t(TOTALS, { journal: fmtSigned(summary.journalPoints, tr), server: fmtSigned(summary.serverPoints, tr) })}{' '}
            {differenceText(summary.difference, translate)}
          </p>
          {summary.incomplete.length > 0 && (
            <div className="banner banner--warn" data-testid="reconcile-incomplete">
              <p>{t(INCOMPLETE, { count: summary.incomplete.length })}</p>
              <ul>
                {summary.incomplete.map((m) => (
                  <li key={m.memberId}>
                    <span className="mgr-mono">{m.memberId}</span>: {t(INCOMPLETE_REASON[m.reason ?? 'failed'])}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {summary.sections.map((s) => (
            <ReconcileSectionView
              key={s.id}
              section={s}
              compensated={compensated}
              earlier={earlier}
              recorded={recorded}
              onCompensate={(item) => void reconcile.getState().compensate(item)}
            />
          ))}
        </Card>
      )}

      {compensating && <AdjustConfirm />}
    </div>
  );
}

function ReconcileSectionView({
  section,
  compensated,
  earlier,
  recorded,
  onCompensate,
}: {
  section: ReconcileSection;
  compensated: ReadonlyMap<string, string>;
  earlier: ReadonlyMap<string, JournalRow[]>;
  recorded: ReadonlySet<string>;
  onCompensate: (item: DuplicateItem) => void;
}) {
  const tr = useTranslator();
  const t = tr.t;
  const translate = useT();
  const openRow = useOpenRow();
  const [open, setOpen] = useState(section.id !== 'matched' && section.count > 0);
  const headingId = `rec-${section.id}`;
  const duplicates = section.id === 'duplicated';
  const columns: Column<ReconcileItem | DuplicateItem>[] = [
    { id: 'member', header: t(M.member), cell: (item) => item.memberId, cellClassName: 'mgr-mono' },
    { id: 'points', header: t(M.points), align: 'end', cell: (item) => fmtSigned(item.amount, tr), cellClassName: (item) => (item.amount < 0 ? 'neg' : undefined) },
    ...(duplicates
      ? [{ id: 'extra', header: t(M.extra), align: 'end' as const, cell: (item: ReconcileItem | DuplicateItem) => fmtSigned((item as DuplicateItem).extraPoints, tr), cellClassName: 'neg' }]
      : []),
    {
      id: 'token',
      header: t(M.token),
      cellClassName: 'mgr-break',
      cell: (item) => (
        <>
          {item.token !== null && <span className="mgr-mono">{item.token}</span>}
          {item.description !== '' && item.description !== item.token && (
            <>
              {item.token !== null && <br />}
              {item.description}
            </>
          )}
        </>
      ),
    },
    { id: 'server', header: t(M.serverTxns), cell: (item) => (item.serverTxnIds.length > 0 ? item.serverTxnIds.join(', ') : '—'), cellClassName: 'mgr-mono mgr-break' },
    { id: 'time', header: t(M.time), cell: (item) => formatDateTime(item.at, tr.locale) },
    {
      id: 'actions',
      header: t(M.actions),
      hideHeader: true,
      cell: (item) => {
        const dup = duplicates ? (item as DuplicateItem) : null;
        const done = dup !== null ? compensated.get(dupKey(dup)) : undefined;
        const before = dup !== null ? (earlier.get(dupKey(dup)) ?? []) : [];
        const journalId = item.journalId;
        return (
          <div className="mgr-row-gap">
            {journalId !== null && (
              <Button size="small" onClick={() => openRow(journalId)} aria-label={t(OPEN_ENTRY, { id: String(journalId) })}>
                {t(M.open)}
              </Button>
            )}
            {dup !== null &&
              dup.extraPoints > 0 &&
              (done !== undefined ? (
                <span className="mgr-hint" data-testid="reconcile-compensated">
                  {t(SENT, { when: done })}
                  {journalId !== null && (
                    <>
                      {' '}
                      <Button variant="link" onClick={() => openRow(journalId)}>
                        {t(OPEN_TO_RESOLVE, { id: String(journalId) })}
                      </Button>
                    </>
                  )}
                </span>
              ) : (
                <>
                  {before.length > 0 && (
                    <span className="mgr-hint" data-testid="reconcile-already-compensated">
                      {t(ALREADY, { list: before.map((r) => `#${r.id} (${t(STATE_LABEL_MESSAGES[r.state])})`).join(', ') })}
                    </span>
                  )}
                  {!recorded.has(dupKey(dup)) && (
                    <Button size="small" onClick={() => onCompensate(dup)} testId="reconcile-compensate">
                      {before.length > 0 ? t(M.compensateAgain) : t(M.compensate)}
                    </Button>
                  )}
                </>
              ))}
          </div>
        );
      },
    },
  ];
  const title = sectionTitle(section.id, translate);
  return (
    <section className={`mgr-rec-section mgr-rec-section--${section.tone}`} aria-labelledby={headingId} data-testid={`reconcile-section-${section.id}`}>
      <h3 id={headingId}>
        <Disclosure open={open} onToggle={() => setOpen((v) => !v)}>
          {title} — {sectionTotalText(section, translate, tr)}
        </Disclosure>
      </h3>
      <p className="mgr-hint">{sectionExplanation(section.id, translate)}</p>
      {open &&
        (section.count === 0 ? (
          <p className="mgr-empty">{t(M.none)}</p>
        ) : (
          <Table
            caption={title}
            columns={columns}
            rows={section.items}
            rowKey={(item, i) => `${item.journalId ?? 'x'}-${item.serverTxnIds.join(',')}-${i}`}
            rowTestId="reconcile-item"
          />
        ))}
    </section>
  );
}
