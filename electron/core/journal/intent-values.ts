/**
 * A validated intent → its dedup key and column values, and the comparison used when the same
 * key is recorded twice (the stored row wins; the caller learns what differed).
 */
import type { SQLInputValue } from 'node:sqlite';
import { buildDedupKey } from '../../../shared/journal/dedup-key.ts';
import { intentSchema } from '../../../shared/journal/intent.ts';
import type { Intent } from '../../../shared/journal/intent.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { JournalInputError, formatIssues } from './journal-errors.ts';

export type ParsedIntent = ReturnType<typeof intentSchema.parse>;

export interface IntentValues {
  intent: ParsedIntent;
  dedupKey: string;
  /** Signed points; 0 for a redeem. */
  amount: number;
  parentId: number | null;
  /** Named parameters of the INSERT. */
  params: Record<string, SQLInputValue>;
}

/** `perTill`: the journal's POS ids are unique per till only, so the till is part of a sale's key. */
export function intentValues(input: Intent, options: { perTill?: boolean } = {}): IntentValues {
  const parsed = intentSchema.safeParse(input);
  if (!parsed.success) throw new JournalInputError(`Invalid journal intent: ${formatIssues(parsed.error.issues)}`);
  const i = parsed.data;
  const amount = 'amount' in i ? i.amount : 0;
  const parentId = 'parentId' in i ? (i.parentId ?? null) : null;
  const dedupKey = buildDedupKey(options.perTill && (i.kind === 'award' || i.kind === 'clawback') ? { ...i, perTill: i.tillId } : i);
  return {
    intent: i,
    dedupKey,
    amount,
    parentId,
    params: {
      dedupKey,
      kind: i.kind,
      storeId: i.storeId,
      tillId: i.tillId,
      posTxnId: 'posTxnId' in i ? i.posTxnId : null,
      returnId: 'returnId' in i ? i.returnId : null,
      businessDate: 'businessDate' in i ? (i.businessDate ?? null) : null,
      couponId: 'couponId' in i ? i.couponId : null,
      ref: 'ref' in i ? i.ref : null,
      memberId: i.memberId,
      amount,
      description: i.description,
      token: i.token,
      saleTotal: 'saleTotal' in i ? (i.saleTotal ?? null) : null,
      returnTotal: 'returnTotal' in i ? (i.returnTotal ?? null) : null,
      parentId,
      linkedPosTxnId: 'linkedPosTxnId' in i ? (i.linkedPosTxnId ?? null) : null,
      nextAttemptAt: i.nextAttemptAt ?? null,
      note: i.note ?? null,
    },
  };
}

const COMPARED = ['memberId', 'amount', 'couponId', 'parentId', 'saleTotal', 'returnTotal', 'linkedPosTxnId', 'token', 'description'] as const;

/** Fields of a repeated intent that differ from the row already recorded under its key. */
export function differences(row: JournalRow, params: Record<string, SQLInputValue>): string[] {
  return COMPARED.filter((field) => row[field] !== params[field]);
}
