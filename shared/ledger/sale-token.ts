/**
 * The marker the till embeds in every ledger description it writes, and the parser that finds
 * it again. The API has no idempotency key, so this marker is how an unknown outcome is resolved
 * (read the ledger back, look for the marker) and how reconciliation matches journal to ledger.
 *
 * Format (segments joined by " · ", order fixed):
 *   In-store purchase · store st_nyc_01 · till T2 · txn 90871
 *   In-store purchase · store st_nyc_01 · till T2 · day 2026-11-25 · txn 90871   (ids unique per business day)
 *   Return · store st_nyc_01 · till T2 · txn 90871 · return R1
 *   Manager adjustment · store st_nyc_01 · till T2 · adj a1b2c3 · reason GOODWILL
 *
 * Matching is by parsed fields, never by substring, so `txn 9087` cannot match `txn 90871` and a
 * return's description cannot be mistaken for the sale it reverses.
 */
import { BUSINESS_DATE_PATTERN } from '../time/business-day.ts';

export type SaleTokenKind = 'purchase' | 'return' | 'adjustment';

export interface SaleToken {
  kind: SaleTokenKind;
  storeId: string;
  tillId: string;
  /** Present when the till's transaction ids restart every business day. */
  businessDate?: string;
  /** POS transaction id (purchase, return) */
  posTxnId?: string;
  /** Return id (return only) */
  returnId?: string;
  /** Adjustment reference (adjustment only) */
  adjustmentRef?: string;
  /** Reason code (adjustment only) */
  reasonCode?: string;
}

const LABELS: Record<SaleTokenKind, string> = {
  purchase: 'In-store purchase',
  return: 'Return',
  adjustment: 'Manager adjustment',
};
const SEP = ' · ';
/** Token values are restricted so a value can never contain the separator or a key word. */
export const TOKEN_VALUE = /^[A-Za-z0-9_-]{1,64}$/;

export class SaleTokenError extends Error {
  override name = 'SaleTokenError';
}

function check(name: string, value: string | undefined, pattern: RegExp = TOKEN_VALUE): string {
  if (value === undefined || !pattern.test(value)) {
    throw new SaleTokenError(`${name} "${value ?? ''}" cannot be used in a ledger marker (allowed: A–Z, a–z, 0–9, _ and -, up to 64)`);
  }
  return value;
}

/** Builds the description for a write. Throws SaleTokenError on values that could not be parsed back. */
export function formatDescription(token: SaleToken): string {
  const parts = [LABELS[token.kind], `store ${check('store id', token.storeId)}`, `till ${check('till id', token.tillId)}`];
  if (token.businessDate !== undefined) parts.push(`day ${check('business date', token.businessDate, BUSINESS_DATE_PATTERN)}`);
  switch (token.kind) {
    case 'purchase':
      parts.push(`txn ${check('transaction id', token.posTxnId)}`);
      break;
    case 'return':
      parts.push(`txn ${check('transaction id', token.posTxnId)}`, `return ${check('return id', token.returnId)}`);
      break;
    case 'adjustment':
      parts.push(`adj ${check('adjustment reference', token.adjustmentRef)}`, `reason ${check('reason code', token.reasonCode)}`);
      break;
  }
  return parts.join(SEP);
}

const KIND_BY_LABEL = new Map<string, SaleTokenKind>(Object.entries(LABELS).map(([k, v]) => [v, k as SaleTokenKind]));

/**
 * Parses a ledger description written by formatDescription. Returns null for anything else —
 * including descriptions that merely contain a look-alike fragment.
 */
export function parseDescription(description: string): SaleToken | null {
  const parts = description.split(SEP);
  const kind = KIND_BY_LABEL.get(parts[0] ?? '');
  if (kind === undefined) return null;
  const fields = new Map<string, string>();
  const order: string[] = [];
  for (const part of parts.slice(1)) {
    const space = part.indexOf(' ');
    if (space <= 0) return null;
    const key = part.slice(0, space);
    const value = part.slice(space + 1);
    if (fields.has(key)) return null;
    fields.set(key, value);
    order.push(key);
  }
  const expected =
    kind === 'purchase'
      ? ['store', 'till', ...(fields.has('day') ? ['day'] : []), 'txn']
      : kind === 'return'
        ? ['store', 'till', ...(fields.has('day') ? ['day'] : []), 'txn', 'return']
        : ['store', 'till', ...(fields.has('day') ? ['day'] : []), 'adj', 'reason'];
  if (order.length !== expected.length || order.some((k, i) => k !== expected[i])) return null;
  for (const [key, value] of fields) {
    if (!(key === 'day' ? BUSINESS_DATE_PATTERN : TOKEN_VALUE).test(value)) return null;
  }
  const token: SaleToken = { kind, storeId: fields.get('store')!, tillId: fields.get('till')! };
  const day = fields.get('day');
  if (day !== undefined) token.businessDate = day;
  if (kind !== 'adjustment') token.posTxnId = fields.get('txn')!;
  if (kind === 'return') token.returnId = fields.get('return')!;
  if (kind === 'adjustment') {
    token.adjustmentRef = fields.get('adj')!;
    token.reasonCode = fields.get('reason')!;
  }
  return token;
}

/**
 * Whether two markers name the same write. With store-unique POS ids (`perTill` false) a sale
 * or return is the same whichever till rang it up, so the till is ignored; an adjustment's
 * reference is the till's own, so its till always counts.
 */
export function sameWrite(a: SaleToken, b: SaleToken, perTill: boolean): boolean {
  return (
    a.kind === b.kind &&
    a.storeId === b.storeId &&
    (a.tillId === b.tillId || (!perTill && a.kind !== 'adjustment')) &&
    a.businessDate === b.businessDate &&
    a.posTxnId === b.posTxnId &&
    a.returnId === b.returnId &&
    a.adjustmentRef === b.adjustmentRef &&
    a.reasonCode === b.reasonCode
  );
}

/** The identity {@link sameWrite} compares, as a string: equal keys ⇔ same write. */
export function writeKey(token: SaleToken, perTill: boolean): string {
  const till = perTill || token.kind === 'adjustment' ? token.tillId : '*';
  return [token.kind, token.storeId, till, token.businessDate ?? '', token.posTxnId ?? '', token.returnId ?? '', token.adjustmentRef ?? '', token.reasonCode ?? ''].join('|');
}

/**
 * True when the description carries this write's marker: every field equal, or — with
 * `perTill: false` — equal but for the till of a sale or return.
 */
export function descriptionMatches(description: string, token: SaleToken, options: { perTill?: boolean } = {}): boolean {
  const parsed = parseDescription(description);
  if (parsed === null) return false;
  if (options.perTill === false) return sameWrite(parsed, token, false);
  return (
    parsed.kind === token.kind &&
    parsed.storeId === token.storeId &&
    parsed.tillId === token.tillId &&
    parsed.businessDate === token.businessDate &&
    parsed.posTxnId === token.posTxnId &&
    parsed.returnId === token.returnId &&
    parsed.adjustmentRef === token.adjustmentRef &&
    parsed.reasonCode === token.reasonCode
  );
}
