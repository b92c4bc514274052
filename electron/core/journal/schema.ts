/**
 * Journal schema, versioned in code through `PRAGMA user_version`. Migrations are append-only:
 * a shipped migration is never edited (journals in the field already ran it). All pending
 * migrations run in one IMMEDIATE transaction, so a failure leaves the previous version intact.
 */
import type { DatabaseSync } from 'node:sqlite';
import { JournalUnavailableError } from './journal-errors.ts';

/** `PRAGMA application_id` of a till journal ('SHJ1'): tells our file from any other SQLite file. */
export const JOURNAL_APPLICATION_ID = 0x53484a31;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const V1 = /* sql */ `
PRAGMA application_id = ${JOURNAL_APPLICATION_ID};

CREATE TABLE intents (
  id                INTEGER PRIMARY KEY,
  dedup_key         TEXT    NOT NULL UNIQUE,
  kind              TEXT    NOT NULL CHECK (kind IN ('award','clawback','redeem','adjustment')),
  store_id          TEXT    NOT NULL,
  till_id           TEXT    NOT NULL,
  pos_txn_id        TEXT,
  return_id         TEXT,
  business_date     TEXT,
  coupon_id         TEXT,
  ref               TEXT,
  member_id         TEXT    NOT NULL,
  amount            INTEGER NOT NULL,
  description       TEXT    NOT NULL,
  token             TEXT    NOT NULL UNIQUE,
  sale_total        INTEGER,
  return_total      INTEGER,
  parent_id         INTEGER REFERENCES intents(id),
  linked_pos_txn_id TEXT,
  state             TEXT    NOT NULL CHECK (state IN ('queued','sending','unknown','verifying','needs-attention','confirmed','rejected','resolved')),
  maybe_applied     INTEGER NOT NULL DEFAULT 0 CHECK (maybe_applied IN (0, 1)),
  attempt_count     INTEGER NOT NULL DEFAULT 0,
  verify_count      INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  finished_at       INTEGER,
  next_attempt_at   INTEGER,
  lease_owner       TEXT,
  lease_until       INTEGER,
  server_txn_id     TEXT,
  balance           INTEGER,
  last_error        TEXT,
  reason_code       TEXT,
  note              TEXT,
  resolved_by       TEXT,
  resolution        TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
  CHECK ((state IN ('confirmed','rejected','resolved')) = (finished_at IS NOT NULL)),
  CHECK (state <> 'resolved' OR (resolution IS NOT NULL AND resolved_by IS NOT NULL))
) STRICT;

-- Manager list: newest first, per state, per kind, and the search columns.
CREATE INDEX intents_by_created ON intents(created_at, id);
CREATE INDEX intents_by_state   ON intents(state, created_at, id);
CREATE INDEX intents_by_kind    ON intents(kind, created_at, id);
CREATE INDEX intents_by_member  ON intents(member_id, created_at);
CREATE INDEX intents_by_pos_txn ON intents(pos_txn_id) WHERE pos_txn_id IS NOT NULL;
CREATE INDEX intents_by_linked  ON intents(linked_pos_txn_id) WHERE linked_pos_txn_id IS NOT NULL;
CREATE INDEX intents_by_coupon  ON intents(coupon_id) WHERE coupon_id IS NOT NULL;
CREATE INDEX intents_by_parent  ON intents(parent_id) WHERE parent_id IS NOT NULL;
-- Drainer: claimable rows in creation order. Queries must repeat this exact WHERE to use it.
CREATE INDEX intents_claimable  ON intents(id) WHERE state IN ('queued','sending','unknown','verifying');

-- The state table of shared/journal/states.ts, enforced again here so that no writer
-- (another process, the CLI, a hand-run SQL fix) can make an illegal move.
CREATE TABLE state_transitions (
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  PRIMARY KEY (from_state, to_state)
) STRICT, WITHOUT ROWID;
INSERT INTO state_transitions VALUES
  ('queued','sending'), ('queued','needs-attention'),
  ('sending','confirmed'), ('sending','rejected'), ('sending','unknown'), ('sending','queued'), ('sending','needs-attention'),
  ('unknown','verifying'), ('unknown','needs-attention'),
  ('verifying','confirmed'), ('verifying','queued'), ('verifying','unknown'), ('verifying','needs-attention'),
  ('needs-attention','resolved'), ('needs-attention','queued'), ('needs-attention','verifying');

CREATE TRIGGER intents_start_queued BEFORE INSERT ON intents
WHEN NEW.state <> 'queued'
BEGIN SELECT RAISE(ABORT, 'journal: a new row must start queued'); END;

CREATE TRIGGER intents_legal_transition BEFORE UPDATE OF state ON intents
WHEN NEW.state <> OLD.state
  AND NOT EXISTS (SELECT 1 FROM state_transitions WHERE from_state = OLD.state AND to_state = NEW.state)
BEGIN SELECT RAISE(ABORT, 'journal: illegal state transition'); END;

-- What was recorded is what gets sent, on every retry: identity and marker never change.
CREATE TRIGGER intents_identity_frozen
BEFORE UPDATE OF dedup_key, kind, store_id, till_id, pos_txn_id, return_id, business_date, coupon_id, ref,
                 member_id, amount, description, token, parent_id, created_at ON intents
BEGIN SELECT RAISE(ABORT, 'journal: a recorded write cannot be changed'); END;

-- Only prune deletes, and only rows that can never matter again.
CREATE TRIGGER intents_keep_unfinished BEFORE DELETE ON intents
WHEN OLD.state NOT IN ('confirmed','rejected')
BEGIN SELECT RAISE(ABORT, 'journal: only confirmed or rejected rows may be deleted'); END;

CREATE TABLE attempts (
  id             INTEGER PRIMARY KEY,
  intent_id      INTEGER NOT NULL REFERENCES intents(id),
  n              INTEGER NOT NULL,
  kind           TEXT    NOT NULL CHECK (kind IN ('send','verify')),
  owner          TEXT    NOT NULL,
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER,
  http_status    INTEGER,
  latency_ms     INTEGER,
  classification TEXT CHECK (classification IN ('applied','rejected','not-applied','unknown-outcome')),
  reason         TEXT,
  message        TEXT,
  UNIQUE (intent_id, n)
) STRICT;

-- Append-only history of every row: recorded, each transition, manager notes.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  intent_id  INTEGER NOT NULL REFERENCES intents(id),
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL CHECK (type IN ('recorded','transition','note')),
  from_state TEXT,
  to_state   TEXT,
  actor      TEXT,
  detail     TEXT
) STRICT;
CREATE INDEX events_by_intent ON events(intent_id, id);
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'journal: history is append-only'); END;

-- API activity audit (bounded: see api-calls.ts).
CREATE TABLE api_calls (
  id         INTEGER PRIMARY KEY,
  at         INTEGER NOT NULL,
  key_mask   TEXT    NOT NULL,
  method     TEXT    NOT NULL,
  path       TEXT    NOT NULL,
  endpoint   TEXT    NOT NULL,
  status     INTEGER,
  latency_ms INTEGER NOT NULL,
  outcome    TEXT    NOT NULL
) STRICT;
CREATE INDEX api_calls_by_at ON api_calls(at);
`;

