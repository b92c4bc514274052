/** "HONOR shown" on a redeem: claimed once across processes, only on a confirmed redeem, and set for redeems confirmed before it existed. */
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import { MIGRATIONS, migrate } from './schema.ts';
import { award, redeem, tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';
import type { Journal } from './journal.ts';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

function confirmed(j: Journal, intent: Parameters<Journal['record']>[0]): number {
  const { row } = j.record(intent);
  expect(j.transition(row.id, { from: ['queued'], to: 'sending', owner: 'w', leaseMs: 1000 }).ok).toBe(true);
  expect(j.transition(row.id, { from: ['sending'], to: 'confirmed', owner: 'w' }).ok).toBe(true);
  return row.id;
}

describe('claimHonorShown', () => {
  it('is won by exactly one caller, even across two connections to the file', () => {
    const a = openJournal({ path: dir.file() });
    const b = openJournal({ path: dir.file() });
    const id = confirmed(a, redeem('cp_1'));
    expect(a.get(id)?.honorShownAt).toBeNull();
    const first = a.claimHonorShown(id, 'till');
    expect(first.first).toBe(true);
    expect(first.row?.honorShownAt).toEqual(expect.any(Number));
    expect(b.claimHonorShown(id, 'cli').first).toBe(false);
    expect(a.claimHonorShown(id, 'till').first).toBe(false);
    expect(a.events(id).filter((e) => e.detail === 'HONOR shown to the cashier.')).toHaveLength(1);
    a.close();
    b.close();
  });

  it('never for a redeem that is not confirmed, nor for another kind', () => {
    const j = openJournal({ path: dir.file() });
    const pending = j.record(redeem('cp_2')).row.id;
    const sale = confirmed(j, award('p1'));
    expect(j.claimHonorShown(pending, 'till')).toMatchObject({ first: false, row: { honorShownAt: null } });
    expect(j.claimHonorShown(sale, 'till')).toMatchObject({ first: false, row: { honorShownAt: null } });
    expect(j.claimHonorShown(999, 'till')).toEqual({ first: false, row: undefined });
    j.close();
  });

  it('the file itself refuses to set it twice or on the wrong row', () => {
    const j = openJournal({ path: dir.file() });
    const id = confirmed(j, redeem('cp_3'));
    const pending = j.record(redeem('cp_4')).row.id;
    j.claimHonorShown(id, 'till');
    j.close();
    const db = new DatabaseSync(dir.file());
    expect(() => db.prepare('UPDATE intents SET honor_shown_at = 1 WHERE id = ?').run(id)).toThrow(/already shown/);
    expect(() => db.prepare('UPDATE intents SET honor_shown_at = 1 WHERE id = ?').run(pending)).toThrow(/only be shown for a confirmed redeem/);
    db.close();
  });
});

describe('the HONOR-shown migration', () => {
  it('counts redeems confirmed before it as shown (never owed a second HONOR) and leaves the rest alone', () => {
    const at = MIGRATIONS.findIndex((m) => m.name === 'redeem HONOR shown');
    expect(at).toBeGreaterThan(0);
    const path = dir.file();
    const db = new DatabaseSync(path);
    migrate(db, path, MIGRATIONS.slice(0, at));
    const insert = db.prepare(
      `INSERT INTO intents (dedup_key, kind, store_id, till_id, coupon_id, pos_txn_id, member_id, amount, description, token, state, created_at, updated_at)
       VALUES (?, ?, 'st_1', 'T1', ?, ?, 'm_1', ?, ?, ?, 'queued', 1000, 1000)`,
    );
    insert.run('redeem:cp_old', 'redeem', 'cp_old', null, 0, 'Redeem · a', 'a');
    insert.run('redeem:cp_open', 'redeem', 'cp_open', null, 0, 'Redeem · b', 'b');
    insert.run('award:st_1:p1', 'award', null, 'p1', 10, 'Award · c', 'c');
    for (const key of ['redeem:cp_old', 'award:st_1:p1']) {
      db.prepare("UPDATE intents SET state = 'sending' WHERE dedup_key = ?").run(key);
      db.prepare("UPDATE intents SET state = 'confirmed', finished_at = 2000 WHERE dedup_key = ?").run(key);
    }
    db.close();
    const j = openJournal({ path });
    expect(j.getByDedupKey('redeem:cp_old')?.honorShownAt).toBe(2000);
    expect(j.getByDedupKey('redeem:cp_open')?.honorShownAt).toBeNull();
    expect(j.getByDedupKey('award:st_1:p1')?.honorShownAt).toBeNull();
    j.close();
  });
});
