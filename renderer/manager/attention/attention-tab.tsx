/**
 * What waits for a person: writes whose outcome is unknown or that need a manager's decision, and
 * the exceptions queue — returns of sales on which a coupon was redeemed (SocialHub cannot
 * un-redeem, so the manager records what was done).
 */
import { useEffect, useState } from 'react';
import { formatCount, formatDateTime, formatPoints } from '../format.ts';
import { Button, ErrorBanner, Field, StateChip, StatusLine } from '../../ui/index.ts';
import { KIND_LABELS, rowReference } from '../transactions/filter.ts';
import { useAttention, useManagerData, useOpenRow } from '../use-manager-data.ts';
import { draftOf, type ExceptionItem } from './attention-store.ts';
import { DECISIONS } from './decision.ts';

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
  const openRow = useOpenRow();
  const attention = useManagerData().attention;
  const rows = useAttention((s) => s.rows);
  const total = useAttention((s) => s.total);
  const error = useAttention((s) => s.rowsError);
  const stale = useAttention((s) => s.rowsStale);
  const load = () => void attention.getState().loadRows();

  return (
    <section className="mgr-card" aria-labelledby="att-title" data-testid="attention-unfinished">
      <h2 id="att-title">Unfinished writes that need a person</h2>
      <p className="mgr-hint">
        Outcome unknown or needing a decision. Open one to verify it with SocialHub, resend it (only once verification proves it safe) or mark it resolved
        with a reason.
      </p>
      <div className="mgr-row-gap">
        <Button size="small" variant={stale ? 'notice' : 'secondary'} onClick={load} testId="attention-refresh">
          {stale ? 'Changed: refresh' : 'Refresh'}
        </Button>
      </div>
      <ErrorBanner error={error} />
      {rows === null ? (
        <p role="status">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="mgr-empty" data-testid="attention-empty">
          Nothing needs attention.
        </p>
      ) : (
        <>
          <p data-testid="attention-total">
            {formatCount(total)} {total === 1 ? 'entry' : 'entries'}
            {total > rows.length ? ` (the newest ${rows.length} shown; filter the Transactions tab for the rest)` : ''}
          </p>
          <div className="mgr-table-wrap">
            <table className="mgr-table">
              <thead>
                <tr>
                  <th scope="col">Recorded</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Member</th>
                  <th scope="col">Reference</th>
                  <th scope="col" className="num">Points</th>
                  <th scope="col">State</th>
                  <th scope="col">Last error</th>
                  <th scope="col">
                    <span className="mgr-sr">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid="attention-row" data-row-id={r.id}>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>{KIND_LABELS[r.kind]}</td>
                    <td className="mgr-mono">{r.memberId}</td>
                    <td>{rowReference(r)}</td>
                    <td className={`num${r.amount < 0 ? ' neg' : ''}`}>{formatPoints(r.amount)}</td>
                    <td>
                      <StateChip state={r.state} />
                    </td>
                    <td className="mgr-break">{r.lastError ?? '—'}</td>
                    <td>
                      <Button size="small" onClick={() => openRow(r.id)} aria-label={`Open entry #${r.id}`}>
                        Open
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Exceptions() {
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
    <section className="mgr-card" aria-labelledby="exc-title" data-testid="attention-exceptions">
      <h2 id="exc-title">Returns of sales with a redeemed coupon</h2>
      <p className="mgr-hint">SocialHub cannot un-redeem a coupon. Decide what to do for the member and record it; the decision is kept in the journal.</p>
      <div className="mgr-row-gap">
        <Button size="small" variant={stale ? 'notice' : 'secondary'} onClick={load} testId="exceptions-refresh">
          {stale ? 'Changed: refresh' : 'Refresh'}
        </Button>
      </div>
      <ErrorBanner error={error} />
      {items === null ? (
        <p role="status">Loading…</p>
      ) : open.length === 0 ? (
        <p className="mgr-empty" data-testid="exceptions-empty">
          No return is waiting for a decision.
        </p>
      ) : (
        <ul className="mgr-cards">
          {open.map((item) => (
            <ExceptionCard key={item.clawback.id} item={item} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <>
          <Button variant="ghost" aria-expanded={showDone} onClick={() => setShowDone((v) => !v)} testId="exceptions-show-done">
            {showDone ? 'Hide' : 'Show'} decided ({done.length})
          </Button>
          {showDone && (
            <ul className="mgr-cards">
              {done.map((item) => (
                <ExceptionCard key={item.clawback.id} item={item} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ExceptionCard({ item }: { item: ExceptionItem }) {
  const openRow = useOpenRow();
  const attention = useManagerData().attention;
  const c = item.clawback;
  const draft = useAttention((s) => draftOf(s, c.id));
  const { decision, words, busy, saved } = draft;
  const problem = draft.problem ?? undefined;
  const error = draft.error;
  const headingId = `exc-${c.id}`;

  return (
    <li className="mgr-card mgr-card--inner" aria-labelledby={headingId} data-testid="exception-item" data-clawback-id={c.id}>
      <h3 id={headingId}>
        Return {c.returnId ?? `#${c.id}`} of sale {c.posTxnId ?? '—'} · member <span className="mgr-mono">{c.memberId}</span>
      </h3>
      <p>
        {formatDateTime(c.createdAt)} · {formatPoints(c.amount)} points clawed back · <StateChip state={c.state} />{' '}
        <Button variant="link" onClick={() => openRow(c.id)}>
          Open return #{c.id}
        </Button>
      </p>
      <p>Coupons redeemed on that sale:</p>
      <ul className="mgr-list">
        {item.redemptions.map((r) => (
          <li key={r.id}>
            <span className="mgr-mono">{r.couponId ?? '—'}</span> · {formatDateTime(r.createdAt)} · <StateChip state={r.state} />{' '}
            <Button variant="link" onClick={() => openRow(r.id)}>
              Open redemption #{r.id}
            </Button>
          </li>
        ))}
      </ul>
      {item.decision !== null ? (
        <p className="mgr-decided" data-testid="exception-decision">
          Decided {formatDateTime(item.decision.at)}
          {item.decision.by !== null ? ` by ${item.decision.by}` : ''}: {item.decision.note}
        </p>
      ) : (
        <form
          className="mgr-form"
          onSubmit={(e) => {
            e.preventDefault();
            void attention.getState().decide(c.id);
          }}
        >
          <fieldset className="mgr-radios">
            <legend>What was done?</legend>
            {DECISIONS.map((d) => (
              <label key={d.id}>
                <input type="radio" name={`decision-${c.id}`} value={d.id} checked={decision === d.id} onChange={() => attention.getState().setDecision(c.id, d.id)} />
                {d.label}
              </label>
            ))}
          </fieldset>
          <Field label="Note" hint="Kept with the return in the journal." error={problem}>
            {(ids) => <textarea {...ids} rows={2} maxLength={900} value={words} onChange={(e) => attention.getState().setWords(c.id, e.target.value)} data-testid="exception-note" />}
          </Field>
          <Button type="submit" variant="primary" disabled={busy} testId="exception-resolve">
            {busy ? 'Saving…' : 'Record decision'}
          </Button>
          <ErrorBanner error={error} />
          <StatusLine text={saved} tone="ok" />
        </form>
      )}
    </li>
  );
}