/**
 * The record of every change of the API origin the keys were bound to (and which keys that
 * cleared): kept apart from the bounded API activity so it is never trimmed, and append-only.
 */
const KEY_ORIGIN_CHANGES = /* sql */ `
CREATE TABLE key_origin_changes (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  from_origin TEXT,
  to_origin   TEXT    NOT NULL,
  cleared     TEXT    NOT NULL,
  actor       TEXT    NOT NULL
) STRICT;
CREATE TRIGGER key_origin_changes_no_update BEFORE UPDATE ON key_origin_changes
BEGIN SELECT RAISE(ABORT, 'journal: key origin changes are append-only'); END;
CREATE TRIGGER key_origin_changes_no_delete BEFORE DELETE ON key_origin_changes
BEGIN SELECT RAISE(ABORT, 'journal: key origin changes are append-only'); END;
`;

/**
 * When the cashier was first shown HONOR for a confirmed redeem: a re-scan of a coupon this till
 * redeemed without anyone seeing HONOR answers HONOR once, every later scan "already redeemed".
 * Set once, only on a confirmed redeem. Redeems confirmed before this column existed were shown
 * HONOR by the code of the time (or are long gone): they count as shown, never as owed.
 */
const REDEEM_HONOR_SHOWN = /* sql */ `
ALTER TABLE intents ADD COLUMN honor_shown_at INTEGER;
UPDATE intents SET honor_shown_at = finished_at WHERE kind = 'redeem' AND state = 'confirmed';

CREATE TRIGGER intents_honor_shown_once BEFORE UPDATE OF honor_shown_at ON intents
WHEN OLD.honor_shown_at IS NOT NULL AND NEW.honor_shown_at IS NOT OLD.honor_shown_at
BEGIN SELECT RAISE(ABORT, 'journal: HONOR was already shown for this redeem'); END;

CREATE TRIGGER intents_honor_shown_confirmed BEFORE UPDATE OF honor_shown_at ON intents
WHEN NEW.honor_shown_at IS NOT NULL AND (NEW.kind <> 'redeem' OR NEW.state <> 'confirmed')
BEGIN SELECT RAISE(ABORT, 'journal: HONOR can only be shown for a confirmed redeem'); END;
`;

