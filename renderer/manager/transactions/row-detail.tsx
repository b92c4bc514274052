/**
 * One journal row in full: every attempt (time, HTTP status, latency, classification), the server
 * transaction id and balance, related clawbacks, the history, and the manager's actions on an
 * unfinished row: verify now, resend (only when verification proved it safe), mark resolved; and
 * on a sale SocialHub refused for certain: re-queue it under the corrected member.
 */
import type { MessageDescriptor } from '@formatjs/intl';
import { useEffect } from 'react';
import { defineMessage, defineMessages } from '@formatjs/intl';
import type { RowDetail } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABEL_MESSAGES, isJournalState, isUnfinished } from '../../../shared/journal/states.ts';
import { useCurrency, useManagerSession } from '../../app/context.tsx';
import { formatCount, formatDateTime, formatLatency } from '../format.ts';
import { fmtSigned } from '../../app/format.ts';
import { Button, ErrorBanner, Facts, Field, Form, Modal, StateChip, StatusLine, Table, type Column } from '../../ui/index.ts';
import { useManagerData, useRowDetail } from '../use-manager-data.ts';
import { journalRowColumns } from './row-columns.tsx';
import { kindLabel, rowReference } from './row-text.ts';
import { RESOLVE_MAX, rowTotals } from './detail-model.ts';
import type { RowAction } from './row-detail-store.ts';
import type { Translate } from '../../state/locale-store.ts';
import { useT, useTranslator } from '../../app/translate.tsx';

type Attempt = RowDetail['attempts'][number];

