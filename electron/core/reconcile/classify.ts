/**
 * The pure half of reconciliation: the day's journal writes + the ledger entries read back →
 * the report's categories. No I/O, so every edge case is a unit test.
 *
 * Rules (documented in README.md beside this file):
 * - A write owns the entries on *its member's* ledger whose parsed marker equals its own — the
 *   till aside when POS ids are unique per store, so one sale rung up at two tills shows as a
 *   duplicate, never as clean.
 * - 0 entries → missing on server. 1 entry, same amount → matched. 2+ entries → duplicated
 *   (`extraPoints` = server sum − journal amount; a compensating adjustment posts −extraPoints).
 * - 1 entry with a different amount → the write is missing AND the entry is unexpected, with the
 *   entry's `journalId` pointing at the write, so the console can show them as a pair.
 * - An entry nobody owns is unexpected only if its marker names our store and till and it was
 *   created inside the day; an entry whose row the journal knows as rejected is unexpected too
 *   (with that row's id). Rows in flight, parked for a manager or resolved are known here: one
 *   entry is skipped, two or more are reported as duplicated (the engine parks such rows as
 *   `duplicate-on-ledger` and leaves the compensating adjustment to this report).
 * - Totals: journalPoints = Σ amounts of matched + missing + duplicated writes; serverPoints =
 *   Σ of every entry listed. Members in `incomplete` are left out of both.
 */
import type { LedgerTransaction } from '../../../shared/api/schemas.ts';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import type { JournalRow } from '../../../shared/journal/row.ts';
import { parseDescription, writeKey } from '../../../shared/ledger/sale-token.ts';
import type { SaleToken } from '../../../shared/ledger/sale-token.ts';
import { canonical, matchKey, tokenKey } from './token-key.ts';
import type { IncompleteRead } from './read-ledgers.ts';

type Item = ReconcileReport['matched'][number];
type DuplicateItem = ReconcileReport['duplicatedOnServer'][number];

export interface ClassifyInput {
  date: string;
  generatedAt: number;
  /** Day window by our clock; ledger entries are placed in it by the server's `createdAt`. */
  window: { start: number; end: number };
  storeId: string;
  tillId: string;
  /** POS ids unique per till; otherwise a sale's entry counts whichever till's marker it bears. */
  idsPerTill?: boolean;
  /** The day's confirmed award / clawback / adjustment rows. */
  writes: readonly JournalRow[];
  /** Ledger entries per member read completely back to the day start (any order, may repeat). */
  ledgers: ReadonlyMap<string, readonly LedgerTransaction[]>;
  /** Members whose ledger could not be read: their writes are left out of every category. */
  incomplete: ReadonlyMap<string, IncompleteRead>;
  /** The journal row written under a marker, if any (any day, any state). */
  findRow: (token: SaleToken) => JournalRow | undefined;
}

