/**
 * Award points for a sale: transaction id (typed or scanned from the receipt) → sale total →
 * Enter shows the preview → Enter confirms. Disabled until the member card is loaded. The
 * outcome banner shows the latest award whichever member it was for.
 */
import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/shallow';
import { formatAmount, parseMoney } from '../../shared/money.ts';
import { defineMessages } from '@formatjs/intl';
import { useAward, useCurrency, useMember, useRuntime, useStatus } from '../app/context.tsx';
import { fmtExplanation, fmtPoints } from '../app/format.ts';
import { useShortcut } from '../app/shortcuts.ts';
import { Button, Field, FormError, Skeleton } from '../ui/index.ts';
import { useScanField } from '../app/use-scan-field.ts';
import { isLocked, openSaleTxnId, previewKey } from '../state/award-store.ts';
import { awardBlocker } from '../state/member-store.ts';
import { OutcomeBanner, RecentOutcomes } from './outcome-banner.tsx';
import { useTranslator } from '../app/translate.tsx';

const M = defineMessages({
  title: { id: 'cashier.award.title', defaultMessage: 'Award points', description: 'Award panel heading' },
  txnLabel: { id: 'cashier.award.txnLabel', defaultMessage: 'Transaction id', description: 'Field: the POS transaction id of the sale' },
  txnHint: { id: 'cashier.award.txnHint', defaultMessage: 'Type it or scan the receipt', description: 'Hint under the transaction id field' },
  txnScanName: { id: 'cashier.award.txnScanName', defaultMessage: 'transaction id', description: 'Field name in "Scanned …" notices' },
  totalLabel: { id: 'cashier.award.totalLabel', defaultMessage: 'Sale total', description: 'Field: the sale total the cashier types' },
  working: { id: 'cashier.award.working', defaultMessage: 'Working out the points…', description: 'Screen-reader text while the preview loads' },
  hint: { id: 'cashier.award.hint', defaultMessage: 'Enter the total, then press ⏎ to see the points.', description: 'Hint before a preview exists' },
  newSale: { id: 'cashier.award.newSale', defaultMessage: 'New sale for this member', description: 'Button after an award: start another sale' },
  awarding: { id: 'cashier.award.awarding', defaultMessage: 'Awarding…', description: 'Confirm button while sending' },
  awardN: { id: 'cashier.award.awardN', defaultMessage: 'Award {pts}', description: 'Confirm button; {pts} e.g. 120 pts' },
  openSale: { id: 'cashier.award.openSale', defaultMessage: 'Sale {sale} is open: coupons redeemed now are linked to it.', description: 'Note: coupons redeemed now link to this sale' },
});