const M = defineMessages({
  back: { id: 'manager.transactions.detail.back', defaultMessage: '← Back to #{id}', description: 'Button: back to the entry opened before' },
  loading: { id: 'manager.transactions.detail.loading', defaultMessage: 'Loading…', description: 'The entry is being read' },
  pts: { id: 'manager.transactions.detail.pts', defaultMessage: '{points} pts', description: 'Signed points of the entry (short)' },
  member: { id: 'manager.transactions.detail.member', defaultMessage: 'Member', description: 'Fact: member id' },
  reference: { id: 'manager.transactions.detail.reference', defaultMessage: 'Reference', description: 'Fact: sale, return or coupon' },
  businessDate: { id: 'manager.transactions.detail.businessDate', defaultMessage: 'Business date', description: 'Fact: the business day of the entry' },
  saleTotal: { id: 'manager.transactions.detail.saleTotal', defaultMessage: 'Sale total', description: 'Fact: the sale amount' },
  returnTotal: { id: 'manager.transactions.detail.returnTotal', defaultMessage: 'Returned amount', description: 'Fact: the returned amount' },
  recorded: { id: 'manager.transactions.detail.recorded', defaultMessage: 'Recorded', description: 'Fact: when the entry was recorded' },
  lastChange: { id: 'manager.transactions.detail.lastChange', defaultMessage: 'Last change', description: 'Fact: when the entry last changed' },
  finished: { id: 'manager.transactions.detail.finished', defaultMessage: 'Finished', description: 'Fact: when the entry was finished' },
  serverTxn: { id: 'manager.transactions.detail.serverTxn', defaultMessage: 'SocialHub transaction', description: 'Fact: the ledger transaction id' },
  noneYet: { id: 'manager.transactions.detail.noneYet', defaultMessage: 'none yet', description: 'No ledger transaction id yet' },
  balance: { id: 'manager.transactions.detail.balance', defaultMessage: 'Balance after', description: 'Fact: the member balance after the write' },
  sendsChecks: { id: 'manager.transactions.detail.sendsChecks', defaultMessage: 'Sends / checks', description: 'Fact: how many sends and verifications' },
  caution: { id: 'manager.transactions.detail.caution', defaultMessage: 'Caution', description: 'Fact label: a warning' },
  mayHaveApplied: {
    id: 'manager.transactions.detail.mayHaveApplied',
    defaultMessage: 'A send may have reached SocialHub: verify before any resend.',
    description: 'Warning: the write may already be applied',
  },
  lastError: { id: 'manager.transactions.detail.lastError', defaultMessage: 'Last error', description: 'Fact: the last error' },
  reasonCode: { id: 'manager.transactions.detail.reasonCode', defaultMessage: 'Reason code', description: 'Fact: adjustment reason code' },
  note: { id: 'manager.transactions.detail.note', defaultMessage: 'Note', description: 'Fact: the note kept with the entry' },
  resolution: { id: 'manager.transactions.detail.resolution', defaultMessage: 'Resolution', description: 'Fact: how the entry was resolved' },
  resolvedBy: { id: 'manager.transactions.detail.resolvedBy', defaultMessage: '{resolution} (by {by})', description: 'A resolution and who made it' },
  description: { id: 'manager.transactions.detail.description', defaultMessage: 'Description on the ledger', description: 'Fact: the ledger description' },
  openParent: { id: 'manager.transactions.detail.openParent', defaultMessage: 'Open the original sale (#{id})', description: 'Link: open the sale a return belongs to' },
  requeueTitle: { id: 'manager.transactions.detail.requeueTitle', defaultMessage: 'Re-queue under the corrected member', description: 'Heading of the re-queue form' },
  requeueHint: {
    id: 'manager.transactions.detail.requeueHint',
    defaultMessage: 'SocialHub refused this sale and never applied it. If the wrong card was used, send it again for the right member.',
    description: 'When to re-queue a refused sale',
  },
  correctedMember: { id: 'manager.transactions.detail.correctedMember', defaultMessage: 'Corrected member id', description: 'Label: the member the sale should go to' },
  reason: { id: 'manager.transactions.detail.reason', defaultMessage: 'Reason', description: 'Label: why the manager re-queues' },
  reasonHint: { id: 'manager.transactions.detail.reasonHint', defaultMessage: 'Kept in the journal on both entries.', description: 'Where the re-queue reason is kept' },
  sending: { id: 'manager.transactions.detail.sending', defaultMessage: 'Sending…', description: 'A write is being sent' },
  requeue: { id: 'manager.transactions.detail.requeue', defaultMessage: 'Re-queue for this member', description: 'Button: re-queue the sale' },
  actions: { id: 'manager.transactions.detail.actions', defaultMessage: 'Actions', description: 'Heading of the manager actions' },
  checking: { id: 'manager.transactions.detail.checking', defaultMessage: 'Checking…', description: 'Verification is running' },
  verify: { id: 'manager.transactions.detail.verify', defaultMessage: 'Verify now', description: 'Button: verify the write against the ledger' },
  resend: { id: 'manager.transactions.detail.resend', defaultMessage: 'Resend…', description: 'Button: ask to resend the write' },
  confirmResend: { id: 'manager.transactions.detail.confirmResend', defaultMessage: 'Confirm resend', description: 'Accessible name of the resend confirmation' },
  resendQuestion: {
    id: 'manager.transactions.detail.resendQuestion',
    defaultMessage: 'Verification proved SocialHub did not apply this write. Send it again?',
    description: 'Resend confirmation question',
  },
  yesResend: { id: 'manager.transactions.detail.yesResend', defaultMessage: 'Yes, resend', description: 'Button: confirm the resend' },
  cancel: { id: 'manager.transactions.detail.cancel', defaultMessage: 'Cancel', description: 'Button: do not resend' },
  resendLater: {
    id: 'manager.transactions.detail.resendLater',
    defaultMessage: 'Resend becomes available only after a verification proves SocialHub did not apply this write.',
    description: 'Why resend is not offered yet',
  },
  resolveReason: { id: 'manager.transactions.detail.resolveReason', defaultMessage: 'Reason for marking it resolved', description: 'Label: why the entry is marked resolved' },
  resolveHint: { id: 'manager.transactions.detail.resolveHint', defaultMessage: 'Kept in the journal with this entry. Nothing is deleted.', description: 'Where the resolve reason is kept' },
  saving: { id: 'manager.transactions.detail.saving', defaultMessage: 'Saving…', description: 'The resolution is being saved' },
  resolve: { id: 'manager.transactions.detail.resolve', defaultMessage: 'Mark resolved', description: 'Button: mark the entry resolved' },
  attempts: { id: 'manager.transactions.detail.attempts', defaultMessage: 'Attempts ({count})', description: 'Heading: the attempts of the entry and how many' },
  noAttempt: { id: 'manager.transactions.detail.noAttempt', defaultMessage: 'No attempt yet.', description: 'The entry was never sent' },
  colN: { id: 'manager.transactions.detail.col.n', defaultMessage: '#', description: 'Attempt column: number' },
  colType: { id: 'manager.transactions.detail.col.type', defaultMessage: 'Type', description: 'Attempt column: send or verify' },
  colStarted: { id: 'manager.transactions.detail.col.started', defaultMessage: 'Started', description: 'Attempt column: start time' },
  colHttp: { id: 'manager.transactions.detail.col.http', defaultMessage: 'HTTP', description: 'Attempt column: HTTP status' },
  colLatency: { id: 'manager.transactions.detail.col.latency', defaultMessage: 'Latency', description: 'Attempt column: how long it took' },
  colClass: { id: 'manager.transactions.detail.col.classification', defaultMessage: 'Classification', description: 'Attempt column: what the till made of the answer' },
  colDetail: { id: 'manager.transactions.detail.col.detail', defaultMessage: 'Detail', description: 'Attempt column: reason and message' },
  send: { id: 'manager.transactions.detail.attempt.send', defaultMessage: 'Send', description: 'Attempt type: the write was sent' },
  verifyKind: { id: 'manager.transactions.detail.attempt.verify', defaultMessage: 'Verify', description: 'Attempt type: the ledger was checked' },
  inFlight: { id: 'manager.transactions.detail.attempt.inFlight', defaultMessage: 'In flight', description: 'The attempt has no answer yet' },
  applied: { id: 'manager.transactions.detail.class.applied', defaultMessage: 'Applied', description: 'Attempt classification' },
  rejected: { id: 'manager.transactions.detail.class.rejected', defaultMessage: 'Refused', description: 'Attempt classification' },
  notApplied: { id: 'manager.transactions.detail.class.notApplied', defaultMessage: 'Not applied', description: 'Attempt classification' },
  unknownOutcome: { id: 'manager.transactions.detail.class.unknownOutcome', defaultMessage: 'Outcome unknown', description: 'Attempt classification' },
  attemptsCaption: { id: 'manager.transactions.detail.attemptsCaption', defaultMessage: 'Attempts of this entry', description: 'Accessible caption of the attempts table' },
  clawbacks: { id: 'manager.transactions.detail.clawbacks', defaultMessage: 'Clawbacks of this sale', description: 'Heading: returns of this sale' },
  related: { id: 'manager.transactions.detail.related', defaultMessage: 'Related entries', description: 'Heading: entries linked to this one' },
  history: { id: 'manager.transactions.detail.history', defaultMessage: 'History', description: 'Heading: the entry history' },
  recordedEvent: { id: 'manager.transactions.detail.event.recorded', defaultMessage: 'Recorded', description: 'History event: the entry was recorded' },
  noteEvent: { id: 'manager.transactions.detail.event.note', defaultMessage: 'Note', description: 'History event: a note was added' },
});