export function classify(input: ClassifyInput): ReconcileReport {
  const { window, storeId, tillId } = input;
  const perTill = input.idsPerTill ?? false;
  const matched: Item[] = [];
  const missingOnServer: Item[] = [];
  const duplicatedOnServer: DuplicateItem[] = [];
  const unexpectedOnServer: Item[] = [];

  // memberId → marker key → the write that owns it
  const owners = new Map<string, Map<string, JournalRow>>();
  const claimed = new Map<JournalRow, LedgerTransaction[]>();
  const unparsable: JournalRow[] = [];
  for (const row of input.writes) {
    if (input.incomplete.has(row.memberId)) continue;
    const key = matchKey(row.description, perTill);
    if (key === null) {
      unparsable.push(row);
      continue;
    }
    const byKey = owners.get(row.memberId) ?? new Map<string, JournalRow>();
    owners.set(row.memberId, byKey);
    byKey.set(key, row);
    claimed.set(row, []);
  }

  // Entries no confirmed write of the day owns, grouped by member and marker.
  const unowned = new Map<string, { memberId: string; key: string; shown: string; token: SaleToken; entries: LedgerTransaction[] }>();
  for (const [memberId, entries] of input.ledgers) {
    const seen = new Set<string>();
    for (const entry of entries) {
      // Offset paging over a growing ledger can return an entry twice.
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      const token = parseDescription(entry.description);
      if (token === null) continue;
      const key = writeKey(token, perTill);
      const owner = owners.get(memberId)?.get(key);
      if (owner) {
        claimed.get(owner)?.push(entry);
        continue;
      }
      const groupKey = `${memberId}\n${key}`;
      const group = unowned.get(groupKey) ?? { memberId, key, shown: canonical(token), token, entries: [] };
      group.entries.push(entry);
      unowned.set(groupKey, group);
    }
  }

  for (const { memberId, key, shown, token, entries } of unowned.values()) {
    const row = input.findRow(token);
    const known = row !== undefined && row.memberId === memberId && matchKey(row.description, perTill) === key;
    if (known && row.state !== 'rejected') {
      // A write of ours the day's confirmed set does not cover (in flight, parked for a manager,
      // another day): one entry is its own business, two or more are a duplicate all the same.
      if (entries.length >= 2) {
        const serverSum = entries.reduce((sum, e) => sum + e.amount, 0);
        duplicatedOnServer.push({ ...fromRow(row), serverTxnIds: entries.map((e) => e.id), extraPoints: serverSum - row.amount });
      }
      continue;
    }
    if (token.storeId !== storeId || token.tillId !== tillId) continue;
    for (const entry of entries) {
      const at = Date.parse(entry.createdAt);
      if (at >= window.start && at < window.end) unexpectedOnServer.push(fromEntry(memberId, shown, entry, known ? row.id : null));
    }
  }

  for (const [row, entries] of claimed) {
    const base = fromRow(row);
    const first = entries[0];
    if (first === undefined) {
      missingOnServer.push(base);
    } else if (entries.length >= 2) {
      const serverSum = entries.reduce((sum, e) => sum + e.amount, 0);
      duplicatedOnServer.push({ ...base, serverTxnIds: entries.map((e) => e.id), extraPoints: serverSum - row.amount });
    } else if (first.amount === row.amount) {
      matched.push({ ...base, serverTxnIds: [first.id] });
    } else {
      missingOnServer.push(base);
      unexpectedOnServer.push(fromEntry(row.memberId, base.token ?? '', first, row.id));
    }
  }
  for (const row of unparsable) missingOnServer.push({ ...fromRow(row), token: null });

  const sum = (items: readonly Item[]): number => items.reduce((s, i) => s + i.amount, 0);
  // Journal side: every write listed as matched, missing or duplicated; server side: every entry listed.
  const journalPoints = sum(matched) + sum(missingOnServer) + sum(duplicatedOnServer);
  const serverPoints =
    sum(matched) + sum(unexpectedOnServer) + duplicatedOnServer.reduce((s, d) => s + d.amount + d.extraPoints, 0);

  const byTime = (a: Item, b: Item): number => (a.at ?? 0) - (b.at ?? 0) || (a.journalId ?? 0) - (b.journalId ?? 0) || a.memberId.localeCompare(b.memberId);
  return {
    date: input.date,
    generatedAt: input.generatedAt,
    matched: matched.sort(byTime),
    missingOnServer: missingOnServer.sort(byTime),
    duplicatedOnServer: duplicatedOnServer.sort(byTime),
    unexpectedOnServer: unexpectedOnServer.sort(byTime),
    totals: {
      journalPoints,
      serverPoints,
      matched: matched.length,
      missing: missingOnServer.length,
      duplicated: duplicatedOnServer.length,
      unexpected: unexpectedOnServer.length,
    },
    incomplete: [...input.incomplete].map(([memberId, read]) => ({ memberId, reason: read.reason, message: read.message })).sort((a, b) => a.memberId.localeCompare(b.memberId)),
  };
}

function fromRow(row: JournalRow): Item {
  return {
    memberId: row.memberId,
    token: tokenKey(row.description),
    description: row.description,
    amount: row.amount,
    journalId: row.id,
    serverTxnIds: [],
    at: row.createdAt,
  };
}

function fromEntry(memberId: string, key: string, entry: LedgerTransaction, journalId: number | null): Item {
  const at = Date.parse(entry.createdAt);
  return {
    memberId,
    token: key,
    description: entry.description,
    amount: entry.amount,
    journalId,
    serverTxnIds: [entry.id],
    at: Number.isFinite(at) ? at : null,
  };
}
