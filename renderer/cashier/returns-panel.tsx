/**
 * Returns: find the original sale by its POS transaction id, see "awarded 120 · returned 40 ·
 * 80 reversible", and take back all or part of it — proportional to the returned amount by
 * default, or an exact number of points — never more than is reversible.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/shallow';
import { defineMessages } from '@formatjs/intl';
import { useCurrency, useReturns, useRuntime, useSettings } from '../app/context.tsx';
import { formatAmount } from '../../shared/money.ts';
import { mainAmountText } from '../state/money-entry.ts';
import { fmtInt, fmtPoints, fmtWhen } from '../app/format.ts';
import { Button, Dialog, Field, FormError } from '../ui/index.ts';
import { useScanField } from '../app/use-scan-field.ts';
import { blockerText, CLAWBACK_ROUNDING, estimateReturn, returnedSoFar } from '../state/return-store.ts';
import { OutcomeBanner } from './outcome-banner.tsx';
import { useTranslator } from '../app/translate.tsx';

const M = defineMessages({
  title: { id: 'cashier.return.title', defaultMessage: 'Return — take back points', description: 'Returns dialog title' },
  scanOriginal: { id: 'cashier.return.scanOriginal', defaultMessage: 'original transaction id', description: 'Field name in "Scanned …" notices' },
  scanReturnId: { id: 'cashier.return.scanReturnId', defaultMessage: 'return id', description: 'Field name in "Scanned …" notices' },
  originalLabel: { id: 'cashier.return.originalLabel', defaultMessage: 'Original sale — transaction id', description: 'Field label' },
  originalHint: { id: 'cashier.return.originalHint', defaultMessage: 'From the original receipt — type it or scan it', description: 'Field hint' },
  dateLabel: { id: 'cashier.return.dateLabel', defaultMessage: 'Sale date (if not today)', description: 'Field label' },
  finding: { id: 'cashier.return.finding', defaultMessage: 'Finding…', description: 'Button while looking up' },
  find: { id: 'cashier.return.find', defaultMessage: 'Find sale', description: 'Button: look up the sale' },
  sale: { id: 'cashier.return.sale', defaultMessage: 'Sale {sale}', description: 'The found sale' },
  total: { id: 'cashier.return.total', defaultMessage: 'total {amount}', description: 'The found sale total' },
  awarded: { id: 'cashier.return.awarded', defaultMessage: '{n} awarded', description: 'Points awarded on the sale' },
  returned: { id: 'cashier.return.returned', defaultMessage: '{n} returned', description: 'Points already taken back' },
  reversible: { id: 'cashier.return.reversible', defaultMessage: '{n} reversible', description: 'Points that can still be taken back' },
  pending: { id: 'cashier.return.pending', defaultMessage: '{pts} of the returned points are still being sent.', description: 'Clawbacks not yet confirmed' },
  couponFlag: { id: 'cashier.return.couponFlag', defaultMessage: 'A coupon was redeemed on this sale. The manager will be told about this return.', description: 'Warning' },
  returnIdLabel: { id: 'cashier.return.returnIdLabel', defaultMessage: 'Return id', description: 'Field label' },
  returnIdHint: { id: 'cashier.return.returnIdHint', defaultMessage: 'The return’s own transaction id', description: 'Field hint' },
  takeBack: { id: 'cashier.return.takeBack', defaultMessage: 'Take back', description: 'Legend of the mode choice' },
  proportional: { id: 'cashier.return.proportional', defaultMessage: 'In proportion to the amount returned', description: 'Mode option' },
  exact: { id: 'cashier.return.exact', defaultMessage: 'An exact number of points', description: 'Mode option' },
  amountLabel: { id: 'cashier.return.amountLabel', defaultMessage: 'Amount returned', description: 'Field label' },
  wholeSale: { id: 'cashier.return.wholeSale', defaultMessage: 'Whole sale', description: 'Link button: the whole sale total' },
  pointsLabel: { id: 'cashier.return.pointsLabel', defaultMessage: 'Points to take back (at most {max})', description: 'Field label' },
  takesBack: { id: 'cashier.return.takesBack', defaultMessage: 'Takes back {pts}', description: 'Estimate' },
  capped: { id: 'cashier.return.capped', defaultMessage: '(capped at what is still reversible)', description: 'Estimate note' },
  leftReversible: { id: 'cashier.return.leftReversible', defaultMessage: '{pts} left reversible', description: 'Estimate: what stays reversible' },
  takingBack: { id: 'cashier.return.takingBack', defaultMessage: 'Taking back…', description: 'Button while sending' },
  takeBackN: { id: 'cashier.return.takeBackN', defaultMessage: 'Take back {pts}', description: 'Submit button' },
  takeBackPoints: { id: 'cashier.return.takeBackPoints', defaultMessage: 'Take back points', description: 'Submit button, no estimate' },
  close: { id: 'cashier.return.close', defaultMessage: 'Close', description: 'Button' },
});

export function ReturnsPanel({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const store = runtime.returns;
  const tr = useTranslator();
  const t = tr.t.bind(tr);
  const currency = useCurrency();
  const cashierLocale = { translator: () => tr, currency: () => currency };
  const s = useReturns(useShallow((r) => ({ ...r })));
  const perDay = useSettings((x) => x.settings?.txnIdScope === 'business-day');
  const txnRef = useRef<HTMLInputElement>(null);
  const returnIdRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useScanField(txnRef, t(M.scanOriginal), (v) => {
    store.getState().setField('txnId', v);
    void store.getState().lookup();
  });
  useScanField(returnIdRef, t(M.scanReturnId), (v) => {
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
  const estimate = estimateReturn(summary, s.mode, s.amount, s.points, CLAWBACK_ROUNDING, cashierLocale);
  const blocked = summary !== null && summary.blocker !== null;

  return (
    <Dialog title={t(M.title)} onClose={close} variant="wide" className="returns" testId="returns-panel" dismiss={{ label: t(M.close), testId: 'return-close' }}>
      <div className="returns__grid">
        <div className="returns__find">
          <Field
            label={t(M.originalLabel)}
            hint={t(M.originalHint)}
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
              label={t(M.dateLabel)}
              type="date"
              value={s.businessDate}
              onValue={(v) => store.getState().setField('businessDate', v)}
              error={s.errors.businessDate}
              testId="return-date"
            />
          )}
          <Button variant="secondary" shortcut="Enter" onClick={() => void store.getState().lookup()} disabled={s.lookupPhase === 'loading'} testId="return-find">
            {s.lookupPhase === 'loading' ? t(M.finding) : t(M.find)}
          </Button>
        </div>

        {summary !== null && (
          <div className="returns__summary" data-testid="return-summary" aria-live="polite">
            <p className="returns__sale">
              {t(M.sale, { sale: summary.posTxnId })}
              {summary.saleTotalMinor !== null && <> · {t(M.total, { amount: mainAmountText(summary.saleTotalMinor, cashierLocale) })}</>}
              {summary.award !== null && <> · {summary.award.memberId}</>}
              {summary.award !== null && <> · {fmtWhen(summary.award.createdAt, tr)}</>}
            </p>
            <p className="returns__figures" data-testid="return-figures">
              <span>{t(M.awarded, { n: fmtInt(summary.awarded, tr) })}</span>
              <span aria-hidden="true"> · </span>
              <span>{t(M.returned, { n: fmtInt(returnedSoFar(summary), tr) })}</span>
              <span aria-hidden="true"> · </span>
              <span className="returns__reversible">{t(M.reversible, { n: fmtInt(summary.reversible, tr) })}</span>
            </p>
            {summary.pendingClawback > 0 && <p className="muted">{t(M.pending, { pts: fmtPoints(summary.pendingClawback, false, tr) })}</p>}
            <FormError text={summary.blocker !== null ? blockerText(summary, tr) : undefined} testId="return-blocker" />
            {summary.redemptions.length > 0 && (
              <p className="returns__flag" role="note">
                <span aria-hidden="true">⚠ </span>{t(M.couponFlag)}
              </p>
            )}
          </div>
        )}
      </div>

      {summary !== null && !blocked && (
        <div className="returns__form">
          <Field
            label={t(M.returnIdLabel)}
            hint={t(M.returnIdHint)}
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
            <legend className="field__label">{t(M.takeBack)}</legend>
            <label className="mode__opt">
              <input type="radio" name="return-mode" checked={s.mode === 'proportional'} onChange={() => store.getState().setMode('proportional')} data-testid="return-mode-proportional" />
              {t(M.proportional)}
            </label>
            <label className="mode__opt">
              <input type="radio" name="return-mode" checked={s.mode === 'points'} onChange={() => store.getState().setMode('points')} data-testid="return-mode-points" />
              {t(M.exact)}
            </label>
          </fieldset>
          {s.mode === 'proportional' ? (
            <Field
              label={t(M.amountLabel)}
              inputMode="decimal"
              placeholder={formatAmount(0, currency, tr.locale)}
              value={s.amount}
              onValue={(v) => store.getState().setField('amount', v)}
              error={s.errors.amount}
              inputRef={amountRef}
              testId="return-amount"
              aside={
                <button type="button" className="link-btn" onClick={() => store.getState().returnEverything()} data-testid="return-everything">
                  {t(M.wholeSale)}
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
              label={t(M.pointsLabel, { max: fmtInt(summary.reversible, tr) })}
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
                <strong>{t(M.takesBack, { pts: fmtPoints(estimate.points, false, tr) })}</strong>
                {estimate.capped && ` ${t(M.capped)}`} · {t(M.leftReversible, { pts: fmtPoints(estimate.remainingAfter, false, tr) })}
              </>
            )}
            {estimate?.ok === false && <span className="preview__error">{estimate.message}</span>}
          </div>
          <FormError text={s.errors.form} testId="return-error" />
          <Button
            ref={submitRef}
            variant="danger"
            size="large"
            shortcut="Enter"
            disabled={s.submitting || estimate?.ok !== true}
            onClick={() => void store.getState().submit()}
            testId="return-submit"
          >
            {s.submitting ? t(M.takingBack) : estimate?.ok === true ? t(M.takeBackN, { pts: fmtPoints(estimate.points, false, tr) }) : t(M.takeBackPoints)}
          </Button>
        </div>
      )}

      <div ref={outcomeRef}>{s.outcome !== null && <OutcomeBanner view={s.outcome} testId="return-outcome" />}</div>
    </Dialog>
  );
}
