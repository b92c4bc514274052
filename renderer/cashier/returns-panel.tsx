/**
 * Returns: find the original sale by its POS transaction id, see "awarded 120 · returned 40 ·
 * 80 reversible", and take back all or part of it — proportional to the returned amount by
 * default, or an exact number of points — never more than is reversible.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/shallow';
import { useReturns, useRuntime, useSettings } from '../app/context.tsx';
import { fmtInt, fmtMinor, fmtPoints, fmtWhen } from '../app/format.ts';
import { Button, Dialog, Field } from '../ui/index.ts';
import { useScanField } from '../app/use-scan-field.ts';
import { CLAWBACK_ROUNDING, estimateReturn, returnedSoFar } from '../state/return-store.ts';
import { OutcomeBanner } from './outcome-banner.tsx';

export function ReturnsPanel({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const store = runtime.returns;
  const s = useReturns(useShallow((r) => ({ ...r })));
  const perDay = useSettings((x) => x.settings?.txnIdScope === 'business-day');
  const txnRef = useRef<HTMLInputElement>(null);
  const returnIdRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useScanField(txnRef, 'original transaction id', (v) => {
    store.getState().setField('txnId', v);
    void store.getState().lookup();
  });
  useScanField(returnIdRef, 'return id', (v) => {
    store.getState().setField('returnId', v);
    amountRef.current?.focus();
  });

  useEffect(() => {
    if (s.foundSeq > 0) returnIdRef.current?.focus();
  }, [s.foundSeq]);

  // The result is below the form: bring it into view when it arrives.
  const outcomeRef = useRef<HTMLDivElement>(null);
  const outcomeKey = s.outcome?.key ?? null;
  useEffect(() => {
    if (outcomeKey !== null) outcomeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [outcomeKey]);

  const close = (): void => {
    store.getState().reset();
    onClose();
  };

  const summary = s.summary;
  const estimate = estimateReturn(summary, s.mode, s.amount, s.points, CLAWBACK_ROUNDING);
  const blocked = summary !== null && summary.blocker !== null;

  return (
    <Dialog title="Return — take back points" onClose={close} variant="wide" className="returns" testId="returns-panel">
      <div className="returns__grid">
        <div className="returns__find">
          <Field
            label="Original sale — transaction id"
            hint="From the original receipt — type it or scan it"
            value={s.txnId}
            onValue={(v) => store.getState().setField('txnId', v)}
            error={s.errors.txnId}
            inputRef={txnRef}
            data-autofocus
            testId="return-txn"
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void store.getState().lookup();
              }
            }}
          />
          {perDay && (
            <Field
              label="Sale date (if not today)"
              type="date"
              value={s.businessDate}
              onValue={(v) => store.getState().setField('businessDate', v)}
              error={s.errors.businessDate}
              testId="return-date"
            />
          )}
          <Button variant="secondary" shortcut="Enter" onClick={() => void store.getState().lookup()} disabled={s.lookupPhase === 'loading'} testId="return-find">
            {s.lookupPhase === 'loading' ? 'Finding…' : 'Find sale'}
          </Button>
        </div>

        {summary !== null && (
          <div className="returns__summary" data-testid="return-summary" aria-live="polite">
            <p className="returns__sale">
              Sale <span className="mono">{summary.posTxnId}</span>
              {summary.saleTotalMinor !== null && <> · total {fmtMinor(summary.saleTotalMinor)}</>}
              {summary.award !== null && <> · {summary.award.memberId}</>}
              {summary.award !== null && <> · {fmtWhen(summary.award.createdAt)}</>}
            </p>
            <p className="returns__figures" data-testid="return-figures">
              <span>
                <strong>{fmtInt(summary.awarded)}</strong> awarded
              </span>
              <span aria-hidden="true"> · </span>
              <span>
                <strong>{fmtInt(returnedSoFar(summary))}</strong> returned
              </span>
              <span aria-hidden="true"> · </span>
              <span className="returns__reversible">
                <strong>{fmtInt(summary.reversible)}</strong> reversible
              </span>
            </p>
            {summary.pendingClawback > 0 && <p className="muted">{fmtPoints(summary.pendingClawback)} of the returned points are still being sent.</p>}
            {summary.blocker !== null && (
              <p className="form-error" role="alert" data-testid="return-blocker">
                <span aria-hidden="true">✕ </span>
                {summary.blocker}
              </p>
            )}
            {summary.redemptions.length > 0 && (
              <p className="returns__flag" role="note">
                <span aria-hidden="true">⚠ </span>A coupon was redeemed on this sale. The manager will be told about this return.
              </p>
            )}
          </div>
        )}
      </div>

      {summary !== null && !blocked && (
        <div className="returns__form">
          <Field
            label="Return id"
            hint="The return’s own transaction id"
            value={s.returnId}
            onValue={(v) => store.getState().setField('returnId', v)}
            error={s.errors.returnId}
            inputRef={returnIdRef}
            testId="return-id"
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                amountRef.current?.focus();
              }
            }}
          />
          <fieldset className="mode">
            <legend className="field__label">Take back</legend>
            <label className="mode__opt">
              <input type="radio" name="return-mode" checked={s.mode === 'proportional'} onChange={() => store.getState().setMode('proportional')} data-testid="return-mode-proportional" />
              In proportion to the amount returned
            </label>
            <label className="mode__opt">
              <input type="radio" name="return-mode" checked={s.mode === 'points'} onChange={() => store.getState().setMode('points')} data-testid="return-mode-points" />
              An exact number of points
            </label>
          </fieldset>
          {s.mode === 'proportional' ? (
            <Field
              label="Amount returned"
              inputMode="decimal"
              placeholder="0.00"
              value={s.amount}
              onValue={(v) => store.getState().setField('amount', v)}
              error={s.errors.amount}
              inputRef={amountRef}
              testId="return-amount"
              aside={
                <button type="button" className="link-btn" onClick={() => store.getState().returnEverything()} data-testid="return-everything">
                  Whole sale
                </button>
              }
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  submitRef.current?.focus();
                }
              }}
            />
          ) : (
            <Field
              label={`Points to take back (at most ${summary.reversible})`}
              inputMode="numeric"
              value={s.points}
              onValue={(v) => store.getState().setField('points', v)}
              error={s.errors.points}
              inputRef={amountRef}
              testId="return-points"
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  submitRef.current?.focus();
                }
              }}
            />
          )}
          <div className="returns__estimate" aria-live="polite" data-testid="return-estimate">
            {estimate?.ok === true && (
              <>
                Takes back <strong>{fmtPoints(estimate.points)}</strong>
                {estimate.capped && ' (capped at what is still reversible)'} · {fmtPoints(estimate.remainingAfter)} left reversible
              </>
            )}
            {estimate?.ok === false && <span className="preview__error">{estimate.message}</span>}
          </div>
          {s.errors.form !== undefined && (
            <p className="form-error" role="alert" data-testid="return-error">
              <span aria-hidden="true">✕ </span>
              {s.errors.form}
            </p>
          )}
          <Button
            ref={submitRef}
            variant="danger"
            size="large"
            shortcut="Enter"
            disabled={s.submitting || estimate?.ok !== true}
            onClick={() => void store.getState().submit()}
            testId="return-submit"
          >
            {s.submitting ? 'Taking back…' : estimate?.ok === true ? `Take back ${fmtPoints(estimate.points)}` : 'Take back points'}
          </Button>
        </div>
      )}

      <div ref={outcomeRef}>{s.outcome !== null && <OutcomeBanner view={s.outcome} testId="return-outcome" />}</div>

      <div className="dialog__footer">
        <Button variant="ghost" shortcut="Escape" onClick={close} testId="return-close">
          Close
        </Button>
      </div>
    </Dialog>
  );
}
