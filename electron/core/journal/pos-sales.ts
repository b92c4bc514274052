/**
 * The POS link's sales table (schema migration "POS link sales"): accept once, compare replays,
 * close as cancelled or no-member, and the day's counts for the manager. The award itself lives
 * in `intents`; this table never decides points.
 */
import type { DatabaseSync } from 'node:sqlite';
import { JournalConflictError, JournalInputError } from './journal-errors.ts';
import { prepared } from './statements.ts';

export type PosSaleStatus = 'open' | 'no-member' | 'cancelled';

/** What the POS sent, as the table keeps it. */
export interface PosSaleInput {
  posTxnId: string;
  /** The POS's business date, or '' when it sent none. */
  saleDate: string;
  /** The accepted body, canonical JSON. */
  body: string;
  totalMinor: number;
  earnBaseMinor: number;
  currency: string;
  cashierId: string | null;
}

export interface PosSaleRow extends PosSaleInput {
  id: number;
  status: PosSaleStatus;
  memberId: string | null;
  memberName: string | null;
  createdAt: number;
  updatedAt: number;
  version: number;
}

function toRow(r: Record<string, unknown>): PosSaleRow {
  return {
    id: Number(r.id),
    posTxnId: String(r.pos_txn_id),
    saleDate: String(r.sale_date),
    body: String(r.body),
    totalMinor: Number(r.total_minor),
    earnBaseMinor: Number(r.earn_base_minor),
    currency: String(r.currency),
    cashierId: typeof r.cashier_id === 'string' ? r.cashier_id : null,
    status: String(r.status) as PosSaleStatus,
    memberId: typeof r.member_id === 'string' ? r.member_id : null,
    memberName: typeof r.member_name === 'string' ? r.member_name : null,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    version: Number(r.version),
  };
}

/**
 * Inserts the sale unless the same sale is stored; returns the stored one either way. `anyDate`
 * (transaction ids never repeat: `forever` keying) makes the id alone name the sale, so a replay
 * with a business date added or changed is the stored sale (and its body a conflict), never a
 * second one. A new sale closes `noMember` (earlier sales the POS moved on from) as no-member in
 * the same transaction, so accepting a sale costs one disk sync; `closed` lists those it closed.
 */
