/**
 * SQLite rows (snake_case, loosely typed) → the shared camelCase types. Every read is checked,
 * so a hand-edited or damaged value fails loudly here instead of flowing into the engine.
 */
import type { SQLOutputValue } from 'node:sqlite';
import type { ApiCall, Attempt, AttemptClassification, JournalEvent, JournalRow } from '../../../shared/journal/row.ts';
import { ATTEMPT_CLASSIFICATIONS } from '../../../shared/journal/row.ts';
import { isJournalKind, isJournalState } from '../../../shared/journal/states.ts';
import type { JournalState } from '../../../shared/journal/states.ts';

export type SqlRow = Record<string, SQLOutputValue>;

function fail(col: string, v: unknown): never {
  throw new Error(`journal: unexpected value in column ${col}: ${JSON.stringify(v)}`);
}
function str(r: SqlRow, col: string): string {
  const v = r[col];
  return typeof v === 'string' ? v : fail(col, v);
}
function strOrNull(r: SqlRow, col: string): string | null {
  const v = r[col];
  return v === null || typeof v === 'string' ? v : fail(col, v);
}
function int(r: SqlRow, col: string): number {
  const v = r[col];
  return typeof v === 'number' && Number.isInteger(v) ? v : fail(col, v);
}
function intOrNull(r: SqlRow, col: string): number | null {
  const v = r[col];
  return v === null ? null : typeof v === 'number' && Number.isInteger(v) ? v : fail(col, v);
}
function state(r: SqlRow, col: string): JournalState {
  const v = r[col];
  return isJournalState(v) ? v : fail(col, v);
}
function stateOrNull(r: SqlRow, col: string): JournalState | null {
  return r[col] === null ? null : state(r, col);
}

export function toJournalRow(r: SqlRow): JournalRow {
  const kind = r.kind;
  return {
    id: int(r, 'id'),
    dedupKey: str(r, 'dedup_key'),
    kind: isJournalKind(kind) ? kind : fail('kind', kind),
    storeId: str(r, 'store_id'),
    tillId: str(r, 'till_id'),
    posTxnId: strOrNull(r, 'pos_txn_id'),
    returnId: strOrNull(r, 'return_id'),
    businessDate: strOrNull(r, 'business_date'),
    couponId: strOrNull(r, 'coupon_id'),
    ref: strOrNull(r, 'ref'),
    memberId: str(r, 'member_id'),
    amount: int(r, 'amount'),
    description: str(r, 'description'),
    token: str(r, 'token'),
    saleTotal: intOrNull(r, 'sale_total'),
    returnTotal: intOrNull(r, 'return_total'),
    parentId: intOrNull(r, 'parent_id'),
    linkedPosTxnId: strOrNull(r, 'linked_pos_txn_id'),
    state: state(r, 'state'),
    maybeApplied: int(r, 'maybe_applied') === 1,
    attemptCount: int(r, 'attempt_count'),
    verifyCount: int(r, 'verify_count'),
    createdAt: int(r, 'created_at'),
    updatedAt: int(r, 'updated_at'),
    finishedAt: intOrNull(r, 'finished_at'),
    nextAttemptAt: intOrNull(r, 'next_attempt_at'),
    leaseOwner: strOrNull(r, 'lease_owner'),
    leaseUntil: intOrNull(r, 'lease_until'),
    serverTxnId: strOrNull(r, 'server_txn_id'),
    balance: intOrNull(r, 'balance'),
    lastError: strOrNull(r, 'last_error'),
    reasonCode: strOrNull(r, 'reason_code'),
    note: strOrNull(r, 'note'),
    resolvedBy: strOrNull(r, 'resolved_by'),
    resolution: strOrNull(r, 'resolution'),
    honorShownAt: intOrNull(r, 'honor_shown_at'),
    version: int(r, 'version'),
  };
}

const classifications: ReadonlySet<string> = new Set(ATTEMPT_CLASSIFICATIONS);

export function toAttempt(r: SqlRow): Attempt {
  const kind = r.kind;
  const c = r.classification;
  return {
    id: int(r, 'id'),
    intentId: int(r, 'intent_id'),
    n: int(r, 'n'),
    kind: kind === 'send' || kind === 'verify' ? kind : fail('kind', kind),
    owner: str(r, 'owner'),
    startedAt: int(r, 'started_at'),
    finishedAt: intOrNull(r, 'finished_at'),
    httpStatus: intOrNull(r, 'http_status'),
    latencyMs: intOrNull(r, 'latency_ms'),
    classification: c === null ? null : typeof c === 'string' && classifications.has(c) ? (c as AttemptClassification) : fail('classification', c),
    reason: strOrNull(r, 'reason'),
    message: strOrNull(r, 'message'),
  };
}

export function toJournalEvent(r: SqlRow): JournalEvent {
  const type = r.type;
  return {
    id: int(r, 'id'),
    intentId: int(r, 'intent_id'),
    at: int(r, 'at'),
    type: type === 'recorded' || type === 'transition' || type === 'note' ? type : fail('type', type),
    fromState: stateOrNull(r, 'from_state'),
    toState: stateOrNull(r, 'to_state'),
    actor: strOrNull(r, 'actor'),
    detail: strOrNull(r, 'detail'),
  };
}

export function toApiCall(r: SqlRow): ApiCall {
  const method = r.method;
  return {
    id: int(r, 'id'),
    at: int(r, 'at'),
    keyMask: str(r, 'key_mask'),
    method: method === 'GET' || method === 'POST' || method === 'PUT' ? method : fail('method', method),
    path: str(r, 'path'),
    endpoint: str(r, 'endpoint'),
    status: intOrNull(r, 'status'),
    latencyMs: int(r, 'latency_ms'),
    outcome: str(r, 'outcome'),
  };
}
