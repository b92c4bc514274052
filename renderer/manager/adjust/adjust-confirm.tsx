/**
 * The confirm step of a manual adjustment: the sign in words ("Take 120 points from mb_…"), the
 * reason and note, one submit (the button is gone once the write was handed to the journal), and
 * the outcome. Used by the Adjust tab and by reconciliation's compensating adjustment.
 */
import { defineMessages } from '@formatjs/intl';
import { Button, ErrorBanner, Field, Modal } from '../../ui/index.ts';
import { useAdjustConfirm, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { NOTE_MAX, REASON_LABELS, adjustSentence, confirmLabel, outcomeView } from './adjust-model.ts';
import { useT, useTranslator } from '../../app/translate.tsx';
import { engineText } from '../../state/outcome.ts';

const M = defineMessages({
  title: { id: 'manager.adjust.confirm.title', defaultMessage: 'Confirm point adjustment', description: 'Adjust confirm dialog title' },
  close: { id: 'manager.adjust.confirm.close', defaultMessage: 'Close', description: 'Adjust confirm: close after the outcome' },
  cancel: { id: 'manager.adjust.confirm.cancel', defaultMessage: 'Cancel', description: 'Adjust confirm: close without sending' },
  points: { id: 'manager.adjust.confirm.points', defaultMessage: 'Points', description: 'Adjust confirm: label of the signed points' },
  reason: { id: 'manager.adjust.confirm.reason', defaultMessage: 'Reason', description: 'Adjust confirm: label of the reason' },
  note: { id: 'manager.adjust.confirm.note', defaultMessage: 'Note', description: 'Adjust confirm: label of the note' },
  noteEdit: { id: 'manager.adjust.confirm.noteEdit', defaultMessage: 'Note (kept in the journal)', description: 'Adjust confirm: editable note field' },
  sending: { id: 'manager.adjust.confirm.sending', defaultMessage: 'Sending…', description: 'Adjust confirm: submit button while sending' },
  back: { id: 'manager.adjust.confirm.back', defaultMessage: 'Back', description: 'Adjust confirm: back to the form' },
  openEntry: { id: 'manager.adjust.confirm.openEntry', defaultMessage: 'Open journal entry #{id}', description: 'Adjust confirm: link to the journal entry' },
});

export function AdjustConfirm() {
  const tr = useTranslator();
  const t = useT();
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
  const sentence = adjustSentence(request.points, request.memberId, t);
  const take = request.points < 0;
  const onClose = () => confirm.getState().close();
  const submit = () => confirm.getState().submit();

  const view = outcome !== null ? outcomeView(outcome, t, request) : null;

  return (
    <Modal title={t(M.title)} onClose={onClose} testId="adjust-confirm" closeLabel={t(outcome !== null ? M.close : M.cancel)}>
      {context !== null && <p className="mgr-hint">{context}</p>}
      <p className={`mgr-sentence ${take ? 'mgr-sentence--take' : 'mgr-sentence--give'}`} data-testid="adjust-sentence">
        {sentence}
      </p>
      <dl className="mgr-facts">
        <div className="mgr-fact">
          <dt>{t(M.points)}</dt>
          <dd className={`num${take ? ' neg' : ''}`}>{tr.intl.formatNumber(request.points, { signDisplay: 'exceptZero' }).replace('-', '\u2212')}</dd>
        </div>
        <div className="mgr-fact">
          <dt>{t(M.reason)}</dt>
          <dd>{t(REASON_LABELS[request.reasonCode])}</dd>
        </div>
        {!noteEditable && (
          <div className="mgr-fact">
            <dt>{t(M.note)}</dt>
            <dd className="mgr-break">{note}</dd>
          </div>
        )}
      </dl>
      {noteEditable && outcome === null && (
        <Field label={t(M.noteEdit)} error={noteError}>
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
            {busy ? t(M.sending) : confirmLabel(request.points, request.memberId, t)}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t(M.back)}
          </Button>
        </div>
      ) : (
        <div className={`mgr-outcome mgr-outcome--${view?.tone ?? 'ok'}`} role="status" data-testid="adjust-outcome" data-status={outcome.status}>
          <p className="mgr-outcome-title">{view?.title}</p>
          {/* Main's sentence in the till's language when it names a catalogue message. */}
          {outcome.message !== '' && <p>{engineText(outcome, tr)}</p>}
          {outcome.row !== null && (
            <Button variant="link" onClick={() => outcome.row !== null && openRow(outcome.row.id)}>
              {t(M.openEntry, { id: outcome.row.id })}
            </Button>
          )}
        </div>
      )}
    </Modal>
  );
}
