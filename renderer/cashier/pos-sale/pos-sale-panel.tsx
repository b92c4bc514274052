/**
 * The sale the POS handed over, in place of the typed-sale form: "Sale 90871 · 19.99 — scan the
 * member", the transaction and total filled in and read-only, the points for the member on the
 * card, and Award (or nothing to press when the store awards as soon as the card is shown).
 * Once the sale is done (awarded, cancelled or closed by the POS) the receipt lines show until
 * the cashier presses Done, and the typed-sale form comes back.
 */
import { useEffect, useRef } from 'react';
import { defineMessages } from '@formatjs/intl';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import type { PosSaleState as PosSaleStateName } from '../../../shared/pos/schemas.ts';
import { useMember, useRuntime, useSettings } from '../../app/context.tsx';
import { fmtExplanation, fmtMachineAmount, fmtPoints } from '../../app/format.ts';
import { useShortcut } from '../../app/shortcuts.ts';
import { awardBlocker } from '../../state/member-store.ts';
import { isWaiting } from '../../state/pos-sale-store.ts';
import { Button, Chip, ErrorBanner, Field, Skeleton, type ChipTone } from '../../ui/index.ts';
import { OutcomeBanner } from '../outcome-banner.tsx';
import './pos-sale.css';
import { useT, useTranslator } from '../../app/translate.tsx';

export const POS_SALE_VIEW_MESSAGES = defineMessages({
  titleWaiting: { id: 'posLink.sale.titleWaiting', defaultMessage: 'Sale {sale} · {total} — scan the member', description: 'Cashier: a POS sale waits for the member; {sale} is the transaction id, {total} the amount' },
  title: { id: 'posLink.sale.title', defaultMessage: 'Sale {sale} · {total}', description: 'Cashier: a POS sale that is done; {sale} is the transaction id, {total} the amount' },
  txn: { id: 'posLink.sale.txn', defaultMessage: 'Transaction id', description: 'Cashier: label of the read-only transaction id from the POS' },
  total: { id: 'posLink.sale.total', defaultMessage: 'Sale total', description: 'Cashier: label of the read-only sale total from the POS' },
  fromPos: { id: 'posLink.sale.fromPos', defaultMessage: 'From the POS', description: 'Cashier: hint under the read-only fields (they came from the POS)' },
  earnBase: { id: 'posLink.sale.earnBase', defaultMessage: 'Points on {amount}: gift cards, tobacco and deposits earn none.', description: 'Cashier: only part of the POS sale earns points; {amount} is that part' },
  scanMember: { id: 'posLink.sale.scanMember', defaultMessage: 'Scan the member’s card to award the points.', description: 'Cashier: the POS sale waits for a member card' },
  cardLoading: { id: 'posLink.sale.cardLoading', defaultMessage: 'Loading the member card…', description: 'Cashier: the member card is loading' },
  cardProblem: { id: 'posLink.sale.cardProblem', defaultMessage: 'The member card is not complete. Reload it (F5) or scan it again.', description: 'Cashier: the member card did not fully load, so nothing can be awarded' },
  nudge: {
    id: 'posLink.sale.nudge',
    defaultMessage: 'This sale has waited over {seconds, plural, one {# second} other {# seconds}} without a member. Ask for the loyalty card, or the POS records it as a sale without a member.',
    description: 'Cashier: visible nudge when a POS sale waits too long without a member card',
  },
  working: { id: 'posLink.sale.working', defaultMessage: 'Working out the points…', description: 'Cashier: the points preview is loading' },
  award: { id: 'posLink.sale.award', defaultMessage: 'Award {points}', description: 'Cashier: confirm button; {points} like "249 pts"' },
  awardPlain: { id: 'posLink.sale.awardPlain', defaultMessage: 'Award points', description: 'Cashier: confirm button before the points are known' },
  awarding: { id: 'posLink.sale.awarding', defaultMessage: 'Awarding…', description: 'Cashier: confirm button while the award is sent' },
  autoAward: { id: 'posLink.sale.autoAward', defaultMessage: 'The points are awarded as soon as the card is shown.', description: 'Cashier: the store awards POS sales without the confirm step' },
  receipt: { id: 'posLink.sale.receipt', defaultMessage: 'On the POS receipt', description: 'Cashier: heading over the lines the POS prints' },
  done: { id: 'posLink.sale.done', defaultMessage: 'Done', description: 'Cashier: close a finished POS sale and go back to the typed-sale form' },
  cancelledNote: { id: 'posLink.sale.cancelledNote', defaultMessage: 'The POS cancelled this sale.', description: 'Cashier: the POS voided the sale' },
  noMemberNote: { id: 'posLink.sale.noMemberNote', defaultMessage: 'The POS moved on: this sale was recorded without a member and nothing was sent.', description: 'Cashier: the POS moved to the next sale without a member' },
  stateWaiting: { id: 'posLink.state.waiting', defaultMessage: 'Waiting for the member', description: 'POS sale state chip' },
  stateAwarded: { id: 'posLink.state.awarded', defaultMessage: 'Awarded', description: 'POS sale state chip' },
  statePending: { id: 'posLink.state.pending', defaultMessage: 'Points on their way', description: 'POS sale state chip' },
  stateNoMember: { id: 'posLink.state.noMember', defaultMessage: 'No member', description: 'POS sale state chip' },
  stateCancelled: { id: 'posLink.state.cancelled', defaultMessage: 'Cancelled', description: 'POS sale state chip' },
});

