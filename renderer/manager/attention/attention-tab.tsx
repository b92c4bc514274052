/**
 * What waits for a person: writes whose outcome is unknown or that need a manager's decision, and
 * the exceptions queue — returns of sales on which a coupon was redeemed (SocialHub cannot
 * un-redeem, so the manager records what was done).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { defineMessage, defineMessages } from '@formatjs/intl';
import { formatDateTime } from '../format.ts';
import { fmtSigned } from '../../app/format.ts';
import { Button, Card, ErrorBanner, Field, Form, StateChip, StatusLine, Table } from '../../ui/index.ts';
import { journalRowColumns } from '../transactions/row-columns.tsx';
import { useAttention, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { draftOf, type ExceptionItem } from './attention-store.ts';
import { DECISIONS, type DecisionId } from './decision.ts';
import { useT, useTranslator } from '../../app/translate.tsx';

const M = defineMessages({
  title: { id: 'manager.attention.title', defaultMessage: 'Unfinished writes that need a person', description: 'Heading of the needs-attention list' },
  hint: {
    id: 'manager.attention.hint',
    defaultMessage: 'Outcome unknown or needing a decision. Open one to verify it with SocialHub, resend it (only once verification proves it safe) or mark it resolved with a reason.',
    description: 'What the needs-attention list is and what a manager can do',
  },
  refresh: { id: 'manager.attention.refresh', defaultMessage: 'Refresh', description: 'Button: read the list again' },
  changed: { id: 'manager.attention.changed', defaultMessage: 'Changed: refresh', description: 'Button: the list changed since it was read; read it again' },
  loading: { id: 'manager.attention.loading', defaultMessage: 'Loading…', description: 'The list is being read' },
  empty: { id: 'manager.attention.empty', defaultMessage: 'Nothing needs attention.', description: 'No unfinished write waits for a person' },
  caption: { id: 'manager.attention.caption', defaultMessage: 'Unfinished writes, newest first', description: 'Accessible caption of the needs-attention table' },
  excTitle: { id: 'manager.attention.exceptions.title', defaultMessage: 'Returns of sales with a redeemed coupon', description: 'Heading of the exceptions queue' },
  excHint: {
    id: 'manager.attention.exceptions.hint',
    defaultMessage: 'SocialHub cannot un-redeem a coupon. Decide what to do for the member and record it; the decision is kept in the journal.',
    description: 'What the exceptions queue is for',
  },
  excEmpty: { id: 'manager.attention.exceptions.empty', defaultMessage: 'No return is waiting for a decision.', description: 'The exceptions queue is empty' },
  redeemedOn: { id: 'manager.attention.exceptions.redeemedOn', defaultMessage: 'Coupons redeemed on that sale:', description: 'Lead-in to the list of coupons redeemed on the returned sale' },
  whatDone: { id: 'manager.attention.exceptions.whatDone', defaultMessage: 'What was done?', description: 'Legend of the decision choices' },
  note: { id: 'manager.attention.exceptions.note', defaultMessage: 'Note', description: 'Label of the decision note' },
  noteHint: { id: 'manager.attention.exceptions.noteHint', defaultMessage: 'Kept with the return in the journal.', description: 'Where the decision note is kept' },
  saving: { id: 'manager.attention.exceptions.saving', defaultMessage: 'Saving…', description: 'The decision is being recorded' },
  record: { id: 'manager.attention.exceptions.record', defaultMessage: 'Record decision', description: 'Button: record the decision' },
  reinstated: { id: 'manager.attention.decision.reinstated', defaultMessage: 'Coupon or points given back to the member', description: 'Decision choice' },
  kept: { id: 'manager.attention.decision.kept', defaultMessage: 'Member keeps the reward (no action)', description: 'Decision choice' },
  charged: { id: 'manager.attention.decision.charged', defaultMessage: 'Reward value taken from the refund', description: 'Decision choice' },
  other: { id: 'manager.attention.decision.other', defaultMessage: 'Something else (describe it)', description: 'Decision choice' },
});

const TOTAL = defineMessage<{ count: number; shown: number; more: 'yes' | 'no' }>({
  id: 'manager.attention.total',
  defaultMessage: '{count, plural, one {# entry} other {# entries}}{more, select, yes { (the newest {shown} shown; filter the Transactions tab for the rest)} other {}}',
  description: 'How many entries need attention; more=yes when only the newest are listed',
});
const SHOW_DONE = defineMessage<{ show: 'yes' | 'no'; count: number }>({
  id: 'manager.attention.exceptions.showDone',
  defaultMessage: '{show, select, yes {Show} other {Hide}} decided ({count})',
  description: 'Button: show or hide the returns already decided',
});
const RETURN_HEADING = defineMessage<{ ret: string; sale: string; member: string }>({
  id: 'manager.attention.exceptions.heading',
  defaultMessage: 'Return {ret} of sale {sale} · member {member}',
  description: 'Heading of one exception: the return, its sale and the member',
});
const CLAWED = defineMessage<{ when: string; points: string }>({
  id: 'manager.attention.exceptions.clawed',
  defaultMessage: '{when} · {points} points clawed back ·',
  description: 'When the return was recorded and the points taken back',
});
const OPEN_RETURN = defineMessage<{ id: string }>({ id: 'manager.attention.exceptions.openReturn', defaultMessage: 'Open return #{id}', description: 'Link: open the return in the journal' });
const OPEN_REDEMPTION = defineMessage<{ id: string }>({
  id: 'manager.attention.exceptions.openRedemption',
  defaultMessage: 'Open redemption #{id}',
  description: 'Link: open the coupon redemption in the journal',
});
const DECIDED = defineMessage<{ when: string; by: string; note: string }>({
  id: 'manager.attention.exceptions.decided',
  defaultMessage: '{by, select, none {Decided {when}: {note}} other {Decided {when} by {by}: {note}}}',
  description: 'A recorded decision: when, by whom (none when unknown) and the note',
});

const DECISION_LABELS: Record<DecisionId, (typeof M)[DecisionId]> = { reinstated: M.reinstated, kept: M.kept, charged: M.charged, other: M.other };

export function AttentionTab({ active }: { active: boolean }) {
  const attention = useManagerData().attention;
  useEffect(() => (active ? attention.getState().activate() : undefined), [active, attention]);
  return (
    <div className="mgr-tab" data-testid="tab-attention">
      <NeedsAttention />
      <Exceptions />
    </div>
  );
}

function NeedsAttention() {
  const tr = useTranslator();
  const t = tr.t;
  const translate = useT();
  const openRow = useOpenRow();
  const attention = useManagerData().attention;
  const rows = useAttention((s) => s.rows);
  const total = useAttention((s) => s.total);
  const error = useAttention((s) => s.rowsError);
  const stale = useAttention((s) => s.rowsStale);
  const load = () => void attention.getState().loadRows();

  return (
    <Card title={t(M.title)} hint={t(M.hint)} testId="attention-unfinished">
      <Loaded list={rows} stale={stale} error={error} onRefresh={load} refreshTestId="attention-refresh" empty={t(M.empty)} emptyTestId="attention-empty">
        {(shown) => (
          <>
            <p data-testid="attention-total">{t(TOTAL, { count: total, shown: shown.length, more: total > shown.length ? 'yes' : 'no' })}</p>
            <Table
              caption={t(M.caption)}
              columns={journalRowColumns(['recorded', 'kind', 'member', 'reference', 'points', 'state', 'lastError', 'open'], translate, tr, openRow)}
              rows={shown}
              rowKey={(r) => r.id}
              rowTestId="attention-row"
              rowData={(r) => ({ 'row-id': r.id })}
            />
          </>
        )}
      </Loaded>
    </Card>
  );
}

function Exceptions() {
  const t = useT();
  const attention = useManagerData().attention;
  const items = useAttention((s) => s.items);
  const error = useAttention((s) => s.itemsError);
  const stale = useAttention((s) => s.itemsStale);
  // Whether decided returns are listed too: only how the screen looks.
  const [showDone, setShowDone] = useState(false);
  const load = () => void attention.getState().loadItems();

  const open = items?.filter((i) => i.decision === null) ?? [];
  const done = items?.filter((i) => i.decision !== null) ?? [];

  return (
    <Card title={t(M.excTitle)} hint={t(M.excHint)} testId="attention-exceptions">
      <Loaded list={items === null ? null : open} stale={stale} error={error} onRefresh={load} refreshTestId="exceptions-refresh" empty={t(M.excEmpty)} emptyTestId="exceptions-empty">
        {(shown) => <ExceptionList items={shown} />}
      </Loaded>
      {done.length > 0 && (
        <>
          <Button variant="ghost" aria-expanded={showDone} onClick={() => setShowDone((v) => !v)} testId="exceptions-show-done">
            {t(SHOW_DONE, { show: showDone ? 'no' : 'yes', count: done.length })}
          </Button>
          {showDone && <ExceptionList items={done} />}
        </>
      )}
    </Card>
  );
}

/**
 * A list the tab loads: its refresh button (it says when the list changed since), the load error,
 * then "loading", the empty note, or the list.
 */
