/**
 * What waits for a person: writes whose outcome is unknown or that need a manager's decision, and
 * the exceptions queue — returns of sales on which a coupon was redeemed (SocialHub cannot
 * un-redeem, so the manager records what was done).
 */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { exceptionItemSchema } from '../../../shared/ipc/schemas/till.ts';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { formatCount, formatDateTime, formatPoints } from '../format.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Field, StateChip, StatusLine } from '../../ui/index.ts';
import { KIND_LABELS, rowReference } from '../transactions/filter.ts';
import { DECISIONS, decisionNote } from './decision.ts';
import type { DecisionId } from './decision.ts';

type ExceptionItem = z.output<typeof exceptionItemSchema>;

const ATTENTION_STATES = ['needs-attention', 'unknown'] as const;

export function AttentionTab({ active }: { active: boolean }) {
  return (
    <div className="mgr-tab" data-testid="tab-attention">
      <NeedsAttention active={active} />
      <Exceptions active={active} />
    </div>
  );
}

function NeedsAttention({ active }: { active: boolean }) {
  const { call, till, openRow, onRowChanged } = useSession();
  const [rows, setRows] = useState<JournalRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [stale, setStale] = useState(false);

  const load = useCallback(() => {
    void call((t) => t.journalList({ filter: { states: [...ATTENTION_STATES] }, limit: 200 })).then((env) => {
      setStale(false);
      if (env.ok) {
        setRows(env.value.rows);
        setTotal(env.value.total);
        setError(null);
      } else setError(env.error);
    });
  }, [call]);

  // Manager calls count as activity (they push the auto-lock back), so the engine's own changes only
  // offer a refresh; what the manager does here reloads at once.
  useEffect(() => {
    if (!active) return;
    load();
    const off1 = till.on('journalChanged', () => setStale(true));
    const off2 = onRowChanged(load);
    return () => {
      off1();
      off2();
    };
  }, [active, load, till, onRowChanged]);

  return (
    <section className="mgr-card" aria-labelledby="att-title" data-testid="attention-unfinished">
      <h2 id="att-title">Unfinished writes that need a person</h2>
      <p className="mgr-hint">
        Outcome unknown or needing a decision. Open one to verify it with SocialHub, resend it (only once verification proves it safe) or mark it resolved
        with a reason.
      </p>
      <div className="mgr-row-gap">
        <button type="button" className={`mgr-btn mgr-btn--small${stale ? ' mgr-btn--notice' : ''}`} onClick={load} data-testid="attention-refresh">
          {stale ? 'Changed: refresh' : 'Refresh'}
        </button>
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
                      <button type="button" className="mgr-btn mgr-btn--small" onClick={() => openRow(r.id)} aria-label={`Open entry #${r.id}`}>
                        Open
                      </button>
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

function Exceptions({ active }: { active: boolean }) {
  const { call, till } = useSession();
  const [items, setItems] = useState<ExceptionItem[] | null>(null);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [showDone, setShowDone] = useState(false);

  const [stale, setStale] = useState(false);

  const load = useCallback(() => {
    void call((t) => t.exceptionsList()).then((env) => {
      setStale(false);
      if (env.ok) {
        setItems(env.value.items);
        setError(null);
      } else setError(env.error);
    });
  }, [call]);

  useEffect(() => {
    if (!active) return;
    load();
    return till.on('journalChanged', () => setStale(true));
  }, [active, load, till]);

  const open = items?.filter((i) => i.decision === null) ?? [];
  const done = items?.filter((i) => i.decision !== null) ?? [];

  return (
    <section className="mgr-card" aria-labelledby="exc-title" data-testid="attention-exceptions">
      <h2 id="exc-title">Returns of sales with a redeemed coupon</h2>
      <p className="mgr-hint">SocialHub cannot un-redeem a coupon. Decide what to do for the member and record it; the decision is kept in the journal.</p>
      <div className="mgr-row-gap">
        <button type="button" className={`mgr-btn mgr-btn--small${stale ? ' mgr-btn--notice' : ''}`} onClick={load} data-testid="exceptions-refresh">
          {stale ? 'Changed: refresh' : 'Refresh'}
        </button>
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
            <ExceptionCard key={item.clawback.id} item={item} onDecided={(next) => setItems(next)} />
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <>
          <button type="button" className="mgr-btn mgr-btn--ghost" aria-expanded={showDone} onClick={() => setShowDone((v) => !v)} data-testid="exceptions-show-done">
            {showDone ? 'Hide' : 'Show'} decided ({done.length})
          </button>
          {showDone && (
            <ul className="mgr-cards">
              {done.map((item) => (
                <ExceptionCard key={item.clawback.id} item={item} onDecided={(next) => setItems(next)} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ExceptionCard({ item, onDecided }: { item: ExceptionItem; onDecided: (items: ExceptionItem[]) => void }) {
  const { call, openRow } = useSession();
  const [decision, setDecision] = useState<DecisionId | null>(null);
  const [words, setWords] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const c = item.clawback;
  const headingId = `exc-${c.id}`;

  async function submit() {
    if (busy) return;
    if (decision === null) {
      setProblem('Choose what was done.');
      return;
    }
    const note = decisionNote(decision, words);
    if ((decision === 'other' && words.trim().length < 5) || note.length < 5) {
      setProblem('Describe what was done (at least 5 characters).');
      return;
    }
    setProblem(undefined);
    setBusy(true);
    setError(null);
    const env = await call((t) => t.exceptionResolve({ clawbackId: c.id, note: note.slice(0, 1000) }));
    setBusy(false);
    if (!env.ok) setError(env.error);
    else {
      setSaved('Decision recorded.');
      onDecided(env.value.items);
    }
  }

  return (
    <li className="mgr-card mgr-card--inner" aria-labelledby={headingId} data-testid="exception-item" data-clawback-id={c.id}>
      <h3 id={headingId}>
        Return {c.returnId ?? `#${c.id}`} of sale {c.posTxnId ?? '—'} · member <span className="mgr-mono">{c.memberId}</span>
      </h3>
      <p>
        {formatDateTime(c.createdAt)} · {formatPoints(c.amount)} points clawed back · <StateChip state={c.state} />{' '}
        <button type="button" className="mgr-btn mgr-btn--link" onClick={() => openRow(c.id)}>
          Open return #{c.id}
        </button>
      </p>
      <p>Coupons redeemed on that sale:</p>
      <ul className="mgr-list">
        {item.redemptions.map((r) => (
          <li key={r.id}>
            <span className="mgr-mono">{r.couponId ?? '—'}</span> · {formatDateTime(r.createdAt)} · <StateChip state={r.state} />{' '}
            <button type="button" className="mgr-btn mgr-btn--link" onClick={() => openRow(r.id)}>
              Open redemption #{r.id}
            </button>
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
            void submit();
          }}
        >
          <fieldset className="mgr-radios">
            <legend>What was done?</legend>
            {DECISIONS.map((d) => (
              <label key={d.id}>
                <input type="radio" name={`decision-${c.id}`} value={d.id} checked={decision === d.id} onChange={() => setDecision(d.id)} />
                {d.label}
              </label>
            ))}
          </fieldset>
          <Field label="Note" hint="Kept with the return in the journal." error={problem}>
            {(ids) => <textarea {...ids} rows={2} maxLength={900} value={words} onChange={(e) => setWords(e.target.value)} data-testid="exception-note" />}
          </Field>
          <button type="submit" className="mgr-btn mgr-btn--primary" disabled={busy} data-testid="exception-resolve">
            {busy ? 'Saving…' : 'Record decision'}
          </button>
          <ErrorBanner error={error} />
          <StatusLine text={saved} tone="ok" />
        </form>
      )}
    </li>
  );
}