const TITLE = defineMessage<{ id: string }>({ id: 'manager.transactions.detail.title', defaultMessage: 'Journal entry #{id}', description: 'Title of the entry drawer' });

const CLASSIFICATIONS: Readonly<Record<string, MessageDescriptor>> = {
  applied: M.applied,
  rejected: M.rejected,
  'not-applied': M.notApplied,
  'unknown-outcome': M.unknownOutcome,
};

function stateLabel(s: string | null, t: (m: MessageDescriptor) => string): string {
  if (s === null) return '';
  return isJournalState(s) ? t(STATE_LABEL_MESSAGES[s]) : s;
}

/** The drawer is open while the row-detail store holds a row (`useOpenRow` from any tab); any lock closes it. */
export function RowDetailDrawer() {
  const store = useManagerData().rowDetail;
  const stack = useRowDetail((s) => s.stack);
  const unlocked = useManagerSession((s) => s.phase === 'open');
  const translate = useT();
  const t = useT();
  useEffect(() => {
    if (!unlocked) store.getState().close();
  }, [store, unlocked]);
  const currentId = stack[stack.length - 1];
  if (currentId === undefined || !unlocked) return null;
  return (
    <Modal key={stack[0]} title={t(TITLE, { id: String(currentId) })} onClose={() => store.getState().close()} variant="drawer" testId="row-detail">
      {stack.length > 1 && (
        <Button variant="ghost" onClick={() => store.getState().back()} testId="row-detail-back">
          {translate(M.back, { id: String(stack[stack.length - 2]) })}
        </Button>
      )}
      <RowDetailBody key={currentId} />
    </Modal>
  );
}

