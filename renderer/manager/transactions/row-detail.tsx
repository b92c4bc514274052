/**
 * One journal row in full: every attempt (time, HTTP status, latency, classification), the server
 * transaction id and balance, related clawbacks, the history, and the manager's actions on an
 * unfinished row: verify now, resend (only when verification proved it safe), mark resolved; and
 * on a sale SocialHub refused for certain: re-queue it under the corrected member.
 */
import { useEffect } from 'react';
import { useManagerSession } from '../../app/context.tsx';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABELS, isJournalState, isUnfinished } from '../../../shared/journal/states.ts';
import { formatAmount } from '../../../shared/money.ts';
import { formatDateTime, formatLatency, formatPoints } from '../format.ts';
import { Button, ErrorBanner, Facts, Field, Modal, StateChip, StatusLine } from '../../ui/index.ts';
import { useManagerData, useRowDetail } from '../use-manager-data.ts';
import { KIND_LABELS, rowReference } from './filter.ts';
import { CLASSIFICATION_LABELS, RESOLVE_MAX } from './detail-model.ts';
import type { RowAction } from './row-detail-store.ts';

function stateLabel(s: string | null): string {
  if (s === null) return '';
  return isJournalState(s) ? STATE_LABELS[s] : s;
}

/** The drawer is open while the row-detail store holds a row (`useOpenRow` from any tab); any lock closes it. */
export function RowDetailDrawer() {
  const store = useManagerData().rowDetail;
  const stack = useRowDetail((s) => s.stack);
  const unlocked = useManagerSession((s) => s.phase === 'open');
  useEffect(() => {
    if (!unlocked) store.getState().close();
  }, [store, unlocked]);
  const currentId = stack[stack.length - 1];
  if (currentId === undefined || !unlocked) return null;
  return (
    <Modal key={stack[0]} title={`Journal entry #${currentId}`} onClose={() => store.getState().close()} variant="drawer" testId="row-detail">
      {stack.length > 1 && (
        <Button variant="ghost" onClick={() => store.getState().back()} testId="row-detail-back">
          ← Back to #{stack[stack.length - 2]}
        </Button>
      )}
      <RowDetailBody key={currentId} />
    </Modal>
  );
}