export function AwardPanel({ active }: { active: boolean }) {
  const runtime = useRuntime();
  const award = useAward(
    useShallow((s) => ({
      txnId: s.txnId,
      total: s.total,
      errors: s.errors,
      preview: s.preview,
      submitting: s.submitting,
      locked: isLocked(s),
      banner: s.banner,
      recent: s.recent,
    })),
  );
  const member = useMember(useShallow((s) => ({ phase: s.phase, card: s.card, memberId: s.memberId, loadSeq: s.loadSeq })));
  const tr = useTranslator();
  const t = tr.t.bind(tr);
  const currency = useCurrency();
  const writesStopped = useStatus((s) => s.writesStopped);
  const blocker = awardBlocker(member, t) ?? writesStopped;
  const disabled = blocker !== null;
  const txnRef = useRef<HTMLInputElement>(null);
  const totalRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const newSaleRef = useRef<HTMLButtonElement>(null);
  const store = runtime.award;

  useScanField(txnRef, t(M.txnScanName), (value) => {
    store.getState().setTxnId(value);
    totalRef.current?.focus();
  });

  // A new member's card arrived: the next thing to type is the transaction id.
  useEffect(() => {
    if (member.loadSeq > 0 && active) txnRef.current?.focus();
  }, [member.loadSeq, active]);

  // Once the sale has an outcome, the next step is another sale (or the next customer).
  useEffect(() => {
    if (award.locked && active) newSaleRef.current?.focus();
  }, [award.locked, active]);

  const currentKey = previewKey(member.memberId, award.total);
  const preview = award.preview.phase !== 'none' && award.preview.key === currentKey ? award.preview : null;
  const ready = preview?.phase === 'ready' ? preview : null;

  // Show the points as the total is typed (the Enter step still comes before confirming).
  useEffect(() => {
    if (disabled || award.locked || award.total.trim() === '') return;
    const t = setTimeout(() => {
      const s = store.getState();
      if (s.total.trim() !== '' && parseMoney(s.total, { currency, locale: tr.locale }).ok) void s.requestPreview();
    }, 450);
    return () => clearTimeout(t);
  }, [award.total, disabled, award.locked, store, currency, tr.locale]);

  const onTxnEnter = (): void => {
    if (award.txnId.trim() === '') {
      void store.getState().submit(); // shows what is missing
      return;
    }
    totalRef.current?.focus();
  };

  const onTotalEnter = async (): Promise<void> => {
    // After the preview renders, the confirm button is enabled: Enter again confirms.
    if (await store.getState().requestPreview()) setTimeout(() => confirmRef.current?.focus(), 0);
  };

  const newSale = (): void => {
    store.getState().newSale();
    setTimeout(() => txnRef.current?.focus(), 0);
  };
  useShortcut('F2', newSale, { enabled: active && member.phase === 'loaded' });

  const openSale = openSaleTxnId(award, member);

  return (
    <section className="award" aria-labelledby="award-title" data-testid="award-panel">
      <h2 id="award-title" className="panel-title">
        {t(M.title)}
      </h2>
      {blocker !== null && (
        <p className="award__blocked" data-testid="award-blocked">
          {blocker}
        </p>
      )}
      <div className="award__fields">
        <Field
          label={t(M.txnLabel)}
          hint={t(M.txnHint)}
          value={award.txnId}
          onValue={(v) => store.getState().setTxnId(v)}
          error={award.errors.txnId}
          disabled={disabled}
          readOnly={award.locked}
          inputRef={txnRef}
          testId="award-txn"
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onTxnEnter();
            }
          }}
        />
        <Field
          label={t(M.totalLabel)}
          value={award.total}
          onValue={(v) => store.getState().setTotal(v)}
          error={award.errors.total}
          disabled={disabled}
          readOnly={award.locked}
          inputMode="decimal"
          placeholder={formatAmount(0, currency, tr.locale)}
          inputRef={totalRef}
          testId="award-total"
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void onTotalEnter();
            }
          }}
        />
      </div>

      <div className={`preview${award.locked ? ' preview--locked' : ''}`} aria-live="polite" data-testid="award-preview">
        {preview?.phase === 'loading' && (
          <>
            <span className="visually-hidden">{t(M.working)}</span>
            <Skeleton className="skeleton--figure" />
          </>
        )}
        {ready !== null && !award.locked && (
          <>
            <span className="preview__points" data-testid="award-preview-points">
              {fmtPoints(ready.value.points, true, tr)}
            </span>
            <span className="preview__why">{fmtExplanation(ready.value, currency, tr)}</span>
          </>
        )}
        {preview?.phase === 'error' && (
          <span className="preview__error" role="alert">
            {preview.message}
          </span>
        )}
        {preview === null && !disabled && !award.locked && <span className="preview__hint">{t(M.hint)}</span>}
      </div>

      <FormError text={award.errors.form} testId="award-error" />

      {award.locked ? (
        <Button ref={newSaleRef} variant="secondary" shortcut="F2" onClick={newSale} testId="award-new-sale">
          {t(M.newSale)}
        </Button>
      ) : (
        <Button
          ref={confirmRef}
          variant="primary"
          size="large"
          shortcut="Enter"
          disabled={disabled || ready === null || award.submitting}
          onClick={() => void store.getState().submit()}
          testId="award-confirm"
        >
          {award.submitting ? t(M.awarding) : ready !== null ? t(M.awardN, { pts: fmtPoints(ready.value.points, false, tr) }) : t(M.title)}
        </Button>
      )}

      {openSale !== null && (
        <p className="award__open-sale" data-testid="open-sale">
          {t(M.openSale, { sale: openSale })}
        </p>
      )}

      {award.banner !== null && <OutcomeBanner view={award.banner} onDismiss={() => store.getState().dismissBanner()} />}
      <RecentOutcomes items={award.recent} />
    </section>
  );
}