function RowDetailBody() {
  const tr = useTranslator();
  const t = tr.t;
  const translate = useT();
  const locale = tr.locale;
  const currency = useCurrency();
  const store = useManagerData().rowDetail;
  const drawer = store.getState();
  const detail = useRowDetail((s) => s.detail);
  const loadError = useRowDetail((s) => s.loadError);
  const actionError = useRowDetail((s) => s.actionError);
  const status = useRowDetail((s) => s.status);
  const busy = useRowDetail((s) => s.busy);
  const requeueMember = useRowDetail((s) => s.requeueMember);
  const confirmResend = useRowDetail((s) => s.confirmResend);
  const reason = useRowDetail((s) => s.reason);
  const reasonError = useRowDetail((s) => s.reasonError ?? undefined);
  const onOpen = (other: number) => drawer.openRelated(other);
  const act = (kind: RowAction) => drawer.act(kind);

  if (loadError !== null) return <ErrorBanner error={loadError} />;
  if (detail === null) return <p role="status">{t(M.loading)}</p>;
  const { row, attempts, history, children, actions } = detail;
  const sends = attempts.filter((a) => a.kind === 'send').length;
  const verifies = attempts.length - sends;
  const totals = rowTotals(row, currency, locale);

  return (
    <div className="mgr-detail" data-testid="row-detail-body" data-row-id={row.id} data-state={row.state}>
      <div className="mgr-detail-title">
        <span className="mgr-detail-kind">{kindLabel(row.kind, translate)}</span>
        <StateChip state={row.state} />
        <span className={`mgr-detail-points num${row.amount < 0 ? ' neg' : ''}`}>{translate(M.pts, { points: fmtSigned(row.amount, tr) })}</span>
      </div>

      <Facts
        testId="row-detail-facts"
        items={[
          [t(M.member), <span className="mgr-mono">{row.memberId}</span>],
          [t(M.reference), rowReference(row, translate)],
          ...(row.businessDate !== null ? ([[t(M.businessDate), row.businessDate]] as const) : []),
          ...(totals.sale !== null ? ([[t(M.saleTotal), totals.sale]] as const) : []),
          ...(totals.returned !== null ? ([[t(M.returnTotal), totals.returned]] as const) : []),
          [t(M.recorded), formatDateTime(row.createdAt, locale)],
          [t(M.lastChange), formatDateTime(row.updatedAt, locale)],
          ...(row.finishedAt !== null ? ([[t(M.finished), formatDateTime(row.finishedAt, locale)]] as const) : []),
          [t(M.serverTxn), row.serverTxnId !== null ? <span className="mgr-mono" data-testid="row-detail-server-txn">{row.serverTxnId}</span> : t(M.noneYet)],
          [t(M.balance), row.balance !== null ? <span data-testid="row-detail-balance">{translate(M.pts, { points: formatCount(row.balance, locale) })}</span> : '—'],
          [t(M.sendsChecks), `${sends} / ${verifies}`],
          ...(row.maybeApplied && isUnfinished(row.state) ? ([[t(M.caution), t(M.mayHaveApplied)]] as const) : []),
          ...(row.lastError !== null ? ([[t(M.lastError), row.lastError]] as const) : []),
          ...(row.reasonCode !== null ? ([[t(M.reasonCode), row.reasonCode]] as const) : []),
          ...(row.note !== null ? ([[t(M.note), row.note]] as const) : []),
          ...(row.resolution !== null
            ? ([[t(M.resolution), row.resolvedBy !== null ? translate(M.resolvedBy, { resolution: row.resolution, by: row.resolvedBy }) : row.resolution]] as const)
            : []),
          [t(M.description), <span className="mgr-mono mgr-break">{row.description}</span>],
        ]}
      />

      {row.parentId !== null && (
        <p>
          <Button variant="link" onClick={() => onOpen(row.parentId ?? 0)} testId="row-detail-parent">
            {translate(M.openParent, { id: String(row.parentId) })}
          </Button>
        </p>
      )}

      {actions.requeue && (
        <section className="mgr-detail-actions" aria-labelledby={`rq-${row.id}`} data-testid="row-requeue-section">
          <h3 id={`rq-${row.id}`}>{t(M.requeueTitle)}</h3>
          <p className="mgr-hint">{t(M.requeueHint)}</p>
          <Form className="mgr-form" onSubmit={() => void act('requeue')}>
            <Field label={t(M.correctedMember)}>
              {(ids) => <input {...ids} value={requeueMember} maxLength={64} onChange={(e) => drawer.setRequeueMember(e.target.value)} data-testid="row-requeue-member" />}
            </Field>
            <Field label={t(M.reason)} hint={t(M.reasonHint)} error={reasonError}>
              {(ids) => <textarea {...ids} rows={2} maxLength={RESOLVE_MAX} value={reason} onChange={(e) => drawer.setReason(e.target.value)} data-testid="row-requeue-reason" />}
            </Field>
            <Button type="submit" disabled={busy !== null || requeueMember.trim() === ''} testId="row-requeue">
              {busy === 'requeue' ? t(M.sending) : t(M.requeue)}
            </Button>
          </Form>
          <ErrorBanner error={actionError} testId="row-requeue-error" />
        </section>
      )}

      {(actions.verify || actions.resend || actions.resolve) && (
        <section className="mgr-detail-actions" aria-labelledby={`act-${row.id}`} data-testid="row-detail-actions">
          <h3 id={`act-${row.id}`}>{t(M.actions)}</h3>
          <div className="mgr-row-gap">
            {actions.verify && (
              <Button disabled={busy !== null} onClick={() => void act('verify')} testId="row-verify">
                {busy === 'verify' ? t(M.checking) : t(M.verify)}
              </Button>
            )}
            {actions.resend && !confirmResend && (
              <Button disabled={busy !== null} onClick={() => drawer.askResend()} testId="row-resend">
                {t(M.resend)}
              </Button>
            )}
            {actions.resend && confirmResend && (
              <span className="mgr-confirm" role="group" aria-label={t(M.confirmResend)}>
                <span>{t(M.resendQuestion)}</span>
                <Button variant="primary" disabled={busy !== null} onClick={() => void act('resend')} testId="row-resend-confirm">
                  {busy === 'resend' ? t(M.sending) : t(M.yesResend)}
                </Button>
                <Button variant="ghost" onClick={() => drawer.cancelResend()}>
                  {t(M.cancel)}
                </Button>
              </span>
            )}
          </div>
          {!actions.resend && isUnfinished(row.state) && (
            <p className="mgr-hint">{t(M.resendLater)}</p>
          )}
          {actions.resolve && (
            <Form className="mgr-form" onSubmit={() => void act('resolve')}>
              <Field label={t(M.resolveReason)} hint={t(M.resolveHint)} error={reasonError}>
                {(ids) => (
                  <textarea
                    {...ids}
                    rows={3}
                    maxLength={RESOLVE_MAX}
                    value={reason}
                    onChange={(e) => drawer.setReason(e.target.value)}
                    data-testid="row-resolve-reason"
                  />
                )}
              </Field>
              <Button type="submit" disabled={busy !== null} testId="row-resolve">
                {busy === 'resolve' ? t(M.saving) : t(M.resolve)}
              </Button>
            </Form>
          )}
          <ErrorBanner error={actionError} testId="row-action-error" />
          <StatusLine text={status} tone="ok" testId="row-action-status" />
        </section>
      )}

      <section aria-labelledby={`att-${row.id}`}>
        <h3 id={`att-${row.id}`}>{translate(M.attempts, { count: attempts.length })}</h3>
        {attempts.length === 0 ? (
          <p className="mgr-hint">{t(M.noAttempt)}</p>
        ) : (
          <Table caption={t(M.attemptsCaption)} columns={attemptColumns(translate, locale)} rows={attempts} rowKey={(a) => a.n} testId="row-attempts" />
        )}
      </section>

      {children.length > 0 && (
        <section aria-labelledby={`rel-${row.id}`}>
          <h3 id={`rel-${row.id}`}>{row.kind === 'award' ? t(M.clawbacks) : t(M.related)}</h3>
          <RelatedRows rows={children} onOpen={onOpen} caption={row.kind === 'award' ? t(M.clawbacks) : t(M.related)} />
        </section>
      )}

      <section aria-labelledby={`his-${row.id}`}>
        <h3 id={`his-${row.id}`}>{t(M.history)}</h3>
        <ol className="mgr-history" data-testid="row-history">
          {history.map((h, i) => (
            <li key={i}>
              <span className="mgr-mono">{formatDateTime(h.at, locale)}</span>{' '}
              {h.type === 'transition' ? `${stateLabel(h.fromState, t)} → ${stateLabel(h.toState, t)}` : h.type === 'recorded' ? t(M.recordedEvent) : t(M.noteEvent)}
              {h.actor !== null ? ` · ${h.actor}` : ''}
              {h.detail !== null ? ` · ${h.detail}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function attemptColumns(t: Translate, locale: string): Column<Attempt>[] {
  const kind = (a: Attempt) => (a.kind === 'send' ? t(M.send) : a.kind === 'verify' ? t(M.verifyKind) : a.kind);
  const classification = (a: Attempt) => {
    if (a.classification === null) return a.finishedAt === null ? t(M.inFlight) : '—';
    const known = CLASSIFICATIONS[a.classification];
    return known !== undefined ? t(known) : a.classification;
  };
  return [
    { id: 'n', header: t(M.colN), align: 'end', cell: (a) => a.n },
    { id: 'type', header: t(M.colType), cell: kind },
    { id: 'started', header: t(M.colStarted), cell: (a) => formatDateTime(a.startedAt, locale) },
    { id: 'http', header: t(M.colHttp), align: 'end', cell: (a) => a.httpStatus ?? '—' },
    { id: 'latency', header: t(M.colLatency), align: 'end', cell: (a) => formatLatency(a.latencyMs ?? (a.finishedAt !== null ? a.finishedAt - a.startedAt : null), locale) },
    { id: 'classification', header: t(M.colClass), cell: classification },
    { id: 'detail', header: t(M.colDetail), cellClassName: 'mgr-break', cell: (a) => [a.reason, a.message].filter((x) => x !== null && x !== '').join(' — ') || '—' },
  ];
}

export function RelatedRows({ rows, onOpen, caption }: { rows: readonly JournalRow[]; onOpen: (id: number) => void; caption: string }) {
  const tr = useTranslator();
  const translate = tr.t;
  return (
    <Table
      caption={caption}
      columns={journalRowColumns(['recorded', 'kind', 'reference', 'points', 'state', 'open'], translate, tr, onOpen)}
      rows={rows}
      rowKey={(r) => r.id}
      testId="row-related"
    />
  );
}
