/**
 * How sales are keyed, stored once in the journal so that every process sharing it (app, CLI,
 * web host) puts the same sale under the same key and marker. The first process to settle the
 * keying writes it; a later process whose explicit settings differ is refused, naming each
 * difference, before it can record anything. Settings a process leaves out are taken from the
 * journal, so a CLI run without flags follows the till. A journal with no rows yet may be re-keyed.
 */
import type { DatabaseSync } from 'node:sqlite';
import { DAY_START_PATTERN, DEFAULT_DAY_START, DayWindowError, localTimeZone, sameTimeZone, zoneOffset } from '../../../shared/time/business-day.ts';
import { TOKEN_VALUE } from '../../../shared/ledger/sale-token.ts';
import { JournalInputError, JournalKeyingError } from './journal-errors.ts';
import type { KeyingDifference } from './journal-errors.ts';
import { prepared } from './statements.ts';

export interface KeyingSettings {
  /** POS transaction ids are unique forever, or only within one business day. */
  idScope: 'forever' | 'business-day';
  /** When the business day starts, HH:MM in `timeZone`. */
  dayStart: string;
  /** The store's time zone (IANA name, UTC or ±HH:MM). */
  timeZone: string;
  storeId: string;
  /** POS ids are unique across the store's tills (default), or only per till. */
  idsUniquePer: 'store' | 'till';
}

/** What a process asks for; an omitted field is taken from the journal (or the default). */
export type KeyingClaim = Partial<KeyingSettings>;

export const KEYING_DEFAULTS = { idScope: 'forever', dayStart: DEFAULT_DAY_START, idsUniquePer: 'store' } as const;

const LABELS: Record<keyof KeyingSettings, string> = {
  idScope: 'id scope',
  dayStart: 'business day start',
  timeZone: 'time zone',
  storeId: 'store',
  idsUniquePer: 'POS ids unique per',
};
const FIELDS = Object.keys(LABELS) as (keyof KeyingSettings)[];

/** A claimed value keys sales as the stored one does: a zone under another of its names is the same zone. */
function sameSetting(field: keyof KeyingSettings, stored: string, claimed: string): boolean {
  return field === 'timeZone' ? sameTimeZone(stored, claimed) : stored === claimed;
}

/** Checks a claim's values and resolves `local` to this process's zone name. */
export function normaliseClaim(claim: KeyingClaim): KeyingClaim {
  const out: KeyingClaim = {};
  if (claim.idScope !== undefined) {
    if (claim.idScope !== 'forever' && claim.idScope !== 'business-day') throw new JournalInputError(`id scope must be forever or business-day (got ${JSON.stringify(claim.idScope)}).`);
    out.idScope = claim.idScope;
  }
  if (claim.dayStart !== undefined) {
    if (!DAY_START_PATTERN.test(claim.dayStart)) throw new JournalInputError(`The business day start must be HH:MM (got ${JSON.stringify(claim.dayStart)}).`);
    out.dayStart = claim.dayStart;
  }
  if (claim.timeZone !== undefined) {
    const zone = claim.timeZone.trim();
    const resolved = zone === '' || zone.toLowerCase() === 'local' ? localTimeZone() : zone;
    try {
      zoneOffset(resolved);
    } catch (err) {
      if (err instanceof DayWindowError) throw new JournalInputError(`Time zone: ${err.message}.`);
      throw err;
    }
    out.timeZone = resolved;
  }
  if (claim.storeId !== undefined) {
    if (!TOKEN_VALUE.test(claim.storeId)) throw new JournalInputError(`The store id ${JSON.stringify(claim.storeId)} must be 1–64 of A–Z, a–z, 0–9, _ or -.`);
    out.storeId = claim.storeId;
  }
  if (claim.idsUniquePer !== undefined) {
    if (claim.idsUniquePer !== 'store' && claim.idsUniquePer !== 'till') throw new JournalInputError(`POS ids must be unique per store or per till (got ${JSON.stringify(claim.idsUniquePer)}).`);
    out.idsUniquePer = claim.idsUniquePer;
  }
  return out;
}

function parseStored(text: string): KeyingSettings | null {
  try {
    const claim = normaliseClaim(JSON.parse(text) as KeyingClaim);
    return FIELDS.every((f) => claim[f] !== undefined) ? (claim as KeyingSettings) : null;
  } catch {
    return null;
  }
}