function RowDetailBody() {
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
  if (detail === null) return <p role="status">Loading…</p>;
  const { row, attempts, history, children, actions } = detail;
  const sends = attempts.filter((a) => a.kind === 'send').length;
  const verifies = attempts.length - sends;

  return (
    <div className="mgr-detail" data-testid="row-detail-body" data-row-id={row.id} data-state={row.state}>
      <div className="mgr-detail-title">
        <span className="mgr-detail-kind">{KIND_LABELS[row.kind]}</span>
        <StateChip state={row.state} />
        <span className={`mgr-detail-points num${row.amount < 0 ? ' neg' : ''}`}>{formatPoints(row.amount)} pts</span>
      </div>

      <Facts
        testId="row-detail-facts"
        items={[
          ['Member', <span className="mgr-mono">{row.memberId}</span>],
          ['Reference', rowReference(row)],
          ...(row.businessDate !== null ? ([['Business date', row.businessDate]] as const) : []),
          ...(row.saleTotal !== null ? ([['Sale total', formatAmount(row.saleTotal)]] as const) : []),
          ...(row.returnTotal !== null ? ([['Returned amount', formatAmount(row.returnTotal)]] as const) : []),
          ['Recorded', formatDateTime(row.createdAt)],
          ['Last change', formatDateTime(row.updatedAt)],
          ...(row.finishedAt !== null ? ([['Finished', formatDateTime(row.finishedAt)]] as const) : []),
          ['SocialHub transaction', row.serverTxnId !== null ? <span className="mgr-mono" data-testid="row-detail-server-txn">{row.serverTxnId}</span> : 'none yet'],
          ['Balance after', row.balance !== null ? <span data-testid="row-detail-balance">{row.balance.toLocaleString()} pts</span> : '—'],
          ['Sends / checks', `${sends} / ${verifies}`],
          ...(row.maybeApplied && isUnfinished(row.state) ? ([['Caution', 'A send may have reached SocialHub: verify before any resend.']] as const) : []),
          ...(row.lastError !== null ? ([['Last error', row.lastError]] as const) : []),
          ...(row.reasonCode !== null ? ([['Reason code', row.reasonCode]] as const) : []),
          ...(row.note !== null ? ([['Note', row.note]] as const) : []),
          ...(row.resolution !== null ? ([['Resolution', `${row.resolution}${row.resolvedBy !== null ? ` (by ${row.resolvedBy})` : ''}`]] as const) : []),
          ['Description on the ledger', <span className="mgr-mono mgr-break">{row.description}</span>],
        ]}
      />

      {row.parentId !== null && (
        <p>
          <Button variant="link" onClick={() => onOpen(row.parentId ?? 0)} testId="row-detail-parent">
            Open the original sale (#{row.parentId})
          </Button>
        </p>
      )}

      {actions.requeue && (
        <section className="mgr-detail-actions" aria-labelledby={`rq-${row.id}`} data-testid="row-requeue-section">
          <h3 id={`rq-${row.id}`}>Re-queue under the corrected member</h3>
          <p className="mgr-hint">SocialHub refused this sale and never applied it. If the wrong card was used, send it again for the right member.</p>
          <form
            className="mgr-form"
            onSubmit={(e) => {
              e.preventDefault();
              void act('requeue');
            }}
          >
            <Field label="Corrected member id">
              {(ids) => <input {...ids} value={requeueMember} maxLength={64} onChange={(e) => drawer.setRequeueMember(e.target.value)} data-testid="row-requeue-member" />}
            </Field>
            <Field label="Reason" hint="Kept in the journal on both entries." error={reasonError}>
              {(ids) => <textarea {...ids} rows={2} maxLength={RESOLVE_MAX} value={reason} onChange={(e) => drawer.setReason(e.target.value)} data-testid="row-requeue-reason" />}
            </Field>
            <Button type="submit" disabled={busy !== null || requeueMember.trim() === ''} testId="row-requeue">
              {busy === 'requeue' ? 'Sending…' : 'Re-queue for this member'}
            </Button>
          </form>
          <ErrorBanner error={actionError} testId="row-requeue-error" />
        </section>
      )}

      {(actions.verify || actions.resend || actions.resolve) && (
        <section className="mgr-detail-actions" aria-labelledby={`act-${row.id}`} data-testid="row-detail-actions">
          <h3 id={`act-${row.id}`}>Actions</h3>
          <div className="mgr-row-gap">
            {actions.verify && (
              <Button disabled={busy !== null} onClick={() => void act('verify')} testId="row-verify">
                {busy === 'verify' ? 'Checking…' : 'Verify now'}
              </Button>
            )}
            {actions.resend && !confirmResend && (
              <Button disabled={busy !== null} onClick={() => drawer.askResend()} testId="row-resend">
                Resend…
              </Button>
            )}
            {actions.resend && confirmResend && (
              <span className="mgr-confirm" role="group" aria-label="Confirm resend">
                <span>Verification proved SocialHub did not apply this write. Send it again?</span>
                <Button variant="primary" disabled={busy !== null} onClick={() => void act('resend')} testId="row-resend-confirm">
                  {busy === 'resend' ? 'Sending…' : 'Yes, resend'}
                </Button>
                <Button variant="ghost" onClick={() => drawer.cancelResend()}>
                  Cancel
                </Button>
              </span>
            )}
          </div>
          {!actions.resend && isUnfinished(row.state) && (
            <p className="mgr-hint">Resend becomes available only after a verification proves SocialHub did not apply this write.</p>
          )}
          {actions.resolve && (
            <form
              className="mgr-form"
              onSubmit={(e) => {
                e.preventDefault();
                void act('resolve');
              }}
            >
              <Field label="Reason for marking it resolved" hint="Kept in the journal with this entry. Nothing is deleted." error={reasonError}>
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
                {busy === 'resolve' ? 'Saving…' : 'Mark resolved'}
              </Button>
            </form>
          )}
          <ErrorBanner error={actionError} testId="row-action-error" />
          <StatusLine text={status} tone="ok" testId="row-action-status" />
        </section>
      )}

      <section aria-labelledby={`att-${row.id}`}>
        <h3 id={`att-${row.id}`}>Attempts ({attempts.length})</h3>
        {attempts.length === 0 ? (
          <p className="mgr-hint">No attempt yet.</p>
        ) : (
          <div className="mgr-table-wrap">
            <table className="mgr-table" data-testid="row-attempts">
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">Type</th>
                  <th scope="col">Started</th>
                  <th scope="col" className="num">HTTP</th>
                  <th scope="col" className="num">Latency</th>
                  <th scope="col">Classification</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.n}>
                    <td className="num">{a.n}</td>
                    <td>{a.kind === 'send' ? 'Send' : a.kind === 'verify' ? 'Verify' : a.kind}</td>
                    <td>{formatDateTime(a.startedAt)}</td>
                    <td className="num">{a.httpStatus ?? '—'}</td>
                    <td className="num">{formatLatency(a.latencyMs ?? (a.finishedAt !== null ? a.finishedAt - a.startedAt : null))}</td>
                    <td>{a.classification === null ? (a.finishedAt === null ? 'In flight' : '—') : (CLASSIFICATION_LABELS[a.classification] ?? a.classification)}</td>
                    <td className="mgr-break">{[a.reason, a.message].filter((x) => x !== null && x !== '').join(' — ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {children.length > 0 && (
        <section aria-labelledby={`rel-${row.id}`}>
          <h3 id={`rel-${row.id}`}>{row.kind === 'award' ? 'Clawbacks of this sale' : 'Related entries'}</h3>
          <RelatedRows rows={children} onOpen={onOpen} />
        </section>
      )}

      <section aria-labelledby={`his-${row.id}`}>
        <h3 id={`his-${row.id}`}>History</h3>
        <ol className="mgr-history" data-testid="row-history">
          {history.map((h, i) => (
            <li key={i}>
              <span className="mgr-mono">{formatDateTime(h.at)}</span>{' '}
              {h.type === 'transition' ? `${stateLabel(h.fromState)} → ${stateLabel(h.toState)}` : h.type === 'recorded' ? 'Recorded' : 'Note'}
              {h.actor !== null ? ` · ${h.actor}` : ''}
              {h.detail !== null ? ` · ${h.detail}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export function RelatedRows({ rows, onOpen }: { rows: readonly JournalRow[]; onOpen: (id: number) => void }) {
  return (
    <div className="mgr-table-wrap">
      <table className="mgr-table" data-testid="row-related">
        <thead>
          <tr>
            <th scope="col">Recorded</th>
            <th scope="col">Kind</th>
            <th scope="col">Reference</th>
            <th scope="col" className="num">Points</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="mgr-sr">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>{formatDateTime(c.createdAt)}</td>
              <td>{KIND_LABELS[c.kind]}</td>
              <td>{rowReference(c)}</td>
              <td className={`num${c.amount < 0 ? ' neg' : ''}`}>{formatPoints(c.amount)}</td>
              <td>
                <StateChip state={c.state} />
              </td>
              <td>
                <Button size="small" onClick={() => onOpen(c.id)} aria-label={`Open entry #${c.id}`}>
                  Open
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

