/**
 * The durable trace of "the keys' API origin changed": when, from where to where, which keys that
 * cleared and who did it. Never holds a key; rows are never updated or deleted (triggers).
 */
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { JournalInputError, formatIssues } from './journal-errors.ts';
import { prepared } from './statements.ts';

const origin = z.string().min(1).max(300);
export const keyOriginChangeInputSchema = z.strictObject({
  fromOrigin: origin.nullable(),
  toOrigin: origin,
  cleared: z.array(z.enum(['write', 'read'])).max(2),
  actor: z.string().min(1).max(120),
});
export type KeyOriginChangeInput = z.input<typeof keyOriginChangeInputSchema>;

export interface KeyOriginChange {
  readonly id: number;
  readonly at: string;
  readonly fromOrigin: string | null;
  readonly toOrigin: string;
  readonly cleared: readonly ('write' | 'read')[];
  readonly actor: string;
}

export function insertKeyOriginChange(db: DatabaseSync, input: KeyOriginChangeInput, now: number): KeyOriginChange {
  const parsed = keyOriginChangeInputSchema.safeParse(input);
  if (!parsed.success) throw new JournalInputError(`Invalid key origin change: ${formatIssues(parsed.error.issues)}`);
  const c = parsed.data;
  const { lastInsertRowid } = prepared(
    db,
    'INSERT INTO key_origin_changes (at, from_origin, to_origin, cleared, actor) VALUES (:at, :fromOrigin, :toOrigin, :cleared, :actor)',
  ).run({ at: now, fromOrigin: c.fromOrigin, toOrigin: c.toOrigin, cleared: c.cleared.join(','), actor: c.actor });
  return { id: Number(lastInsertRowid), at: new Date(now).toISOString(), fromOrigin: c.fromOrigin, toOrigin: c.toOrigin, cleared: c.cleared, actor: c.actor };
}

const rowSchema = z.object({ id: z.number(), at: z.number(), from_origin: z.string().nullable(), to_origin: z.string(), cleared: z.string(), actor: z.string() });

/** Newest first. */
export function listKeyOriginChanges(db: DatabaseSync, limit = 100): KeyOriginChange[] {
  return prepared(db, 'SELECT * FROM key_origin_changes ORDER BY id DESC LIMIT :limit')
    .all({ limit: Math.min(Math.max(Math.trunc(limit), 1), 1000) })
    .map((raw) => {
      const r = rowSchema.parse(raw);
      return {
        id: r.id,
        at: new Date(r.at).toISOString(),
        fromOrigin: r.from_origin,
        toOrigin: r.to_origin,
        cleared: r.cleared === '' ? [] : (r.cleared.split(',') as ('write' | 'read')[]),
        actor: r.actor,
      };
    });
}