/** Identity columns a recorded write keeps for ever (see intents_identity_frozen). */
const IDENTITY_COLUMNS = [
  'kind', 'store_id', 'till_id', 'pos_txn_id', 'return_id', 'business_date', 'coupon_id', 'ref',
  'member_id', 'amount', 'description', 'parent_id', 'created_at',
] as const;

/**
 * A sale SocialHub refused for certain (400/404, no earlier attempt with an unknown outcome)
 * must not block the same sale re-entered with the corrected card. Its dedup key and token may
 * be retired — renamed once, in a form no key builder produces — and nothing else ever.
 */
/** The identity-freezing trigger that lets a refused award be retired unless an attempt matching `unknownAttempt` may have applied it. */
function retireRefusedTrigger(unknownAttempt: string): string {
  return /* sql */ `
DROP TRIGGER intents_identity_frozen;
CREATE TRIGGER intents_identity_frozen
BEFORE UPDATE OF dedup_key, token, ${IDENTITY_COLUMNS.join(', ')} ON intents
WHEN NOT (
  ${IDENTITY_COLUMNS.map((c) => `NEW.${c} IS OLD.${c}`).join(' AND ')}
  AND (
    (NEW.dedup_key IS OLD.dedup_key AND NEW.token IS OLD.token)
    OR (
      OLD.kind = 'award' AND OLD.state = 'rejected' AND NEW.state = 'rejected'
      AND instr(OLD.dedup_key, ' ') = 0
      AND NEW.dedup_key = OLD.dedup_key || ' retired ' || OLD.id
      AND NEW.token = OLD.token || ' retired ' || OLD.id
      AND NOT EXISTS (SELECT 1 FROM attempts WHERE intent_id = OLD.id AND ${unknownAttempt})
    )
  )
)
BEGIN SELECT RAISE(ABORT, 'journal: a recorded write cannot be changed'); END;
`;
}

const RETIRE_REFUSED_AWARDS = retireRefusedTrigger("classification = 'unknown-outcome'");

/**
 * Only a *send* with an unknown outcome may have applied a write: a ledger read that failed
 * (say a 503) proves nothing either way, so it must not stop a refused sale from being retired.
 */
const RETIRE_AFTER_UNKNOWN_SENDS_ONLY = retireRefusedTrigger("kind = 'send' AND classification = 'unknown-outcome'");

/**
 * Which sale a write belongs to, and whose journal this is:
 * - journal_meta holds the keying settings every process must share (see keying.ts) and the
 *   journal's identity (see identity.ts);
 * - lease_holder names the process (pid + journal instance) holding a lease, so a lease that
 *   looks expired after a wall-clock jump is not taken from a process that is still alive;
 * - queued → unknown: a queued row that may already have been sent by a copy of this file is
 *   verified against the ledger before its first send.
 */
