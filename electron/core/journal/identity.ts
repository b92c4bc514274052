/**
 * Whose journal this is. A journal carries a random id, the fingerprint of the machine that last
 * opened it and an open counter; a side file beside it remembers the same three. A copied file
 * (other machine), a swapped file (other id) or a restored backup (counter behind the side
 * file) may hold queued rows that the original already sent, and the API has no idempotency
 * key — so on such a mismatch every queued row is moved to `unknown` and verified against the
 * ledger before it is sent. (A backup restored within one session keeps its counter; the
 * engine's rule that a queued row older than the settle delay is verified first covers that.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, platform } from 'node:os';
import type { DatabaseSync } from 'node:sqlite';
import { writeFileAtomicSync } from '../fs/atomic-write.ts';
import { appendEvent } from './history.ts';
import { prepared } from './statements.ts';

export interface JournalIdentity {
  journalId: string;
  machine: string;
  generation: number;
}

export interface IdentityCheck {
  identity: JournalIdentity;
  /** Why this file is suspected to be a copy or a restore, or null. */
  suspect: string | null;
  /** Queued rows moved to `unknown` because of it. */
  requeuedForCheck: number;
}

/** Hostname plus the OS machine id where there is one: stable across restarts, differs per machine. */
export function machineFingerprint(): string {
  let machineId = '';
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    try {
      machineId = readFileSync(file, 'utf8').trim();
      if (machineId) break;
    } catch {
      // Not Linux, or no id: the hostname alone still tells most machines apart.
    }
  }
  return createHash('sha256').update(`${platform()}\n${hostname()}\n${machineId}`).digest('hex').slice(0, 32);
}

export function sideFilePath(journalPath: string): string {
  return `${journalPath}.identity`;
}

function readSide(path: string): JournalIdentity | null {
  try {
    const v = JSON.parse(readFileSync(sideFilePath(path), 'utf8')) as Partial<JournalIdentity>;
    if (typeof v.journalId === 'string' && typeof v.machine === 'string' && Number.isSafeInteger(v.generation)) return v as JournalIdentity;
  } catch {
    // Missing or unreadable: nothing to compare against.
  }
  return null;
}

function meta(db: DatabaseSync, key: string): string | undefined {
  const r = prepared(db, 'SELECT value FROM journal_meta WHERE key = :key').get({ key });
  return typeof r?.value === 'string' ? r.value : undefined;
}

function setMeta(db: DatabaseSync, key: string, value: string): void {
  prepared(db, 'INSERT INTO journal_meta (key, value) VALUES (:key, :value) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run({ key, value });
}

/** Inside a write transaction: checks and advances the identity; moves queued rows on a mismatch. */
export function checkIdentity(db: DatabaseSync, path: string, machine: string, now: number): IdentityCheck {
  const journalId = meta(db, 'journal_id');
  if (journalId === undefined) {
    const identity = { journalId: randomUUID(), machine, generation: 1 };
    setMeta(db, 'journal_id', identity.journalId);
    setMeta(db, 'machine', machine);
    setMeta(db, 'generation', '1');
    return { identity, suspect: null, requeuedForCheck: 0 };
  }
  const generation = Number(meta(db, 'generation') ?? '0');
  const side = readSide(path);
  let suspect: string | null = null;
  if (meta(db, 'machine') !== machine) suspect = 'it was last used on another machine (copied?)';
  else if (side && side.journalId !== journalId) suspect = 'it is not the journal this data folder last used (swapped or copied?)';
  else if (side && generation < side.generation) suspect = 'it is older than the last journal opened here (restored from a backup?)';
  const identity = { journalId, machine, generation: generation + 1 };
  setMeta(db, 'machine', machine);
  setMeta(db, 'generation', String(identity.generation));
  let requeuedForCheck = 0;
  if (suspect !== null) {
    const lastError = `This journal may be a copy: ${suspect}. Checking SocialHub's ledger before sending, so nothing is sent twice.`;
    const moved = prepared(
      db,
      `UPDATE intents SET state = 'unknown', maybe_applied = 1, next_attempt_at = :now, updated_at = :now, last_error = :lastError,
         lease_owner = NULL, lease_until = NULL, lease_holder = NULL, version = version + 1
       WHERE state = 'queued' RETURNING id`,
    ).all({ now, lastError });
    for (const r of moved) appendEvent(db, Number(r.id), now, { type: 'transition', from: 'queued', to: 'unknown', actor: 'journal', detail: lastError });
    requeuedForCheck = moved.length;
  }
  return { identity, suspect, requeuedForCheck };
}

/** After the commit: remember the identity outside the file. Best effort (a read-only folder still works). */
export function rememberIdentity(path: string, identity: JournalIdentity): void {
  try {
    const side = readSide(path);
    // Another process may have opened it meanwhile; never move the counter backwards.
    if (side && side.journalId === identity.journalId && side.generation >= identity.generation) return;
    writeFileAtomicSync(sideFilePath(path), `${JSON.stringify(identity)}\n`);
  } catch {
    // The in-file checks (machine, settle-delay rule) still hold without the side file.
  }
}