export function acceptPosSale(
  db: DatabaseSync,
  input: PosSaleInput,
  now: number,
  noMember: readonly number[] = [],
  options: { anyDate?: boolean } = {},
): { row: PosSaleRow; created: boolean; closed: number[] } {
  for (const [name, v] of [['total', input.totalMinor], ['earn base', input.earnBaseMinor]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new JournalInputError(`The POS sale's ${name} must be whole cents, 0 or more.`);
  }
  const existing = options.anyDate === true ? latestPosSale(db, input.posTxnId) : posSaleByTxn(db, input.posTxnId, input.saleDate);
  if (existing) return { row: existing, created: false, closed: [] };
  const r = prepared(
    db,
    `INSERT INTO pos_sales (pos_txn_id, sale_date, body, total_minor, earn_base_minor, currency, cashier_id, created_at, updated_at)
     VALUES (:posTxnId, :saleDate, :body, :totalMinor, :earnBaseMinor, :currency, :cashierId, :now, :now) RETURNING *`,
  ).get({ ...input, now });
  if (!r) throw new Error('journal: insert returned nothing');
  const closed = noMember.filter((id) => closePosSale(db, id, 'no-member', now));
  return { row: toRow(r), created: true, closed };
}

/**
 * Inside the award's write: refuses (JournalConflictError 'pos-sale-closed') unless the POS sale is
 * still open, so an award and a cancel of the same sale can never both win.
 */
export function requireOpenPosSale(db: DatabaseSync, id: number): void {
  const row = posSaleById(db, id);
  if (row === undefined) throw new JournalInputError(`POS sale ${id} is not in this journal.`);
  if (row.status === 'open') return;
  const why = row.status === 'cancelled' ? 'was cancelled at the POS' : 'was closed without a member (the POS moved on)';
  throw new JournalConflictError('pos-sale-closed', `Sale ${row.posTxnId} ${why}; nothing was awarded.`);
}

/**
 * Cancels a sale unless an award is recorded under `awardKey` (a refused one does not count), in
 * one transaction: the check and the close cannot be split by an award. With an award the sale is
 * left as it is and the award row returned, for the caller to take its points back first.
 */
export function cancelPosSaleUnlessAwarded(db: DatabaseSync, id: number, awardKey: string, now: number): { cancelled: boolean; awardId: number | null } {
  const award = prepared(db, 'SELECT id, state FROM intents WHERE dedup_key = :awardKey').get({ awardKey });
  if (award !== undefined && award.state !== 'rejected') return { cancelled: false, awardId: Number(award.id) };
  return { cancelled: closePosSale(db, id, 'cancelled', now), awardId: null };
}

export function posSaleByTxn(db: DatabaseSync, posTxnId: string, saleDate: string): PosSaleRow | undefined {
  const r = prepared(db, 'SELECT * FROM pos_sales WHERE pos_txn_id = :posTxnId AND sale_date = :saleDate').get({ posTxnId, saleDate });
  return r ? toRow(r) : undefined;
}

/** The newest sale with this transaction id, whatever its date. */
export function latestPosSale(db: DatabaseSync, posTxnId: string): PosSaleRow | undefined {
  const r = prepared(db, 'SELECT * FROM pos_sales WHERE pos_txn_id = :posTxnId ORDER BY id DESC LIMIT 1').get({ posTxnId });
  return r ? toRow(r) : undefined;
}

export function posSaleById(db: DatabaseSync, id: number): PosSaleRow | undefined {
  const r = prepared(db, 'SELECT * FROM pos_sales WHERE id = :id').get({ id });
  return r ? toRow(r) : undefined;
}

/**
 * The newest `limit` open sales, oldest first. An awarded sale stays open (its status records only
 * cancel and no-member), so the open rows grow with every award: only the newest few can still be
 * on the till's screen, and reading them is one walk down the partial index.
 */
export function openPosSales(db: DatabaseSync, limit: number): PosSaleRow[] {
  return prepared(db, "SELECT * FROM pos_sales WHERE status = 'open' ORDER BY id DESC LIMIT :limit").all({ limit }).map(toRow).reverse();
}

/** Closes a sale: no-member only from open, cancelled from open or no-member. False when that move is not open to it. */
export function closePosSale(db: DatabaseSync, id: number, status: Exclude<PosSaleStatus, 'open'>, now: number): boolean {
  const from = status === 'cancelled' ? "status IN ('open','no-member')" : "status = 'open'";
  const r = prepared(db, `UPDATE pos_sales SET status = :status, updated_at = :now, version = version + 1 WHERE id = :id AND ${from}`).run({ id, status, now });
  return Number(r.changes) === 1;
}

/** Records who the cashier awarded the sale to (kept for the receipt's name line). */
export function notePosSaleMember(db: DatabaseSync, id: number, member: { memberId: string; memberName: string | null }, now: number): void {
  prepared(db, "UPDATE pos_sales SET member_id = :memberId, member_name = :memberName, updated_at = :now, version = version + 1 WHERE id = :id AND status = 'open'").run({
    id,
    now,
    memberId: member.memberId,
    memberName: member.memberName,
  });
}

/** Sales created in [from, to), oldest first. */
export function posSalesBetween(db: DatabaseSync, from: number, to: number, limit: number): PosSaleRow[] {
  return prepared(db, 'SELECT * FROM pos_sales WHERE created_at >= :from AND created_at < :to ORDER BY created_at, id LIMIT :limit')
    .all({ from, to, limit })
    .map(toRow);
}
