/** Progress of an ERP job, and the ETA extrapolated from this session's own pace. */

export interface ExportProgress {
  job: 'roster' | 'ledger' | 'stores';
  phase: 'roster' | 'ledger' | 'done';
  /** Units done (roster: members; ledger: members whose ledger is exported). */
  done: number;
  total: number;
  rows: number;
  requests: number;
  elapsedMs: number;
  /** Null until this session has done at least one unit. */
  etaMs: number | null;
}

export interface ProgressTracker {
  /** Where this session starts (a resumed run starts mid-way): the ETA measures from here. */
  begin(phase: ExportProgress['phase'], done: number): void;
  update(p: { phase: ExportProgress['phase']; done: number; total: number; rows: number }): void;
  request(): void;
  readonly requests: number;
  elapsedMs(): number;
}

export function progressTracker(job: ExportProgress['job'], onProgress: ((p: ExportProgress) => void) | undefined, now: () => number = () => performance.now()): ProgressTracker {
  const startedAt = now();
  let requests = 0;
  let baseline: { phase: string; done: number; at: number } | undefined;
  return {
    get requests() {
      return requests;
    },
    request() {
      requests++;
    },
    elapsedMs: () => Math.round(now() - startedAt),
    begin(phase, done) {
      baseline = { phase, done, at: now() };
    },
    update({ phase, done, total, rows }) {
      const t = now();
      if (baseline?.phase !== phase) baseline = { phase, done, at: t };
      const progressed = done - baseline.done;
      const etaMs = phase === 'done' ? 0 : progressed > 0 ? Math.round(((t - baseline.at) / progressed) * Math.max(0, total - done)) : null;
      try {
        onProgress?.({ job, phase, done, total, rows, requests, elapsedMs: Math.round(t - startedAt), etaMs });
      } catch {
        // A listener's bug must not break the export.
      }
    },
  };
}

/** One stderr line, e.g. `export ledger: 120/480 members (25%), 3120 rows, 9.8 req/s, ETA 36s`. */
export function formatProgress(p: ExportProgress): string {
  const unit = p.job === 'ledger' ? (p.phase === 'roster' ? 'members listed' : "members' ledgers") : p.job === 'stores' ? 'stores' : 'members';
  const pct = p.total > 0 ? ` (${Math.floor((p.done / p.total) * 100)}%)` : '';
  const rate = p.elapsedMs > 0 ? (p.requests / (p.elapsedMs / 1000)).toFixed(1) : '0.0';
  const eta = p.phase === 'done' ? 'done' : p.etaMs === null ? 'ETA …' : `ETA ${formatDuration(p.etaMs)}`;
  return `export ${p.job}: ${p.done}/${p.total} ${unit}${pct}, ${p.rows} rows, ${p.requests} requests, ${rate} req/s, ${eta}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
