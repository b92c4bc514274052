/** The journal's side of item 6: only an award refused for certain may give its key to a corrected entry. */
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import type { Journal } from './journal.ts';
import { award, clawback, tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

let dir: TempDir;
let j: Journal;
beforeEach(() => {
  dir = tempDir();
  j = openJournal({ path: dir.file() });
});
afterEach(() => {
  j.close();
  dir.remove();
});

function send(id: number, to: 'rejected' | 'unknown' | 'confirmed', httpStatus: number): void {
  expect(j.transition(id, { from: ['queued'], to: 'sending', owner: 'w', leaseMs: 1000 }).ok).toBe(true);
  expect(j.transition(id, { from: ['sending'], to, owner: 'w', outcome: { httpStatus } }).ok).toBe(true);
}

describe('retiring a refused award', () => {
  it('a certain refusal gives way to the same sale with another member', () => {
    const first = j.record(award('9', { memberId: 'm_typo' })).row;
    send(first.id, 'rejected', 404);
    const same = j.record(award('9', { memberId: 'm_typo' }));
    expect(same).toMatchObject({ created: false, row: { id: first.id } });
    const fixed = j.record(award('9', { memberId: 'm_1' }));
    expect(fixed.created).toBe(true);
    expect(fixed.row.dedupKey).toBe(first.dedupKey);
    expect(j.get(first.id)).toMatchObject({ state: 'rejected', memberId: 'm_typo', dedupKey: `${first.dedupKey} retired ${first.id}`, token: `${first.token} retired ${first.id}` });
    expect(j.getByDedupKey(first.dedupKey)?.id).toBe(fixed.row.id);
  });

  it('a row that may have been applied, or a confirmed one, keeps its key', () => {
    const maybe = j.record(award('10', { memberId: 'm_typo' })).row;
    send(maybe.id, 'unknown', 504);
    expect(j.record(award('10', { memberId: 'm_1' }))).toMatchObject({ created: false, differences: ['memberId'] });
    const done = j.record(award('11')).row;
    send(done.id, 'confirmed', 200);
    expect(j.record(award('11', { memberId: 'm_2' })).created).toBe(false);
    const ret = j.record(clawback('11', 'R1', -10, { parentId: done.id })).row;
    send(ret.id, 'rejected', 400);
    expect(j.record(clawback('11', 'R1', -20, { parentId: done.id })).created).toBe(false);
  });

  it('a failed ledger read before a certain refusal does not keep the key (only a send can have applied it)', () => {
    const row = j.record(award('14', { memberId: 'm_typo' })).row;
    const lease = { owner: 'w', leaseMs: 1000 };
    // A copied journal's queued row is read back first; the first read fails (503), the second finds nothing.
    expect(j.transition(row.id, { from: ['queued'], to: 'unknown', ...lease }).ok).toBe(true);
    expect(j.transition(row.id, { from: ['unknown'], to: 'verifying', ...lease }).ok).toBe(true);
    expect(j.transition(row.id, { from: ['verifying'], to: 'unknown', owner: 'w', outcome: { httpStatus: 503 } }).ok).toBe(true);
    expect(j.transition(row.id, { from: ['unknown'], to: 'verifying', ...lease }).ok).toBe(true);
    expect(j.transition(row.id, { from: ['verifying'], to: 'queued', owner: 'w', outcome: { reason: 'marker-absent' } }).ok).toBe(true);
    send(row.id, 'rejected', 404);
    const fixed = j.record(award('14', { memberId: 'm_1' }));
    expect(fixed.created).toBe(true);
    expect(j.get(row.id)?.dedupKey).toBe(`${row.dedupKey} retired ${row.id}`);
  });

  it('SQLite allows the rename only for a certain refusal, and no other identity change', () => {
    const refused = j.record(award('12', { memberId: 'm_typo' })).row;
    send(refused.id, 'rejected', 404);
    const applied = j.record(award('13')).row;
    send(applied.id, 'confirmed', 200);
    j.close();
    const db = new DatabaseSync(dir.file());
    const rename = (id: number, suffix: string) =>
      db.prepare(`UPDATE intents SET dedup_key = dedup_key || :s, token = token || :s WHERE id = :id`).run({ id, s: suffix });
    expect(() => rename(applied.id, ` retired ${applied.id}`)).toThrow(/cannot be changed/);
    expect(() => rename(refused.id, ' retired 999')).toThrow(/cannot be changed/);
    expect(() => db.prepare(`UPDATE intents SET dedup_key = dedup_key || ' retired ' || id, token = token || ' retired ' || id, member_id = 'm_x' WHERE id = :id`).run({ id: refused.id })).toThrow(/cannot be changed/);
    expect(() => db.prepare('UPDATE intents SET amount = 1 WHERE id = :id').run({ id: refused.id })).toThrow(/cannot be changed/);
    rename(refused.id, ` retired ${refused.id}`);
    expect(() => rename(refused.id, ` retired ${refused.id}`)).toThrow(/cannot be changed/);
    db.close();
    j = openJournal({ path: dir.file() });
  });
});
