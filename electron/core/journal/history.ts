/**
 * A row's attempts (one per `sending`/`verifying` episode) and its append-only event history.
 * Called inside the journal's write transactions only.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Attempt, AttemptClassification, JournalEvent } from '../../../shared/journal/row.ts';
import type { JournalState } from '../../../shared/journal/states.ts';
import { toAttempt, toJournalEvent } from './row-mapping.ts';
import { prepared } from './statements.ts';
import type { AttemptOutcome, TransitionPatch } from './transition-rules.ts';

/** Attempt classification follows from where the row went, so the two can never disagree. */
const CLASSIFICATION_BY_TARGET: Partial<Record<JournalState, AttemptClassification>> = {
  confirmed: 'applied',
  rejected: 'rejected',
  queued: 'not-applied',
  unknown: 'unknown-outcome',
  'needs-attention': 'unknown-outcome',
};

export function openAttempt(db: DatabaseSync, id: number, kind: 'send' | 'verify', owner: string, now: number): Attempt {
  const r = prepared(
    db,
    `INSERT INTO attempts (intent_id, n, kind, owner, started_at)
     VALUES (:id, (SELECT coalesce(max(n), 0) + 1 FROM attempts WHERE intent_id = :id), :kind, :owner, :now)
     RETURNING *`,
  ).get({ id, kind, owner, now });
  if (!r) throw new Error('journal: attempt insert returned nothing');
  return toAttempt(r);
}

/** Closes the row's open attempt (there is at most one), whoever opened it. */
export function closeAttempt(db: DatabaseSync, id: number, now: number, to: JournalState, outcome: AttemptOutcome | undefined): void {
  prepared(
    db,
    `UPDATE attempts SET finished_at = :now, http_status = :httpStatus, classification = :classification,
       latency_ms = coalesce(:latencyMs, :now - started_at), reason = :reason, message = :message
     WHERE intent_id = :id AND finished_at IS NULL`,
  ).run({
    id,
    now,
    httpStatus: outcome?.httpStatus ?? null,
    classification: CLASSIFICATION_BY_TARGET[to] ?? null,
    latencyMs: outcome?.latencyMs === undefined ? null : Math.round(outcome.latencyMs),
    reason: outcome?.reason ?? null,
    message: outcome?.message ?? null,
  });
}

export interface EventInput {
  type: JournalEvent['type'];
  from?: JournalState | null;
  to?: JournalState | null;
  actor?: string | null;
  detail?: string | null;
}

export function appendEvent(db: DatabaseSync, id: number, at: number, e: EventInput): JournalEvent {
  const r = prepared(
    db,
    'INSERT INTO events (intent_id, at, type, from_state, to_state, actor, detail) VALUES (:id, :at, :type, :from, :to, :actor, :detail) RETURNING *',
  ).get({ id, at, type: e.type, from: e.from ?? null, to: e.to ?? null, actor: e.actor ?? null, detail: e.detail ?? null });
  if (!r) throw new Error('journal: event insert returned nothing');
  return toJournalEvent(r);
}

/** One line for the history: the manager's reason, the reason code, the HTTP outcome, the error. */
export function transitionDetail(patch: TransitionPatch, outcome: AttemptOutcome | undefined): string | null {
  const parts: string[] = [];
  if (patch.resolution) parts.push(patch.resolution);
  if (patch.reasonCode) parts.push(`reason ${patch.reasonCode}`);
  if (outcome?.httpStatus !== undefined) parts.push(`HTTP ${outcome.httpStatus}`);
  if (outcome?.reason) parts.push(outcome.reason);
  if (patch.lastError) parts.push(patch.lastError);
  return parts.length ? parts.join(' · ') : null;
}
