/**
 * The durable journal that makes awards, clawbacks and redeems exactly-once on an API without
 * idempotency keys. Every intended write is recorded (durably, before anything is sent) under a
 * UNIQUE dedup key, then moved through the state machine of shared/journal/states.ts with
 * compare-and-set transitions and leases, so two processes sharing the file (app and CLI) can
 * never both send the same write.
 *
 * Usage by the engine (one write, three durable commits):
 *   const { row } = journal.record(intent);                              // durable; nothing sent yet
 *   const s = journal.transition(row.id, { from: ['queued'], to: 'sending', owner: me, leaseMs: 30_000 });
 *   if (!s.ok) return;                                                    // someone else has it: do not send
 *   … POST …
 *   journal.transition(row.id, { from: ['sending'], to: 'confirmed', owner: me, patch: { serverTxnId }, outcome: { httpStatus: 200, latencyMs } });
 * The drainer instead takes rows with `claimNextDue` (offline queue, crash recovery: a row it
 * returns in `sending`/`verifying` was abandoned mid-request — move it to `unknown` and verify,
 * never resend; the journal refuses `needs-attention → queued` while that is unproven).
 *
 * Crash safety: WAL with synchronous=FULL syncs the WAL on every commit, so once `record` (or a
 * transition) returns, the change survives a killed process (tested with SIGKILL) and a power
 * cut on storage that honours flushes (fullfsync on macOS). A failed write throws and leaves
 * nothing half-done; the caller must then not send.
 *
 * Synchronous by design (node:sqlite): a commit is a few hundred microseconds. Time comes only
 * from the injected clock (`now`), so tests are deterministic.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import type { Intent } from '../../../shared/journal/intent.ts';
import type { ApiCall, ApiCallInput, Attempt, JournalEvent, JournalFilter, JournalPage, JournalQuery, JournalRow, JournalStats } from '../../../shared/journal/row.ts';
import { CLAIMABLE_STATES, UNFINISHED_STATES, isFinal, isLeasedState, maybeAppliedAfter } from '../../../shared/journal/states.ts';
import type { JournalKind, UnfinishedState } from '../../../shared/journal/states.ts';
import { insertApiCall, listApiCalls, pruneApiCalls } from './api-calls.ts';
import type { ApiCallQuery } from './api-calls.ts';
import { insertKeyOriginChange, listKeyOriginChanges } from './key-origin-changes.ts';
import type { KeyOriginChange, KeyOriginChangeInput } from './key-origin-changes.ts';
import { checkParent, clawbackSummary } from './clawbacks.ts';
import type { ClawbackSummary } from './clawbacks.ts';
import { appendEvent, closeAttempt, openAttempt, transitionDetail } from './history.ts';
import { claimHonorShown } from './honor.ts';
import type { HonorClaim } from './honor.ts';
import { differences, intentValues } from './intent-values.ts';
import { JournalConflictError, JournalInputError, JournalUnavailableError, toJournalError } from './journal-errors.ts';
import type { JournalKeyingError } from './journal-errors.ts';
import { checkIdentity, machineFingerprint, rememberIdentity } from './identity.ts';
import type { IdentityCheck } from './identity.ts';
import { keyingRefusal, readKeying, requireKeying, settleKeying } from './keying.ts';
import type { KeyingClaim, KeyingSettings } from './keying.ts';
import { claimNextDueRow, claimRow, dropInstance, forgetLease, holderGone, installLeaseFunction, noteLease, registerInstance, releaseRow } from './leases.ts';
import { countSql, pageSql, parseQuery } from './list-query.ts';
import { openJournalDatabase, sqliteVersion } from './open.ts';
import {
  acceptPosSale,
  cancelPosSaleUnlessAwarded,
  closePosSale,
  latestPosSale,
  notePosSaleMember,
  openPosSales,
  posSaleById,
  posSaleByTxn,
  posSalesBetween,
  requireOpenPosSale,
} from './pos-sales.ts';
import type { PosSaleInput, PosSaleRow } from './pos-sales.ts';
import { pruneBatch } from './prune.ts';
import { retireRefusedAward } from './retire-refused.ts';
import type { PruneCounts } from './prune.ts';
import { toAttempt, toJournalEvent, toJournalRow } from './row-mapping.ts';
import { readUserVersion } from './schema.ts';
import { prepared } from './statements.ts';
import { parseTransitionRequest, refusal } from './transition-rules.ts';
import type { TransitionRequest, TransitionResult } from './transition-rules.ts';

export type { ClawbackSummary } from './clawbacks.ts';
export type { PosSaleInput, PosSaleRow, PosSaleStatus } from './pos-sales.ts';
export type { HonorClaim } from './honor.ts';
export type { IdentityCheck, JournalIdentity } from './identity.ts';
export type { KeyingClaim, KeyingSettings } from './keying.ts';
export type { AttemptOutcome, TransitionFailure, TransitionPatch, TransitionRequest, TransitionResult } from './transition-rules.ts';

export interface JournalOptions {
  /** The journal file. Created (with its directory) when missing, unless `mustExist`. */
  path: string;
  /** Wall clock in epoch ms; inject a fake in tests. Default `Date.now`. */
  now?: () => number;
  /** How long a write waits for the other process's lock before JournalBusyError. Default 5000. */
  busyTimeoutMs?: number;
  /** Refuse to create a new journal (e.g. the app knows one existed). Default false. */
  mustExist?: boolean;
  /** API-activity rows kept. Default 10 000. */
  apiCallsMax?: number;
  /** Settle the keying settings at open (see keying.ts); omitted: call settleKeying later, or only read. */
  keying?: KeyingClaim;
  /** This machine's fingerprint (default: identity.ts); tests stand in for another machine. */
  machine?: string;
  /**
   * The clock this process's leases run on. Default monotonic (`performance.now`), so a
   * wall-clock jump cannot end a lease early; tests with a fake `now` pass the same fake here.
   */
  leaseClock?: () => number;
}