function storedText(db: DatabaseSync): string | null {
  const r = prepared(db, "SELECT value FROM journal_meta WHERE key = 'keying'").get();
  return typeof r?.value === 'string' ? r.value : null;
}

export function readKeying(db: DatabaseSync): KeyingSettings | null {
  const text = storedText(db);
  return text === null ? null : parseStored(text);
}

function hasRows(db: DatabaseSync): boolean {
  return prepared(db, 'SELECT 1 AS x FROM intents LIMIT 1').get() !== undefined;
}

/**
 * Inside the record's transaction: the journal is still keyed as `expected` (what the caller
 * worked the sale's key out by). Another program may re-key a journal with no rows between the
 * caller's read and this write; the sale must then not go in under the old keying.
 */
export function requireKeying(db: DatabaseSync, path: string, expected: KeyingSettings): void {
  const stored = readKeying(db);
  if (stored === null) throw new JournalKeyingError(path, [], 'is keyed by settings this program cannot read (another program re-keyed it)');
  const differences = FIELDS.filter((f) => !sameSetting(f, stored[f], expected[f])).map((f) => ({ setting: LABELS[f], journal: stored[f], process: expected[f] }));
  if (differences.length > 0) throw new JournalKeyingError(path, differences);
}

/**
 * Why the journal would refuse this (normalised) claim, or null; `stored` is its readable keying,
 * if any. A journal with no rows refuses nothing: it may be re-keyed.
 */
function conflict(db: DatabaseSync, path: string, claim: KeyingClaim): { refusal: JournalKeyingError | null; stored: KeyingSettings | null } {
  const text = storedText(db);
  const stored = text === null ? null : parseStored(text);
  // Settings this runtime cannot read (e.g. a zone only newer time-zone data knows) still key the
  // journal's sales: taking it over would put the same sale under a second key.
  if (text !== null && stored === null && hasRows(db)) {
    const why = `holds sales keyed by settings this program cannot read (${text.slice(0, 200)}; an unknown time zone needs newer time-zone data)`;
    return { refusal: new JournalKeyingError(path, [], why), stored };
  }
  if (stored === null) return { refusal: null, stored };
  const differences: KeyingDifference[] = FIELDS.filter((f) => claim[f] !== undefined && !sameSetting(f, stored[f], claim[f])).map((f) => ({
    setting: LABELS[f],
    journal: stored[f],
    process: String(claim[f]),
  }));
  return { refusal: differences.length > 0 && hasRows(db) ? new JournalKeyingError(path, differences) : null, stored };
}

/** What settleKeying would refuse for this claim, without writing: null when it would be accepted. */
export function keyingRefusal(db: DatabaseSync, path: string, input: KeyingClaim): JournalKeyingError | null {
  return conflict(db, path, normaliseClaim(input)).refusal;
}

/** Inside a write transaction: the journal's keying after this claim, or JournalKeyingError. */
export function settleKeying(db: DatabaseSync, path: string, input: KeyingClaim): KeyingSettings {
  const claim = normaliseClaim(input);
  const { refusal, stored } = conflict(db, path, claim);
  if (refusal !== null) throw refusal;
  if (stored !== null && FIELDS.every((f) => claim[f] === undefined || sameSetting(f, stored[f], claim[f]))) return stored;
  const storeId = claim.storeId ?? stored?.storeId;
  if (storeId === undefined) throw new JournalInputError('The journal has no keying settings yet: the first program to write must name the store.');
  const settings: KeyingSettings = {
    idScope: claim.idScope ?? stored?.idScope ?? KEYING_DEFAULTS.idScope,
    dayStart: claim.dayStart ?? stored?.dayStart ?? KEYING_DEFAULTS.dayStart,
    timeZone: claim.timeZone ?? stored?.timeZone ?? localTimeZone(),
    storeId,
    idsUniquePer: claim.idsUniquePer ?? stored?.idsUniquePer ?? KEYING_DEFAULTS.idsUniquePer,
  };
  prepared(db, "INSERT INTO journal_meta (key, value) VALUES ('keying', :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run({
    value: JSON.stringify(settings),
  });
  return settings;
}
