/** An award/return outcome, unmistakable: colour + icon + capital headline + what to do. */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { OutcomeView } from '../state/outcome.ts';

import { describeOutcome } from './outcome-text.ts';
import { formatClock } from '../../shared/time/date-format.ts';
import { OUTCOME_CLASS } from '../styles/tone-classes.ts';
import { useTranslator } from '../app/translate.tsx';

export function OutcomeBanner({ view, onDismiss, testId = 'outcome' }: { view: OutcomeView; onDismiss?: () => void; testId?: string }) {
  const tr = useTranslator();
  const text = describeOutcome(view, undefined, tr);
  return (
    <div
      className={`outcome ${OUTCOME_CLASS[text.tone]}`}
      role={text.urgent ? 'alert' : 'status'}
      data-testid={testId}
      data-status={view.status}
      data-kind={view.kind}
    >
      <span className="outcome__icon" aria-hidden="true">
        {text.icon}
      </span>
      <div className="outcome__body">
        <p className="outcome__title" data-testid={`${testId}-title`}>
          {text.title}
        </p>
        <p className="outcome__detail">{text.detail}</p>
        <p className="outcome__subject">{text.subject}</p>
        {text.note !== null && text.note !== text.detail && <p className="outcome__note">{text.note}</p>}
      </div>
      {onDismiss !== undefined && (
        <button type="button" className="outcome__close" onClick={onDismiss} aria-label={tr.t(M.dismiss)}>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}

const M = defineMessages({
  dismiss: { id: 'cashier.outcome.dismiss', defaultMessage: 'Dismiss this message', description: 'Accessible name of the close button on an outcome' },
  recent: { id: 'cashier.recent.title', defaultMessage: 'Recent on this till', description: 'Heading of the last few outcomes' },
  confirmed: { id: 'cashier.recent.confirmed', defaultMessage: 'Done', description: 'Recent outcome status' },
  duplicate: { id: 'cashier.recent.duplicate', defaultMessage: 'Already done', description: 'Recent outcome status' },
  queued: { id: 'cashier.recent.queued', defaultMessage: 'Queued', description: 'Recent outcome status' },
  checking: { id: 'cashier.recent.checking', defaultMessage: 'Checking', description: 'Recent outcome status' },
  needsAttention: { id: 'cashier.recent.needsAttention', defaultMessage: 'Needs attention', description: 'Recent outcome status' },
  rejected: { id: 'cashier.recent.rejected', defaultMessage: 'Refused', description: 'Recent outcome status' },
  resolved: { id: 'cashier.recent.resolved', defaultMessage: 'Resolved', description: 'Recent outcome status' },
});

const STATUS_WORD: Record<OutcomeView['status'], MessageDescriptor> = {
  confirmed: M.confirmed,
  duplicate: M.duplicate,
  queued: M.queued,
  checking: M.checking,
  'needs-attention': M.needsAttention,
  rejected: M.rejected,
  resolved: M.resolved,
};

const STATUS_ICON: Record<OutcomeView['status'], string> = {
  confirmed: '✓',
  duplicate: '!',
  queued: '→',
  checking: '…',
  'needs-attention': '⚠',
  rejected: '✕',
  resolved: 'i',
};

/** The last few awards on this till, so an outcome is never lost when the next customer comes. */
export function RecentOutcomes({ items }: { items: readonly OutcomeView[] }) {
  const tr = useTranslator();
  if (items.length === 0) return null;
  return (
    <section className="recent" aria-labelledby="recent-title" data-testid="recent-outcomes">
      <h3 id="recent-title" className="section-title">
        {tr.t(M.recent)}
      </h3>
      <ul className="recent__list">
        {items.map((v) => (
          <li key={v.key} className={`recent__item recent__item--${v.status}`} data-status={v.status}>
            <span className="recent__status">
              <span aria-hidden="true">{STATUS_ICON[v.status]} </span>
              {tr.t(STATUS_WORD[v.status])}
            </span>
            <span className="recent__who">{v.memberName ?? v.memberId}</span>
            <span className="recent__sale mono">{v.posTxnId}</span>
            <span className="recent__pts">{v.kind === 'award' ? `+${v.points}` : `−${Math.abs(v.points)}`}</span>
            <span className="recent__time">{formatClock(v.at, tr.locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