/** Conditions checked inside the record's own transaction. */
export interface RecordOptions {
  /** The POS sale this award is for: recorded only while it is still open (JournalConflictError 'pos-sale-closed'). */
  whilePosSaleOpen?: number;
  /** The keying the intent's key and marker were worked out by: recorded only while it is still the journal's (else JournalKeyingError). */
  keyedBy?: KeyingSettings;
}

/** Result of {@link Journal.recordAndClaim}: `claimed` when the new row is already `sending` under the lease. */
export interface RecordClaimResult extends RecordResult {
  claimed: boolean;
}

/** Result of {@link Journal.record}. */
export interface RecordResult {
  row: JournalRow;
  /** False: a row with the same dedup key already existed and is returned unchanged. */
  created: boolean;
  /** When not created: intent fields whose value differs from the stored row (the stored row wins). */
  differences: string[];
}

export interface PruneResult extends PruneCounts {
  apiCalls: number;
}

export interface JournalInfo {
  path: string;
  schemaVersion: number;
  sqliteVersion: string;
  journalMode: string;
  synchronous: number;
  busyTimeoutMs: number;
  foreignKeys: boolean;
}

const DAY_MS = 86_400_000;
const PRUNE_PAUSE_MS = 5;
const UNFINISHED_SQL = `state IN (${UNFINISHED_STATES.map((st) => `'${st}'`).join(',')})`;
const noteSchema = z.strictObject({ by: z.string().trim().min(1).max(128), text: z.string().trim().min(1).max(2000) });

/** Opens (or creates) the journal. Throws {@link JournalUnavailableError} if it cannot be used. */
export function openJournal(options: JournalOptions): Journal {
  return Journal.open(options);
}

export class Journal {
  readonly path: string;
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #apiCallsMax: number;
  /** Set once the file is found corrupt mid-run: every later call refuses with it. */
  #stopped: JournalUnavailableError | undefined;
  readonly #instance = randomBytes(6).toString('hex');
  /** `<pid>.<instance>`: written with every lease this instance takes (leases.ts). */
  readonly #holder: string;
  #identity: IdentityCheck | undefined;

  private constructor(db: DatabaseSync, path: string, now: () => number, apiCallsMax: number, leaseClock: () => number) {
    this.#db = db;
    this.path = path;
    this.#now = now;
    this.#apiCallsMax = apiCallsMax;
    this.#holder = registerInstance(this.#instance, leaseClock);
  }