function Loaded<T>({
  list,
  stale,
  error,
  onRefresh,
  refreshTestId,
  empty,
  emptyTestId,
  children,
}: {
  list: readonly T[] | null;
  stale: boolean;
  error: string | null;
  onRefresh: () => void;
  refreshTestId: string;
  empty: string;
  emptyTestId: string;
  children: (list: readonly T[]) => ReactNode;
}) {
  const t = useT();
  return (
    <>
      <div className="mgr-row-gap">
        <Button size="small" variant={stale ? 'notice' : 'secondary'} onClick={onRefresh} testId={refreshTestId}>
          {stale ? t(M.changed) : t(M.refresh)}
        </Button>
      </div>
      <ErrorBanner error={error} />
      {list === null ? (
        <p role="status">{t(M.loading)}</p>
      ) : list.length === 0 ? (
        <p className="mgr-empty" data-testid={emptyTestId}>
          {empty}
        </p>
      ) : (
        children(list)
      )}
    </>
  );
}

function ExceptionList({ items }: { items: readonly ExceptionItem[] }) {
  return (
    <ul className="mgr-cards">
      {items.map((item) => (
        <ExceptionCard key={item.clawback.id} item={item} />
      ))}
    </ul>
  );
}

function ExceptionCard({ item }: { item: ExceptionItem }) {
  const tr = useTranslator();
  const t = tr.t;
  const openRow = useOpenRow();
  const attention = useManagerData().attention;
  const c = item.clawback;
  const draft = useAttention((s) => draftOf(s, c.id));
  const { decision, words, busy, saved } = draft;
  const problem = draft.problem ?? undefined;
  const error = draft.error;

  return (
    <Card
      as="li"
      variant="inner"
      headingLevel={3}
      title={t(RETURN_HEADING, { ret: c.returnId ?? `#${c.id}`, sale: c.posTxnId ?? '—', member: c.memberId })}
      testId="exception-item"
      data={{ 'clawback-id': c.id }}
    >
      <p>
        {t(CLAWED, { when: formatDateTime(c.createdAt, tr.locale), points: fmtSigned(c.amount, tr) })} <StateChip state={c.state} />{' '}
        <Button variant="link" onClick={() => openRow(c.id)}>
          {t(OPEN_RETURN, { id: String(c.id) })}
        </Button>
      </p>
      <p>{t(M.redeemedOn)}</p>
      <ul className="mgr-list">
        {item.redemptions.map((r) => (
          <li key={r.id}>
            <span className="mgr-mono">{r.couponId ?? '—'}</span> · {formatDateTime(r.createdAt, tr.locale)} · <StateChip state={r.state} />{' '}
            <Button variant="link" onClick={() => openRow(r.id)}>
              {t(OPEN_REDEMPTION, { id: String(r.id) })}
            </Button>
          </li>
        ))}
      </ul>
      {item.decision !== null ? (
        <p className="mgr-decided" data-testid="exception-decision">
          {t(DECIDED, { when: formatDateTime(item.decision.at, tr.locale), by: item.decision.by ?? 'none', note: item.decision.note })}
        </p>
      ) : (
        <Form className="mgr-form" onSubmit={() => void attention.getState().decide(c.id)}>
          <fieldset className="mgr-radios">
            <legend>{t(M.whatDone)}</legend>
            {DECISIONS.map((d) => (
              <label key={d.id}>
                <input type="radio" name={`decision-${c.id}`} value={d.id} checked={decision === d.id} onChange={() => attention.getState().setDecision(c.id, d.id)} />
                {t(DECISION_LABELS[d.id])}
              </label>
            ))}
          </fieldset>
          <Field label={t(M.note)} hint={t(M.noteHint)} error={problem}>
            {(ids) => <textarea {...ids} rows={2} maxLength={900} value={words} onChange={(e) => attention.getState().setWords(c.id, e.target.value)} data-testid="exception-note" />}
          </Field>
          <Button type="submit" variant="primary" disabled={busy} testId="exception-resolve">
            {busy ? t(M.saving) : t(M.record)}
          </Button>
          <ErrorBanner error={error} />
          <StatusLine text={saved} tone="ok" />
        </Form>
      )}
    </Card>
  );
}
