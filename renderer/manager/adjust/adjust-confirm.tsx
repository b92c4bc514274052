/**
 * The confirm step of a manual adjustment: the sign in words ("Take 120 points from mb_…"), the
 * reason and note, one submit (the button is gone once the write was handed to the journal), and
 * the outcome. Used by the Adjust tab and by reconciliation's compensating adjustment.
 */
import { useState } from 'react';
import type { WriteOutcome } from '../../../shared/ipc/schemas/till.ts';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Field, Modal } from '../../ui/index.ts';
import { NOTE_MAX, NOTE_MIN, REASON_LABELS, adjustSentence, outcomeView } from './adjust-model.ts';
import type { AdjustRequest } from './adjust-model.ts';

export function AdjustConfirm({
  request,
  noteEditable = false,
  context,
  onClose,
  onSubmitted,
}: {
  request: AdjustRequest;
  noteEditable?: boolean;
  context?: string;
  onClose: () => void;
  onSubmitted?: (outcome: WriteOutcome) => void;
}) {
  const { call, openRow, notifyRowChanged } = useSession();
  const [note, setNote] = useState(request.note);
  const [noteError, setNoteError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [outcome, setOutcome] = useState<WriteOutcome | null>(null);
  const sentence = adjustSentence(request.points, request.memberId);
  const take = request.points < 0;

  async function submit() {
    if (busy || outcome !== null) return;
    const n = note.trim();
    if (n.length < NOTE_MIN || n.length > NOTE_MAX) {
      setNoteError(`Write a note of ${NOTE_MIN} to ${NOTE_MAX} characters.`);
      return;
    }
    setNoteError(undefined);
    setBusy(true);
    setError(null);
    const env = await call((t) => t.adjustmentSubmit({ ...request, note: n }));
    setBusy(false);
    if (!env.ok) {
      setError(env.error);
      return;
    }
    setOutcome(env.value);
    if (env.value.row !== null) notifyRowChanged(env.value.row);
    onSubmitted?.(env.value);
  }

  const view = outcome !== null ? outcomeView(outcome) : null;

  return (
    <Modal title="Confirm point adjustment" onClose={onClose} testId="adjust-confirm" closeLabel={outcome !== null ? 'Close' : 'Cancel'}>
      {context !== undefined && <p className="mgr-hint">{context}</p>}
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
          {(ids) => <textarea {...ids} rows={3} maxLength={NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} data-testid="adjust-confirm-note" />}
        </Field>
      )}
      {noteError !== undefined && !noteEditable && <ErrorBanner error={noteError} />}
      <ErrorBanner error={error} testId="adjust-error" />
      {outcome === null ? (
        <div className="mgr-row-gap">
          <button
            type="button"
            className={`mgr-btn mgr-btn--primary${take ? ' mgr-btn--danger' : ''}`}
            disabled={busy}
            onClick={() => void submit()}
            data-testid="adjust-confirm-submit"
          >
            {busy ? 'Sending…' : `Confirm: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`}
          </button>
          <button type="button" className="mgr-btn mgr-btn--ghost" onClick={onClose} disabled={busy}>
            Back
          </button>
        </div>
      ) : (
        <div className={`mgr-outcome mgr-outcome--${view?.tone ?? 'ok'}`} role="status" data-testid="adjust-outcome" data-status={outcome.status}>
          <p className="mgr-outcome-title">{view?.title}</p>
          {outcome.message !== '' && <p>{outcome.message}</p>}
          {outcome.row !== null && (
            <button type="button" className="mgr-btn mgr-btn--link" onClick={() => outcome.row !== null && openRow(outcome.row.id)}>
              Open journal entry #{outcome.row.id}
            </button>
          )}
        </div>
      )}
    </Modal>
  );
}