  /** Same as {@link openJournal}. */
  static open(options: JournalOptions): Journal {
    const db = openJournalDatabase(options.path, { busyTimeoutMs: options.busyTimeoutMs ?? 5000, mustExist: options.mustExist ?? false });
    let j: Journal | undefined;
    try {
      installLeaseFunction(db);
      j = new Journal(db, options.path, options.now ?? Date.now, options.apiCallsMax ?? 10_000, options.leaseClock ?? (() => performance.now()));
      const machine = options.machine ?? machineFingerprint();
      const journal = j;
      j.#identity = j.#write((now) => checkIdentity(db, journal.path, machine, now));
      rememberIdentity(options.path, j.#identity.identity);
      if (options.keying) j.settleKeying(options.keying);
      return j;
    } catch (err) {
      if (j) j.close();
      else db.close();
      throw err;
    }
  }

  /** This file's identity, and whether opening it found it to be a copy or a restore (queued rows then verified first). */
  get identity(): IdentityCheck {
    if (!this.#identity) throw new Error('journal: identity read before open finished');
    return this.#identity;
  }

  /** The keying settings stored in the journal, or null before any program settled them. */
  keying(): KeyingSettings | null {
    return this.#read(() => readKeying(this.#db));
  }

  /** Throws JournalKeyingError (naming each difference) unless the journal is keyed exactly as `expected`. */
  requireKeying(expected: KeyingSettings): void {
    this.#read(() => requireKeying(this.#db, this.path, expected));
  }

  /** What {@link settleKeying} would refuse for this claim (JournalKeyingError), without writing; null if it would settle. */
  keyingRefusal(claim: KeyingClaim): JournalKeyingError | null {
    return this.#read(() => keyingRefusal(this.#db, this.path, claim));
  }

  /**
   * Settles how sales are keyed: the first caller writes its claim (with defaults for what it
   * leaves out); later callers get the stored settings, or JournalKeyingError naming every
   * explicit setting that differs. Call before recording anything.
   */
  settleKeying(claim: KeyingClaim): KeyingSettings {
    return this.#write(() => settleKeying(this.#db, this.path, claim));
  }

  // --- writes -------------------------------------------------------------------------------

  /**
   * Records one intended write, durably, before anything is sent (INSERT … ON CONFLICT(dedup_key)
   * DO NOTHING). A second call for the same real-world event returns the existing row with
   * `created: false` — send nothing for it unless you then win `claim` + `transition`.
   * Throws JournalInputError (invalid intent, unknown parent), JournalConflictError (token reused,
   * clawback beyond the award), JournalUnavailableError / JournalBusyError (nothing recorded: do not send).
   */
  record(intent: Intent, options: RecordOptions = {}): RecordResult {
    return this.#write((now) => {
      if (options.keyedBy !== undefined) requireKeying(this.#db, this.path, options.keyedBy);
      if (options.whilePosSaleOpen !== undefined) requireOpenPosSale(this.#db, options.whilePosSaleOpen);
      return this.#recordIn(intent, now);
    });
  }

  /**
   * `record`, and for a new row also `queued → sending` under `owner`'s lease, in one durable
   * commit: journal-before-network needs only this commit before the request leaves, and the
   * outcome one more. An existing row is returned as `record` does, unclaimed.
   */
  recordAndClaim(intent: Intent, claim: { owner: string; leaseMs: number }, options: RecordOptions = {}): RecordClaimResult {
    const req = parseTransitionRequest({ from: ['queued'], to: 'sending', owner: claim.owner, leaseMs: claim.leaseMs });
    return this.#write((now): RecordClaimResult => {
      if (options.keyedBy !== undefined) requireKeying(this.#db, this.path, options.keyedBy);
      if (options.whilePosSaleOpen !== undefined) requireOpenPosSale(this.#db, options.whilePosSaleOpen);
      const rec = this.#recordIn(intent, now);
      if (!rec.created) return { ...rec, claimed: false };
      const t = this.#transitionIn(rec.row.id, req, now);
      return t.ok ? { ...rec, row: t.row, claimed: true } : { ...rec, claimed: false };
    });
  }

  #recordIn(intent: Intent, now: number): RecordResult {
    const v = intentValues(intent, { perTill: readKeying(this.#db)?.idsUniquePer === 'till' });
    {
      const existing = this.#rowByKey(v.dedupKey);
      if (existing) {
        const diff = differences(existing, v.params);
        // A sale refused for certain, re-entered differently (the right card): the new entry counts.
        if (!(diff.length > 0 && retireRefusedAward(this.#db, existing, now))) return { row: existing, created: false, differences: diff };
      }
      if (v.parentId !== null) checkParent(this.#db, { kind: v.intent.kind, parentId: v.parentId, memberId: v.intent.memberId, amount: v.amount });
      const byToken = prepared(this.#db, 'SELECT dedup_key FROM intents WHERE token = :token').get({ token: v.intent.token });
      if (byToken) {
        throw new JournalConflictError('token-reused', `Token ${JSON.stringify(v.intent.token)} is already used by ${String(byToken.dedup_key)}; every write needs its own marker.`);
      }
      const inserted = prepared(
        this.#db,
        `INSERT INTO intents (dedup_key, kind, store_id, till_id, pos_txn_id, return_id, business_date, coupon_id, ref, member_id,
           amount, description, token, sale_total, return_total, parent_id, linked_pos_txn_id, state, created_at, updated_at,
           next_attempt_at, note)
         VALUES (:dedupKey, :kind, :storeId, :tillId, :posTxnId, :returnId, :businessDate, :couponId, :ref, :memberId,
           :amount, :description, :token, :saleTotal, :returnTotal, :parentId, :linkedPosTxnId, 'queued', :now, :now,
           :nextAttemptAt, :note)
         ON CONFLICT (dedup_key) DO NOTHING
         RETURNING *`,
      ).get({ ...v.params, now });
      if (!inserted) throw new Error('journal: insert returned nothing'); // impossible under the write lock
      const row = toJournalRow(inserted);
      appendEvent(this.#db, row.id, now, { type: 'recorded', to: 'queued' });
      return { row, created: true, differences: [] };
    }
  }

  /**
   * Compare-and-set state change. Succeeds only if the row is still in one of `from`, the table
   * allows the move, and the lease rules hold; otherwise returns `{ ok: false, reason }` and
   * changes nothing. Entering `sending`/`verifying` opens an attempt; leaving them closes it with
   * `outcome`. The lease survives only into `sending`/`verifying`; every other target clears it.
   * Throws IllegalTransitionError if any `from` state cannot move to `to` (a caller bug).
   */
  transition(id: number, request: TransitionRequest): TransitionResult {
    const req = parseTransitionRequest(request);
    return this.#write((now) => this.#transitionIn(id, req, now));
  }

  #transitionIn(id: number, req: ReturnType<typeof parseTransitionRequest>, now: number): TransitionResult {
    const patch = req.patch;
    {
      const current = this.#rowById(id);
      if (!current) return { ok: false, reason: 'not-found' };
      const heldPastExpiry = current.leaseUntil !== null && current.leaseUntil <= now && !this.#holderGone(id, current.leaseOwner);
      const refused = refusal(current, req, now, heldPastExpiry);
      if (refused) return { ok: false, reason: refused, row: current };

      const keepLease = isLeasedState(req.to);
      const updated = prepared(
        this.#db,
        `UPDATE intents SET
           state = :to, maybe_applied = :maybeApplied, updated_at = :now, finished_at = :finishedAt,
           next_attempt_at = :nextAttemptAt, version = version + 1,
           attempt_count = attempt_count + :sendInc, verify_count = verify_count + :verifyInc,
           lease_owner = CASE WHEN NOT :keepLease THEN NULL WHEN :takeLease THEN :owner ELSE lease_owner END,
           lease_until = CASE WHEN NOT :keepLease THEN NULL WHEN :takeLease THEN :leaseUntil ELSE lease_until END,
           lease_holder = CASE WHEN NOT :keepLease THEN NULL WHEN :takeLease THEN :holder ELSE lease_holder END,
           server_txn_id = CASE WHEN :setServerTxnId THEN :serverTxnId ELSE server_txn_id END,
           balance = CASE WHEN :setBalance THEN :balance ELSE balance END,
           last_error = CASE WHEN :setLastError THEN :lastError ELSE last_error END,
           reason_code = CASE WHEN :setReasonCode THEN :reasonCode ELSE reason_code END,
           note = CASE WHEN :setNote THEN :note ELSE note END,
           resolved_by = coalesce(:resolvedBy, resolved_by),
           resolution = coalesce(:resolution, resolution)
         WHERE id = :id AND version = :version
         RETURNING *`,
      ).get({
        id,
        version: current.version,
        to: req.to,
        now,
        maybeApplied: maybeAppliedAfter(current.state, req.to, current.maybeApplied) ? 1 : 0,
        finishedAt: isFinal(req.to) ? now : null,
        nextAttemptAt: patch.nextAttemptAt ?? null,
        sendInc: req.to === 'sending' ? 1 : 0,
        verifyInc: req.to === 'verifying' ? 1 : 0,
        keepLease: keepLease ? 1 : 0,
        takeLease: req.leaseMs !== undefined ? 1 : 0,
        owner: req.owner ?? null,
        leaseUntil: now + (req.leaseMs ?? 0),
        holder: this.#holder,
        setServerTxnId: patch.serverTxnId !== undefined ? 1 : 0,
        serverTxnId: patch.serverTxnId ?? null,
        setBalance: patch.balance !== undefined ? 1 : 0,
        balance: patch.balance ?? null,
        setLastError: patch.lastError !== undefined ? 1 : 0,
        lastError: patch.lastError ?? null,
        setReasonCode: patch.reasonCode !== undefined ? 1 : 0,
        reasonCode: patch.reasonCode ?? null,
        setNote: patch.note !== undefined ? 1 : 0,
        note: patch.note ?? null,
        resolvedBy: patch.resolvedBy ?? null,
        resolution: patch.resolution ?? null,
      });
      if (!updated) throw new Error('journal: row changed under the write lock'); // impossible: IMMEDIATE serialises writers
      const row = toJournalRow(updated);
      if (!keepLease) forgetLease(this.#instance, id, current.leaseOwner);
      else if (req.leaseMs !== undefined && req.owner !== undefined) noteLease(this.#instance, id, req.owner, req.leaseMs);

      if (isLeasedState(current.state)) closeAttempt(this.#db, id, now, req.to, req.outcome);
      const attempt = isLeasedState(req.to) ? openAttempt(this.#db, id, req.to === 'sending' ? 'send' : 'verify', req.owner ?? '', now) : undefined;
      appendEvent(this.#db, id, now, { type: 'transition', from: current.state, to: req.to, actor: req.actor ?? req.owner ?? null, detail: transitionDetail(patch, req.outcome) });
      return attempt ? { ok: true, row, attempt } : { ok: true, row };
    }
  }

  /**
   * Takes (or, for the same owner, extends) the row's lease if it is free or expired and the row
   * is in one of `states` (default: the claimable states). One UPDATE: two processes can never
   * both get it. Returns the leased row, or null. `owner` must be unique per worker.
   */
  claim(id: number, owner: string, leaseMs: number, states: readonly UnfinishedState[] = CLAIMABLE_STATES): JournalRow | null {
    const row = this.#write((now) => claimRow(this.#db, id, owner, leaseMs, states, now, this.#holder));
    if (row) noteLease(this.#instance, row.id, owner, leaseMs);
    return row;
  }

  /**
   * The drainer's pick: leases the oldest (creation order) claimable row that is due and not
   * leased, optionally only of `kinds`. A row in `sending`/`verifying` returned here was abandoned
   * by a dead worker — treat its outcome as unknown. Null when nothing is due.
   * Keep `leaseMs` longer than the request timeout, or `claim` again to extend.
   */
  claimNextDue(owner: string, leaseMs: number, options: { kinds?: readonly JournalKind[] } = {}): JournalRow | null {
    const row = this.#write((now) => claimNextDueRow(this.#db, owner, leaseMs, options.kinds, now, this.#holder));
    if (row) noteLease(this.#instance, row.id, owner, leaseMs);
    return row;
  }

  /** Gives the lease back. False if `owner` did not hold it. */
  release(id: number, owner: string): boolean {
    forgetLease(this.#instance, id, owner);
    return this.#write(() => releaseRow(this.#db, id, owner));
  }

  /**
   * Claims "HONOR shown to the cashier" for a confirmed redeem, once ever: `first` is true for
   * exactly one caller, who may then show HONOR. Call it before the verdict leaves the engine.
   */
  claimHonorShown(id: number, by: string): HonorClaim {
    return this.#write((now) => claimHonorShown(this.#db, id, by.slice(0, 128), now));
  }

  /** Appends a note to a row's history (any state, kept forever) and shows it as the row's note. */
  addNote(id: number, note: { by: string; text: string }): JournalEvent {
    const parsed = noteSchema.safeParse(note);
    if (!parsed.success) throw new JournalInputError('A note needs an author and some text.');
    const { by, text } = parsed.data;
    return this.#write((now) => {
      const r = prepared(this.#db, 'UPDATE intents SET note = :text, version = version + 1 WHERE id = :id RETURNING id').get({ id, text });
      if (!r) throw new JournalInputError(`Journal row ${id} does not exist.`);
      return appendEvent(this.#db, id, now, { type: 'note', actor: by, detail: text });
    });
  }

  /** Records that the API origin the keys were bound to changed (kept forever, append-only). */
  recordKeyOriginChange(change: KeyOriginChangeInput): KeyOriginChange {
    return this.#write((now) => insertKeyOriginChange(this.#db, change, now));
  }

  /** The key-origin changes, newest first. */
  keyOriginChanges(limit = 100): KeyOriginChange[] {
    return this.#read(() => listKeyOriginChanges(this.#db, limit));
  }

  // --- POS link sales (pos-sales.ts) ---------------------------------------------------------

  /**
   * Accepts a POS sale durably, or returns the one already stored under its transaction and date.
   * A new sale closes the sales in `noMember` as no-member in the same transaction.
   */
  acceptPosSale(input: PosSaleInput, noMember: readonly number[] = [], options: { anyDate?: boolean } = {}): { row: PosSaleRow; created: boolean; closed: number[] } {
    return this.#write((now) => acceptPosSale(this.#db, input, now, noMember, options));
  }

  /**
   * Cancels the POS sale in the same transaction that finds no award under `awardKey` (a refused
   * one aside); with one, changes nothing and returns its id (take the points back, then close).
   */
  cancelPosSaleUnlessAwarded(id: number, awardKey: string): { cancelled: boolean; awardId: number | null } {
    return this.#write((now) => cancelPosSaleUnlessAwarded(this.#db, id, awardKey, now));
  }

  /** Closes an open POS sale as cancelled or no-member; false if it was already closed. */
  closePosSale(id: number, status: 'cancelled' | 'no-member'): boolean {
    return this.#write((now) => closePosSale(this.#db, id, status, now));
  }

  notePosSaleMember(id: number, member: { memberId: string; memberName: string | null }): void {
    this.#write((now) => notePosSaleMember(this.#db, id, member, now));
  }

  posSale(posTxnId: string, saleDate?: string): PosSaleRow | undefined {
    return this.#read(() => (saleDate === undefined ? latestPosSale(this.#db, posTxnId) : posSaleByTxn(this.#db, posTxnId, saleDate)));
  }

  posSaleById(id: number): PosSaleRow | undefined {
    return this.#read(() => posSaleById(this.#db, id));
  }

  /** The newest `limit` open POS sales (default 20), oldest first. */
  openPosSales(limit = 20): PosSaleRow[] {
    return this.#read(() => openPosSales(this.#db, Math.max(1, Math.trunc(limit))));
  }

  posSalesBetween(from: number, to: number, limit = 5000): PosSaleRow[] {
    return this.#read(() => posSalesBetween(this.#db, from, to, limit));
  }

  /** Appends one API call to the activity audit (bounded to `apiCallsMax` rows). */
  recordApiCall(call: ApiCallInput): void {
    this.#write(() => insertApiCall(this.#db, call, this.#apiCallsMax));
  }

  /** Appends several API calls in one transaction (one disk sync for a batch of POS-link lines). */
  recordApiCalls(calls: readonly ApiCallInput[]): void {
    if (calls.length === 0) return;
    this.#write(() => {
      for (const call of calls) insertApiCall(this.#db, call, this.#apiCallsMax);
    });
  }

  /**
   * Deletes final rows older than the window (see prune.ts for exactly which), their attempts
   * and history, and API-activity rows older than the window. Unfinished rows are never touched.
   * Works in small transactions with short pauses between them, so the other process (and this
   * one's event loop) is never held up for long.
   */
  async prune(options: { olderThanDays?: number } = {}): Promise<PruneResult> {
    const days = options.olderThanDays ?? 90;
    if (!Number.isFinite(days) || days < 1) throw new JournalInputError('prune: olderThanDays must be at least 1.');
    const total: PruneResult = { rows: 0, attempts: 0, events: 0, apiCalls: 0 };
    const cutoff = this.#clock() - days * DAY_MS;
    for (;;) {
      const batch = this.#write(() => pruneBatch(this.#db, cutoff));
      total.rows += batch.rows;
      total.attempts += batch.attempts;
      total.events += batch.events;
      if (batch.rows === 0) break;
      // SQLite's busy handler sleeps between retries; a gap lets a waiting writer in.
      await new Promise((resolve) => setTimeout(resolve, PRUNE_PAUSE_MS));
    }
    total.apiCalls = this.#write(() => pruneApiCalls(this.#db, cutoff));
    this.checkpoint();
    return total;
  }

  /**
   * Copies committed WAL pages into the main file without waiting for readers (PASSIVE). SQLite
   * also does this by itself every ~4000 pages; calling it when idle keeps that work off a send.
   */
  checkpoint(): { walPages: number; checkpointed: number } {
    return this.#read(() => {
      const r = this.#db.prepare('PRAGMA wal_checkpoint(PASSIVE)').get();
      return { walPages: Number(r?.log ?? 0), checkpointed: Number(r?.checkpointed ?? 0) };
    });
  }

  // --- reads --------------------------------------------------------------------------------

  get(id: number): JournalRow | undefined {
    return this.#read(() => this.#rowById(id));
  }

  getByDedupKey(dedupKey: string): JournalRow | undefined {
    return this.#read(() => this.#rowByKey(dedupKey));
  }

  /** Send and verify attempts of a row, oldest first. */
  attempts(id: number): Attempt[] {
    return this.#read(() => prepared(this.#db, 'SELECT * FROM attempts WHERE intent_id = :id ORDER BY n').all({ id }).map(toAttempt));
  }

  /** A row's history, oldest first. */
  events(id: number): JournalEvent[] {
    return this.#read(() => prepared(this.#db, 'SELECT * FROM events WHERE intent_id = :id ORDER BY id').all({ id }).map(toJournalEvent));
  }

  /** Every unfinished row (including needs-attention), in creation order. */
  listUnfinished(options: { limit?: number } = {}): JournalRow[] {
    const limit = Math.max(1, Math.trunc(options.limit ?? 10_000));
    return this.#read(() =>
      prepared(this.#db, `SELECT * FROM intents WHERE ${UNFINISHED_SQL} ORDER BY id LIMIT :limit`).all({ limit }).map(toJournalRow),
    );
  }

  /**
   * Redeems in flight (sending, unknown, verifying), newest first: the drainer's idle poll. Walks
   * the claimable partial index (`+kind` keeps the planner off the per-kind index, which would
   * scan every redeem ever made: ~15 ms at 100k rows, four times a second).
   */
  redeemsInFlight(limit = 50): JournalRow[] {
    return this.#read(() =>
      prepared(
        this.#db,
        "SELECT * FROM intents WHERE state IN ('queued','sending','unknown','verifying') AND state <> 'queued' AND +kind = 'redeem' ORDER BY created_at DESC, id DESC LIMIT :limit",
      )
        .all({ limit: Math.max(1, Math.trunc(limit)) })
        .map(toJournalRow),
    );
  }

  /** Rows pointing at `parentId` (a sale's clawbacks and linked redeems), in creation order. */
  children(parentId: number): JournalRow[] {
    return this.#read(() => prepared(this.#db, 'SELECT * FROM intents WHERE parent_id = :parentId ORDER BY id').all({ parentId }).map(toJournalRow));
  }

  /** How much of an award has been (or is being) clawed back. Undefined if `awardId` is not an award. */
  clawbackSummary(awardId: number): ClawbackSummary | undefined {
    return this.#read(() => clawbackSummary(this.#db, awardId));
  }

  /** Manager console page: newest first, filtered, keyset-paginated via `before`. */
  query(query: JournalQuery): JournalPage {
    const q = parseQuery(query);
    const { sql, params } = pageSql(q);
    return this.#read(() => {
      const rows = prepared(this.#db, sql).all(params).map(toJournalRow);
      const last = rows.at(-1);
      return { rows, next: last && rows.length === q.limit ? { createdAt: last.createdAt, id: last.id } : null };
    });
  }

  /** Number of rows matching a filter (`limit`/`before` ignored). */
  count(filter: JournalFilter = {}): number {
    const q = parseQuery(filter);
    const { sql, params } = countSql(q);
    return this.#read(() => Number(prepared(this.#db, sql).get(params)?.n ?? 0));
  }

  /** Status strip: unfinished counts by state and the oldest unfinished row's age. */
  stats(): JournalStats {
    return this.#read(() => {
      const counts = Object.fromEntries(UNFINISHED_STATES.map((s) => [s, 0])) as Record<UnfinishedState, number>;
      let oldest: number | null = null;
      for (const r of prepared(this.#db, `SELECT state, count(*) AS n, min(created_at) AS oldest FROM intents WHERE ${UNFINISHED_SQL} GROUP BY state`).all()) {
        counts[r.state as UnfinishedState] = Number(r.n);
        const o = Number(r.oldest);
        oldest = oldest === null ? o : Math.min(oldest, o);
      }
      return { counts, unfinished: Object.values(counts).reduce((a, b) => a + b, 0), oldestUnfinishedAt: oldest };
    });
  }

  /** API activity, newest first. */
  apiCalls(query: ApiCallQuery = {}): ApiCall[] {
    return this.#read(() => listApiCalls(this.#db, query));
  }

  /** `PRAGMA integrity_check`: ['ok'] when healthy. Reads the whole file; for diagnostics. */
  integrityCheck(): string[] {
    return this.#read(() => prepared(this.#db, 'PRAGMA integrity_check').all().map((r) => String(r.integrity_check)));
  }

  /** Settings in force, for diagnostics and tests. */
  info(): JournalInfo {
    return this.#read(() => {
      const pragma = (name: string): string => {
        const v = this.#db.prepare(`PRAGMA ${name}`).get()?.[name === 'busy_timeout' ? 'timeout' : name];
        return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
      };
      return {
        path: this.path,
        schemaVersion: readUserVersion(this.#db),
        sqliteVersion: sqliteVersion(),
        journalMode: pragma('journal_mode'),
        synchronous: Number(pragma('synchronous')),
        busyTimeoutMs: Number(pragma('busy_timeout')),
        foreignKeys: Number(pragma('foreign_keys')) === 1,
      };
    });
  }

  /** Closes the file. Every later call throws JournalUnavailableError('closed'). */
  close(): void {
    dropInstance(this.#instance);
    if (!this.#db.isOpen) return;
    try {
      this.#db.exec('PRAGMA optimize');
    } catch {
      // Planner statistics only; never worth failing a close.
    }
    this.#db.close();
  }

  // --- internals ----------------------------------------------------------------------------

  #clock(): number {
    const t = Math.trunc(this.#now());
    if (!Number.isSafeInteger(t) || t < 0) throw new JournalInputError(`The journal clock returned ${t}; expected epoch milliseconds.`);
    return t;
  }

  #usable(): void {
    if (this.#stopped) throw this.#stopped;
    if (!this.#db.isOpen) throw new JournalUnavailableError(this.path, 'closed', 'closed');
  }

  #fail(err: unknown): Error {
    const e = toJournalError(err, this.path);
    if (e instanceof JournalUnavailableError && (e.reason === 'corrupt' || e.reason === 'not-a-database')) this.#stopped = e;
    return e;
  }

  #read<T>(fn: () => T): T {
    this.#usable();
    try {
      return fn();
    } catch (err) {
      throw this.#fail(err);
    }
  }

  /** One IMMEDIATE transaction: takes the write lock up front, so read-check-write is atomic across processes. */
  #write<T>(fn: (now: number) => T): T {
    this.#usable();
    try {
      this.#db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      throw this.#fail(err);
    }
    try {
      const result = fn(this.#clock());
      this.#db.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.#db.isTransaction) {
        try {
          this.#db.exec('ROLLBACK');
        } catch {
          // The original error is the one worth reporting.
        }
      }
      throw this.#fail(err);
    }
  }

  #rowById(id: number): JournalRow | undefined {
    const r = prepared(this.#db, 'SELECT * FROM intents WHERE id = :id').get({ id });
    return r ? toJournalRow(r) : undefined;
  }

  /** Whether the (wall-clock expired) lease on row `id` has lost its holder (leases.ts). */
  #holderGone(id: number, owner: string | null): boolean {
    const r = prepared(this.#db, 'SELECT lease_holder FROM intents WHERE id = :id').get({ id });
    return holderGone(id, r?.lease_holder ?? null, owner);
  }

  #rowByKey(dedupKey: string): JournalRow | undefined {
    const r = prepared(this.#db, 'SELECT * FROM intents WHERE dedup_key = :dedupKey').get({ dedupKey });
    return r ? toJournalRow(r) : undefined;
  }
}
