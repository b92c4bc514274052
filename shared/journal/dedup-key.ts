/**
 * Dedup keys: the journal's UNIQUE identity of one intended write. The same real-world
 * event must always produce the same key, on any till, after any restart.
 *
 *   award       award:<storeId>[:<businessDate>]:<posTxnId>
 *   clawback    clawback:<storeId>[:<businessDate>]:<posTxnId>:<returnId>
 *   redeem      redeem:<couponId>
 *   adjustment  adjust:<storeId>:<tillId>:<ref>
 *
 *   award       award.till:<storeId>:<tillId>[:<businessDate>]:<posTxnId>           (POS ids unique per till)
 *   clawback    clawback.till:<storeId>:<tillId>[:<businessDate>]:<posTxnId>:<returnId>
 *
 * The business date is included when the POS reuses transaction ids each business day; the till
 * only when each till numbers its sales on its own (otherwise one sale rung up at two tills is
 * one key, so it is awarded once).
 * Parts may not contain ':' so every key has exactly one reading (the builder is injective).
 */
import { isBusinessDate } from '../time/business-day.ts';

/** A key part: 1–64 printable ASCII characters, no spaces and no ':'. */
export const DEDUP_PART_PATTERN = /^[!-9;-~]{1,64}$/;

export type DedupKeyParts =
  | { kind: 'award'; storeId: string; posTxnId: string; businessDate?: string | undefined; perTill?: string | undefined }
  | { kind: 'clawback'; storeId: string; posTxnId: string; returnId: string; businessDate?: string | undefined; perTill?: string | undefined }
  | { kind: 'redeem'; couponId: string }
  | { kind: 'adjustment'; storeId: string; tillId: string; ref: string };

export class DedupKeyError extends Error {
  override readonly name = 'DedupKeyError';
}

function part(name: string, value: string): string {
  if (!DEDUP_PART_PATTERN.test(value)) {
    throw new DedupKeyError(`${name} ${JSON.stringify(value)} cannot be part of a dedup key: use 1–64 printable characters without spaces or ':'`);
  }
  return value;
}

function date(value: string | undefined): string[] {
  if (value === undefined) return [];
  if (!isBusinessDate(value)) throw new DedupKeyError(`businessDate ${JSON.stringify(value)} must be a real date in YYYY-MM-DD form`);
  return [value];
}

function scope(prefix: string, parts: { storeId: string; perTill?: string | undefined }): string[] {
  const store = part('storeId', parts.storeId);
  return parts.perTill === undefined ? [prefix, store] : [`${prefix}.till`, store, part('tillId', parts.perTill)];
}

/** Builds the dedup key for one intended write. Throws {@link DedupKeyError} on an unusable part. */
export function buildDedupKey(parts: DedupKeyParts): string {
  switch (parts.kind) {
    case 'award':
      return [...scope('award', parts), ...date(parts.businessDate), part('posTxnId', parts.posTxnId)].join(':');
    case 'clawback':
      return [
        ...scope('clawback', parts),
        ...date(parts.businessDate),
        part('posTxnId', parts.posTxnId),
        part('returnId', parts.returnId),
      ].join(':');
    case 'redeem':
      return `redeem:${part('couponId', parts.couponId)}`;
    case 'adjustment':
      return ['adjust', part('storeId', parts.storeId), part('tillId', parts.tillId), part('ref', parts.ref)].join(':');
  }
}

/** Reads a key back into its parts (for display and checks); null if it is not a key this module builds. */
export function parseDedupKey(key: string): DedupKeyParts | null {
  const [prefix, ...rest] = key.split(':');
  if (rest.some((p) => !DEDUP_PART_PATTERN.test(p))) return null;
  const parts = ((): DedupKeyParts | null => {
    switch (prefix) {
      case 'award':
        if (rest.length === 2) return { kind: 'award', storeId: rest[0]!, posTxnId: rest[1]! };
        if (rest.length === 3) return { kind: 'award', storeId: rest[0]!, businessDate: rest[1]!, posTxnId: rest[2]! };
        return null;
      case 'clawback':
        if (rest.length === 3) return { kind: 'clawback', storeId: rest[0]!, posTxnId: rest[1]!, returnId: rest[2]! };
        if (rest.length === 4) return { kind: 'clawback', storeId: rest[0]!, businessDate: rest[1]!, posTxnId: rest[2]!, returnId: rest[3]! };
        return null;
      case 'award.till':
        if (rest.length === 3) return { kind: 'award', storeId: rest[0]!, perTill: rest[1]!, posTxnId: rest[2]! };
        if (rest.length === 4) return { kind: 'award', storeId: rest[0]!, perTill: rest[1]!, businessDate: rest[2]!, posTxnId: rest[3]! };
        return null;
      case 'clawback.till':
        if (rest.length === 4) return { kind: 'clawback', storeId: rest[0]!, perTill: rest[1]!, posTxnId: rest[2]!, returnId: rest[3]! };
        if (rest.length === 5) return { kind: 'clawback', storeId: rest[0]!, perTill: rest[1]!, businessDate: rest[2]!, posTxnId: rest[3]!, returnId: rest[4]! };
        return null;
      case 'redeem':
        return rest.length === 1 ? { kind: 'redeem', couponId: rest[0]! } : null;
      case 'adjust':
        return rest.length === 3 ? { kind: 'adjustment', storeId: rest[0]!, tillId: rest[1]!, ref: rest[2]! } : null;
      default:
        return null;
    }
  })();
  if (parts && 'businessDate' in parts && parts.businessDate !== undefined && !isBusinessDate(parts.businessDate)) return null;
  return parts;
}