const KEYING_AND_IDENTITY = /* sql */ `
CREATE TABLE journal_meta (
  key   TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
ALTER TABLE intents ADD COLUMN lease_holder TEXT;
INSERT INTO state_transitions VALUES ('queued','unknown');
`;

/**
 * Sales handed over by the POS link: accepted (and journaled) before the till shows them, so a
 * crash never loses one. The accepted body is kept verbatim for replay comparison and never
 * changes; the award itself is an ordinary `intents` row under the sale's usual award key, so a
 * POS sale and a typed sale of the same transaction share one award. `status` records only what
 * the POS decided (cancel) or what the till concluded when the POS moved on (no-member); a sale
 * closed as no-member may still be cancelled by the POS, nothing else reopens or changes it.
 */
const POS_SALES = /* sql */ `
CREATE TABLE pos_sales (
  id              INTEGER PRIMARY KEY,
  pos_txn_id      TEXT    NOT NULL,
  sale_date       TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  total_minor     INTEGER NOT NULL,
  earn_base_minor INTEGER NOT NULL,
  currency        TEXT    NOT NULL,
  cashier_id      TEXT,
  status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open','no-member','cancelled')),
  member_id       TEXT,
  member_name     TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1,
  UNIQUE (pos_txn_id, sale_date)
) STRICT;
CREATE INDEX pos_sales_open ON pos_sales(id) WHERE status = 'open';
CREATE INDEX pos_sales_by_created ON pos_sales(created_at, id);

CREATE TRIGGER pos_sales_body_frozen BEFORE UPDATE OF pos_txn_id, sale_date, body, total_minor, earn_base_minor, currency, cashier_id, created_at ON pos_sales
BEGIN SELECT RAISE(ABORT, 'journal: an accepted POS sale cannot be changed'); END;
CREATE TRIGGER pos_sales_status_once BEFORE UPDATE OF status ON pos_sales
WHEN NEW.status <> OLD.status AND NOT (OLD.status = 'open' OR (OLD.status = 'no-member' AND NEW.status = 'cancelled'))
BEGIN SELECT RAISE(ABORT, 'journal: a closed POS sale cannot change its status'); END;
`;

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial journal', sql: V1 },
  { version: 2, name: 'key origin changes', sql: KEY_ORIGIN_CHANGES },
  { version: 3, name: 'redeem HONOR shown', sql: REDEEM_HONOR_SHOWN },
  { version: 4, name: 'retire refused awards', sql: RETIRE_REFUSED_AWARDS },
  { version: 5, name: 'keying settings, journal identity, lease holders', sql: KEYING_AND_IDENTITY },
  { version: 6, name: 'retire refused awards after failed reads', sql: RETIRE_AFTER_UNKNOWN_SENDS_ONLY },
  { version: 7, name: 'POS link sales', sql: POS_SALES },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function readUserVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  const v = row?.user_version;
  return typeof v === 'number' ? v : 0;
}

export function tooNewError(path: string, found: number, known: number): JournalUnavailableError {
  return new JournalUnavailableError(path, 'too-new', `schema version ${found}, this app knows up to ${known}`);
}

/**
 * Brings the journal to the newest version in `migrations`. Refuses (never downgrades) a
 * journal newer than that. Safe against another process migrating at the same moment.
 */
export function migrate(db: DatabaseSync, path: string, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const target = migrations.length;
  const seen = readUserVersion(db);
  if (seen > target) throw tooNewError(path, seen, target);
  if (seen === target) return { from: seen, to: seen };

  db.exec('BEGIN IMMEDIATE');
  try {
    // Re-read under the write lock: another process may have migrated meanwhile.
    const from = readUserVersion(db);
    if (from > target) throw tooNewError(path, from, target);
    for (const m of migrations.slice(from)) {
      db.exec(m.sql);
      db.exec(`PRAGMA user_version = ${m.version}`);
    }
    db.exec('COMMIT');
    return { from, to: target };
  } catch (err) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