const M = POS_SALE_VIEW_MESSAGES;

const STATE_VIEW: Record<PosSaleStateName, { tone: ChipTone; label: (typeof M)[keyof typeof M] }> = {
  'waiting-for-member': { tone: 'wait', label: M.stateWaiting },
  awarded: { tone: 'ok', label: M.stateAwarded },
  pending: { tone: 'wait', label: M.statePending },
  'no-member': { tone: 'warn', label: M.stateNoMember },
  cancelled: { tone: 'done', label: M.stateCancelled },
};

export function PosSalePanel({ active }: { active: boolean }) {
  const runtime = useRuntime();
  const t = useT();
  const tr = useTranslator();
  const store = runtime.posSale;
  const pos = useStore(
    store,
    useShallow((s) => ({ current: s.current, preview: s.preview, awarding: s.awarding, outcome: s.outcome, error: s.error, nudge: s.nudge })),
  );
  const member = useMember(useShallow((s) => ({ phase: s.phase, card: s.card, memberId: s.memberId, refreshing: s.refreshing })));
  const autoAward = useSettings((s) => s.settings?.posLink.autoAwardWhenCardShown ?? false);
  const nudgeSeconds = useSettings((s) => s.settings?.posLink.noMemberNudgeSeconds ?? 45);
  const awardRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const waiting = isWaiting(pos);
  // Only the points for the card on screen; while it reloads (scanned again) the old figure is not shown.
  const preview = pos.preview !== null && pos.preview.memberId === member.memberId && pos.preview.cardAt === member.card?.fetchedAt && !member.refreshing ? pos.preview : null;
  const ready = preview?.phase === 'ready' && preview.value !== null ? preview.value : null;

  // The points are known: Enter confirms (the button has focus, as in the typed-sale form).
  useEffect(() => {
    if (active && waiting && ready !== null && !autoAward) awardRef.current?.focus();
  }, [active, waiting, ready, autoAward]);
  // The sale is done: Enter closes it.
  const shown = pos.current;
  useEffect(() => {
    if (active && !waiting && shown !== null) doneRef.current?.focus();
  }, [active, waiting, shown]);
  useShortcut('F2', () => store.getState().dismiss(), { enabled: active && !waiting && pos.current !== null });

  if (pos.current === null) return null;
  const { sale } = pos.current;
  const total = fmtMachineAmount(sale.total, sale.currency, tr);
  const titleValues = { sale: sale.posTxnId, total };
  const blocker = awardBlocker(member);
  const cardHint = member.phase === 'idle' ? M.scanMember : member.phase === 'loading' ? M.cardLoading : blocker !== null ? M.cardProblem : null;
  const state = STATE_VIEW[sale.state];

  return (
    <section className="award pos-sale" aria-labelledby="pos-sale-title" data-testid="pos-sale" data-state={sale.state}>
      <h2 id="pos-sale-title" className="panel-title pos-sale__title" data-testid="pos-sale-title">
        {t(waiting ? M.titleWaiting : M.title, titleValues)}
      </h2>
      <p className="pos-sale__state">
        <Chip tone={state.tone}>
          <span data-testid="pos-sale-state" data-state={sale.state}>
            {t(state.label)}
          </span>
        </Chip>
      </p>
      <div className="award__fields">
        <Field label={t(M.txn)} hint={t(M.fromPos)} value={sale.posTxnId} onValue={() => undefined} readOnly testId="pos-sale-txn" />
        <Field label={t(M.total)} value={total} onValue={() => undefined} readOnly testId="pos-sale-total" />
      </div>
      {sale.earnBase !== sale.total && <p className="pos-sale__note">{t(M.earnBase, { amount: fmtMachineAmount(sale.earnBase, sale.currency, tr) })}</p>}

      {waiting && pos.nudge && (
        <p className="banner banner--warn pos-sale__nudge" role="alert" data-testid="pos-sale-nudge">
          {t(M.nudge, { seconds: nudgeSeconds })}
        </p>
      )}

      {waiting && (
        <>
          {cardHint !== null && (
            <p className="award__blocked" data-testid="pos-sale-hint">
              {t(cardHint)}
            </p>
          )}
          <div className="preview" aria-live="polite" data-testid="pos-sale-preview">
            {preview?.phase === 'loading' && (
              <>
                <span className="visually-hidden">{t(M.working)}</span>
                <Skeleton className="skeleton--figure" />
              </>
            )}
            {ready !== null && (
              <>
                <span className="preview__points" data-testid="pos-sale-points">
                  {fmtPoints(ready.points, true, tr)}
                </span>
                <span className="preview__why">{fmtExplanation(ready, sale.currency, tr)}</span>
              </>
            )}
            {preview?.phase === 'error' && (
              <span className="preview__error" role="alert">
                {preview.message}
              </span>
            )}
          </div>
          {autoAward ? (
            <p className="pos-sale__note" data-testid="pos-sale-auto">
              {t(pos.awarding ? M.awarding : M.autoAward)}
            </p>
          ) : (
            <Button
              ref={awardRef}
              variant="honor"
              size="large"
              shortcut="Enter"
              disabled={blocker !== null || ready === null || pos.awarding || member.refreshing}
              onClick={() => void store.getState().award()}
              testId="pos-sale-award"
            >
              {pos.awarding ? t(M.awarding) : ready !== null ? t(M.award, { points: fmtPoints(ready.points, false, tr) }) : t(M.awardPlain)}
            </Button>
          )}
        </>
      )}

      <ErrorBanner error={pos.error} testId="pos-sale-error" />
      {pos.outcome !== null && <OutcomeBanner view={pos.outcome} testId="pos-sale-outcome" />}

      {sale.state === 'cancelled' && <p className="pos-sale__note">{t(M.cancelledNote)}</p>}
      {sale.state === 'no-member' && <p className="pos-sale__note">{t(M.noMemberNote)}</p>}
      {sale.receiptLines.length > 0 && (
        <section className="pos-sale__receipt" aria-labelledby="pos-sale-receipt-title">
          <h3 id="pos-sale-receipt-title" className="pos-sale__receipt-title">
            {t(M.receipt)}
          </h3>
          <ul className="pos-sale__lines mono" data-testid="pos-sale-receipt">
            {sale.receiptLines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {!waiting && (
        <Button ref={doneRef} variant="primary" size="large" shortcut="F2" onClick={() => store.getState().dismiss()} testId="pos-sale-done">
          {t(M.done)}
        </Button>
      )}
    </section>
  );
}
