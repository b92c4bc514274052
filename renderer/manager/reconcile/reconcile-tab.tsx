/**
 * End-of-day reconciliation for a chosen business day: the journal's confirmed writes against
 * SocialHub's ledger (read-only key, paged and rate-limited by main, with progress), in four
 * sections; duplicates offer the compensating adjustment; CSV export.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import type { IpcErrorBody } from '../../../shared/ipc/envelope.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { STATE_LABELS } from '../../../shared/journal/states.ts';
import { AdjustConfirm } from '../adjust/adjust-confirm.tsx';
import type { AdjustRequest } from '../adjust/adjust-model.ts';
import { downloadCsv, exportMessage } from '../csv.ts';
import { businessDateAt, formatCount, formatDateTime, formatPoints } from '../format.ts';
import { useSession } from '../session.ts';
import { ErrorBanner, Field, StatusLine } from '../../ui/index.ts';
import { duplicateAdjustment, isCompensationFor, progressFraction, progressText, sectionTotalText, summarise } from './summary.ts';
import type { DuplicateItem, ReconcileItem, ReconcileProgress, ReconcileSection } from './summary.ts';

interface Compensation {
  request: AdjustRequest;
  key: string;
  earlier: JournalRow[];
}

const dupKey = (d: DuplicateItem) => `${d.memberId}|${d.token ?? d.description}`;

export function ReconcileTab() {
  const { call, till, settings } = useSession();
  const initialDate = useMemo(() => businessDateAt(new Date(), settings?.businessDayStartsAt ?? '00:00'), [settings?.businessDayStartsAt]);
  const [date, setDate] = useState<string | null>(null);
  const day = date ?? initialDate;
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ReconcileProgress | null>(null);
  const [report, setReport] = useState<ReconcileReport | null>(null);
  const [error, setError] = useState<IpcErrorBody | null>(null);
  const [dateError, setDateError] = useState<string | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  const [exportStatus, setExportStatus] = useState<string | null>(null);
  const [compensating, setCompensating] = useState<Compensation | null>(null);
  const [compensated, setCompensated] = useState<ReadonlyMap<string, string>>(new Map());
  const [earlier, setEarlier] = useState<ReadonlyMap<string, JournalRow[]>>(new Map());

  useEffect(() => {
    if (!running) return;
    return till.on('reconcileProgress', (p) => {
      if (p.date === day) setProgress(p);
    });
  }, [running, day, till]);

  function checkDate(): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      setDateError('Choose a day.');
      return false;
    }
    setDateError(undefined);
    return true;
  }

  async function run() {
    if (running || !checkDate()) return;
    setRunning(true);
    setProgress(null);
    setError(null);
    setExportStatus(null);
    const env = await call((t) => t.reconcileRun({ date: day }));
    setRunning(false);
    if (env.ok) {
      setReport(env.value);
      setCompensated(new Map());
      setEarlier(await findEarlierCompensations(env.value.duplicatedOnServer));
    } else setError(env.error);
  }

  /** Journal adjustments already made for these duplicates (one lookup per member, at most 20 members). */
  async function findEarlierCompensations(dups: readonly DuplicateItem[]): Promise<ReadonlyMap<string, JournalRow[]>> {
    const out = new Map<string, JournalRow[]>();
    const members = [...new Set(dups.map((d) => d.memberId))].slice(0, 20);
    for (const memberId of members) {
      const env = await call((t) => t.journalList({ filter: { kinds: ['adjustment'], search: memberId }, limit: 200 }));
      if (!env.ok) continue;
      for (const d of dups.filter((x) => x.memberId === memberId)) {
        const rows = env.value.rows.filter((r) => isCompensationFor(r, memberId, d.token ?? d.description));
        if (rows.length > 0) out.set(dupKey(d), rows);
      }
    }
    return out;
  }

  async function exportCsv() {
    if (exporting || !checkDate()) return;
    setExporting(true);
    setError(null);
    const env = await call((t) => t.reconcileExport({ date: report?.date ?? day }));
    setExporting(false);
    if (!env.ok) {
      setError(env.error);
      return;
    }
    setExportStatus(exportMessage(env.value.rows, downloadCsv(env.value)));
  }

  async function compensate(item: DuplicateItem, date: string) {
    const request = duplicateAdjustment(item, date);
    // Was this duplicate compensated already (an earlier run, another manager)? Ask again now, so
    // the warning is current, and say so before a second one.
    const found = await findEarlierCompensations([item]);
    setCompensating({ request, key: dupKey(item), earlier: found.get(dupKey(item)) ?? [] });
  }

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
            {(ids) => <input {...ids} type="date" value={day} onChange={(e) => setDate(e.target.value)} required data-testid="reconcile-date" />}
          </Field>
          <button type="submit" className="mgr-btn mgr-btn--primary" disabled={running} data-testid="reconcile-run">
            {running ? 'Running…' : 'Run reconciliation'}
          </button>
          <button type="button" className="mgr-btn" disabled={running || exporting} onClick={() => void exportCsv()} data-testid="reconcile-export">
            {exporting ? 'Exporting…' : 'Export CSV'}
          </button>
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
              onCompensate={(item) => void compensate(item, report.date)}
            />
          ))}
        </section>
      )}

      {compensating !== null && (
        <AdjustConfirm
          request={compensating.request}
          noteEditable
          context={
            compensating.earlier.length > 0
              ? `Warning: ${compensating.earlier.length === 1 ? 'an adjustment for this duplicate already exists' : `${compensating.earlier.length} adjustments for this duplicate already exist`} (${compensating.earlier
                  .map((r) => `#${r.id}, ${formatDateTime(r.createdAt)}, ${STATE_LABELS[r.state]}`)
                  .join('; ')}). Only continue if that one failed or was wrong.`
              : 'Takes back the extra points the duplicate gave the member. Recorded with reason "Duplicate on SocialHub".'
          }
          onClose={() => setCompensating(null)}
          onSubmitted={(o) => {
            const key = compensating.key;
            setCompensated((m) => new Map(m).set(key, o.row !== null ? `#${o.row.id}: ${o.message}` : o.message));
          }}
        />
      )}
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
  const { openRow } = useSession();
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
                            <button type="button" className="mgr-btn mgr-btn--small" onClick={() => item.journalId !== null && openRow(item.journalId)} aria-label={`Open journal entry #${item.journalId}`}>
                              Open
                            </button>
                          )}
                          {dup !== null &&
                            dup.extraPoints > 0 &&
                            (done !== undefined ? (
                              <span className="mgr-hint" data-testid="reconcile-compensated">
                                Adjustment sent {done}
                                {dup.journalId !== null && (
                                  <>
                                    {' '}
                                    <button type="button" className="mgr-btn mgr-btn--link" onClick={() => dup.journalId !== null && openRow(dup.journalId)}>
                                      Open #{dup.journalId} to mark it resolved
                                    </button>
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
                                <button type="button" className="mgr-btn mgr-btn--small" onClick={() => onCompensate(dup)} data-testid="reconcile-compensate">
                                  {before.length > 0 ? 'Compensate again…' : 'Create compensating adjustment'}
                                </button>
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
