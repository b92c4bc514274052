/**
 * The confirm step of a manual adjustment: the sign in words ("Take 120 points from mb_…"), the
 * reason and note, one submit (the button is gone once the write was handed to the journal), and
 * the outcome. Used by the Adjust tab and by reconciliation's compensating adjustment.
 */
import { Button, ErrorBanner, Field, Modal } from '../../ui/index.ts';
import { useAdjustConfirm, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { NOTE_MAX, REASON_LABELS, adjustSentence, outcomeView } from './adjust-model.ts';

export function AdjustConfirm() {
  const openRow = useOpenRow();
  const confirm = useManagerData().adjustConfirm;
  const open = useAdjustConfirm((s) => s.open);
  const note = useAdjustConfirm((s) => s.note);
  const noteError = useAdjustConfirm((s) => s.noteError ?? undefined);
  const busy = useAdjustConfirm((s) => s.busy);
  const error = useAdjustConfirm((s) => s.error);
  const outcome = useAdjustConfirm((s) => s.outcome);
  if (open === null) return null;
  const { request, noteEditable, context } = open;
  const sentence = adjustSentence(request.points, request.memberId);
  const take = request.points < 0;
  const onClose = () => confirm.getState().close();
  const submit = () => confirm.getState().submit();

  const view = outcome !== null ? outcomeView(outcome) : null;

  return (
    <Modal title="Confirm point adjustment" onClose={onClose} testId="adjust-confirm" closeLabel={outcome !== null ? 'Close' : 'Cancel'}>
      {context !== null && <p className="mgr-hint">{context}</p>}
      <p className={`mgr-sentence ${take ? 'mgr-sentence--take' : 'mgr-sentence--give'}`} data-testid="adjust-sentence">
        {sentence}
      </p>
      <dl className="mgr-facts">
        <div className="mgr-fact">
          <dt>Points</dt>
          <dd className={`num${take ? ' neg' : ''}`}>{take ? `−${Math.abs(request.points).toLocaleString()}` : `+${request.points.toLocaleString()}`}</dd>
        </div>
        <div className="mgr-fact">
          <dt>Reason</dt>
          <dd>{REASON_LABELS[request.reasonCode]}</dd>
        </div>
        {!noteEditable && (
          <div className="mgr-fact">
            <dt>Note</dt>
            <dd className="mgr-break">{note}</dd>
          </div>
        )}
      </dl>
      {noteEditable && outcome === null && (
        <Field label="Note (kept in the journal)" error={noteError}>
          {(ids) => <textarea {...ids} rows={3} maxLength={NOTE_MAX} value={note} onChange={(e) => confirm.getState().setNote(e.target.value)} data-testid="adjust-confirm-note" />}
        </Field>
      )}
      {noteError !== undefined && !noteEditable && <ErrorBanner error={noteError} />}
      <ErrorBanner error={error} testId="adjust-error" />
      {outcome === null ? (
        <div className="mgr-row-gap">
          <Button
            variant={take ? 'danger' : 'primary'}
            disabled={busy}
            onClick={() => void submit()}
            testId="adjust-confirm-submit"
          >
            {busy ? 'Sending…' : `Confirm: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            Back
          </Button>
        </div>
      ) : (
        <div className={`mgr-outcome mgr-outcome--${view?.tone ?? 'ok'}`} role="status" data-testid="adjust-outcome" data-status={outcome.status}>
          <p className="mgr-outcome-title">{view?.title}</p>
          {outcome.message !== '' && <p>{outcome.message}</p>}
          {outcome.row !== null && (
            <Button variant="link" onClick={() => outcome.row !== null && openRow(outcome.row.id)}>
              Open journal entry #{outcome.row.id}
            </Button>
          )}
        </div>
      )}
    </Modal>
  );
}
