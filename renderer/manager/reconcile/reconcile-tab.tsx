/**
 * End-of-day reconciliation for a chosen business day: the journal's confirmed writes against
 * SocialHub's ledger (read-only key, paged and rate-limited by main, with progress), in four
 * sections; duplicates offer the compensating adjustment; CSV export.
 */
import { useState } from 'react';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABELS } from '../../../shared/journal/states.ts';
import { DEFAULT_DAY_START } from '../../../shared/time/business-day.ts';
import { useRuntime, useSettings } from '../../app/context.tsx';
import { AdjustConfirm } from '../adjust/adjust-confirm.tsx';
import { formatCount, formatDateTime, formatPoints } from '../format.ts';
import { Button, ErrorBanner, Field, StatusLine } from '../../ui/index.ts';
import { useAdjustConfirm, useManagerData, useOpenRow, useReconcile } from '../use-manager-data.ts';
import { dupKey, reconcileDay } from './reconcile-store.ts';
import { progressFraction, progressText, sectionTotalText, summarise } from './summary.ts';
import type { DuplicateItem, ReconcileItem, ReconcileSection } from './summary.ts';

export function ReconcileTab() {
  const reconcile = useManagerData().reconcile;
  const { timers } = useRuntime();
  const startsAt = useSettings((s) => s.settings?.businessDayStartsAt ?? DEFAULT_DAY_START);
  const date = useReconcile((s) => s.date);
  const day = reconcileDay(date, timers.now(), startsAt);
  const running = useReconcile((s) => s.running);
  const progress = useReconcile((s) => s.progress);
  const report = useReconcile((s) => s.report);
  const error = useReconcile((s) => s.error);
  const dateError = useReconcile((s) => s.dateError ?? undefined);
  const exporting = useReconcile((s) => s.exporting);
  const exportStatus = useReconcile((s) => s.exportStatus);
  const compensated = useReconcile((s) => s.compensated);
  const earlier = useReconcile((s) => s.earlier);
  const compensating = useAdjustConfirm((s) => s.open?.owner === 'reconcile');
  const run = () => reconcile.getState().run();
  const exportCsv = () => reconcile.getState().exportCsv();

  const summary = report !== null ? summarise(report) : null;
  const fraction = progress !== null ? progressFraction(progress) : null;

  return (
    <div className="mgr-tab" data-testid="tab-reconcile">
      <section className="mgr-card" aria-labelledby="rec-title">
        <h2 id="rec-title">End-of-day reconciliation</h2>
        <p className="mgr-hint">
          Compares this till's confirmed writes for the day with SocialHub's ledger, using the read-only key. Large days take a while: SocialHub's rate
          limit is respected.
        </p>
        <form
          className="mgr-toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <Field label="Business day" error={dateError}>
            {(ids) => <input {...ids} type="date" value={day} onChange={(e) => reconcile.getState().setDate(e.target.value)} required data-testid="reconcile-date" />}
          </Field>
          <Button type="submit" variant="primary" disabled={running} testId="reconcile-run">
            {running ? 'Running…' : 'Run reconciliation'}
          </Button>
          <Button disabled={running || exporting} onClick={() => void exportCsv()} testId="reconcile-export">
            {exporting ? 'Exporting…' : 'Export CSV'}
          </Button>
        </form>
        {running && (
          <div className="mgr-progress" data-testid="reconcile-progress">
            <label htmlFor="rec-progress">{progress !== null ? progressText(progress) : 'Starting…'}</label>
            {fraction !== null ? <progress id="rec-progress" max={1} value={fraction} /> : <progress id="rec-progress" />}
          </div>
        )}
        <ErrorBanner error={error} testId="reconcile-error" />
        <StatusLine text={exportStatus} tone="ok" testId="reconcile-export-status" />
      </section>

      {report !== null && summary !== null && (
        <section className="mgr-card" aria-labelledby="rec-result" data-testid="reconcile-result" data-date={report.date}>
          <h2 id="rec-result">
            {report.date}: {summary.allClear ? 'all clear' : 'differences found'}
          </h2>
          <p className="mgr-hint">Generated {formatDateTime(report.generatedAt)}.</p>
          <div className="mgr-totals" data-testid="reconcile-totals">
            {summary.sections.map((s) => (
              <a key={s.id} className={`mgr-total mgr-total--${s.tone}`} href={`#rec-${s.id}`} data-testid={`reconcile-total-${s.id}`}>
                <span className="mgr-total-n">{formatCount(s.count)}</span>
                <span className="mgr-total-label">{s.title}</span>
                <span className="mgr-total-sub">
                  {formatPoints(s.points)} {s.id === 'duplicated' ? 'extra pts' : 'pts'}
                </span>
              </a>
            ))}
          </div>
          <p data-testid="reconcile-difference">
            Journal: {formatPoints(summary.journalPoints)} points · SocialHub: {formatPoints(summary.serverPoints)} points. {summary.differenceText}
          </p>
          {summary.incomplete.length > 0 && (
            <div className="mgr-banner mgr-banner--warn" data-testid="reconcile-incomplete">
              <p>
                The ledger could not be read completely for {summary.incomplete.length} {summary.incomplete.length === 1 ? 'member' : 'members'}; run it again
                later for a full report:
              </p>
              <ul>
                {summary.incomplete.map((m) => (
                  <li key={m.memberId}>
                    <span className="mgr-mono">{m.memberId}</span>: {m.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {summary.sections.map((s) => (
            <ReconcileSectionView
              key={s.id}
              section={s}
              compensated={compensated}
              earlier={earlier}
              onCompensate={(item) => void reconcile.getState().compensate(item)}
            />
          ))}
        </section>
      )}

      {compensating && <AdjustConfirm />}
    </div>
  );
}

function ReconcileSectionView({
  section,
  compensated,
  earlier,
  onCompensate,
}: {
  section: ReconcileSection;
  compensated: ReadonlyMap<string, string>;
  earlier: ReadonlyMap<string, JournalRow[]>;
  onCompensate: (item: DuplicateItem) => void;
}) {
  const openRow = useOpenRow();
  const [open, setOpen] = useState(section.id !== 'matched' && section.count > 0);
  const headingId = `rec-${section.id}`;
  return (
    <section className={`mgr-rec-section mgr-rec-section--${section.tone}`} aria-labelledby={headingId} data-testid={`reconcile-section-${section.id}`}>
      <h3 id={headingId}>
        <button type="button" className="mgr-disclosure" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {section.title} — {sectionTotalText(section)}
        </button>
      </h3>
      <p className="mgr-hint">{section.explanation}</p>
      {open &&
        (section.count === 0 ? (
          <p className="mgr-empty">None.</p>
        ) : (
          <div className="mgr-table-wrap">
            <table className="mgr-table">
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col" className="num">
                    Points
                  </th>
                  {section.id === 'duplicated' && (
                    <th scope="col" className="num">
                      Extra
                    </th>
                  )}
                  <th scope="col">Token / description</th>
                  <th scope="col">SocialHub transactions</th>
                  <th scope="col">Time</th>
                  <th scope="col">
                    <span className="mgr-sr">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {section.items.map((item: ReconcileItem | DuplicateItem, i) => {
                  const dup = section.id === 'duplicated' ? (item as DuplicateItem) : null;
                  const done = dup !== null ? compensated.get(dupKey(dup)) : undefined;
                  const before = dup !== null ? (earlier.get(dupKey(dup)) ?? []) : [];
                  return (
                    <tr key={`${item.journalId ?? 'x'}-${item.serverTxnIds.join(',')}-${i}`} data-testid="reconcile-item">
                      <td className="mgr-mono">{item.memberId}</td>
                      <td className={`num${item.amount < 0 ? ' neg' : ''}`}>{formatPoints(item.amount)}</td>
                      {dup !== null && <td className="num neg">{formatPoints(dup.extraPoints)}</td>}
                      <td className="mgr-break">
                        {item.token !== null && <span className="mgr-mono">{item.token}</span>}
                        {item.description !== '' && item.description !== item.token && (
                          <>
                            {item.token !== null && <br />}
                            {item.description}
                          </>
                        )}
                      </td>
                      <td className="mgr-mono mgr-break">{item.serverTxnIds.length > 0 ? item.serverTxnIds.join(', ') : '—'}</td>
                      <td>{formatDateTime(item.at)}</td>
                      <td>
                        <div className="mgr-row-gap">
                          {item.journalId !== null && (
                            <Button size="small" onClick={() => item.journalId !== null && openRow(item.journalId)} aria-label={`Open journal entry #${item.journalId}`}>
                              Open
                            </Button>
                          )}
                          {dup !== null &&
                            dup.extraPoints > 0 &&
                            (done !== undefined ? (
                              <span className="mgr-hint" data-testid="reconcile-compensated">
                                Adjustment sent {done}
                                {dup.journalId !== null && (
                                  <>
                                    {' '}
                                    <Button variant="link" onClick={() => dup.journalId !== null && openRow(dup.journalId)}>
                                      Open #{dup.journalId} to mark it resolved
                                    </Button>
                                  </>
                                )}
                              </span>
                            ) : (
                              <>
                                {before.length > 0 && (
                                  <span className="mgr-hint" data-testid="reconcile-already-compensated">
                                    Already compensated: {before.map((r) => `#${r.id} (${STATE_LABELS[r.state]})`).join(', ')}
                                  </span>
                                )}
                                <Button size="small" onClick={() => onCompensate(dup)} testId="reconcile-compensate">
                                  {before.length > 0 ? 'Compensate again…' : 'Create compensating adjustment'}
                                </Button>
                              </>
                            ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
