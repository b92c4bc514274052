/**
 * Issue #10 items 8, 10, 11 at the journal: keying settings stored once and enforced, a copied
 * or restored journal verifying its queued rows before sending, and leases that a wall-clock
 * jump cannot end while their holder is alive. Real files, real child processes.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalKeyingError } from './journal-errors.ts';
import { openJournal } from './journal.ts';
import { award, tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir('keying-');
});
afterEach(() => dir.remove());

describe('keying settings (item 8)', () => {
  it('the first program writes them; one that differs is refused naming each difference; one that names none follows the journal', () => {
    const path = dir.file();
    const app = openJournal({ path, keying: { storeId: 'st_1', idScope: 'business-day', dayStart: '04:00', timeZone: 'Europe/Berlin' } });
    app.record(award('90871'));
    let err: unknown;
    try {
      openJournal({ path, keying: { storeId: 'st_1', idScope: 'forever', timeZone: 'America/New_York' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JournalKeyingError);
    expect((err as JournalKeyingError).differences.map((d) => d.setting)).toEqual(['id scope', 'time zone']);
    expect((err as Error).message).toContain('time zone is Europe/Berlin in the journal but America/New_York here');
    const cli = openJournal({ path, keying: {} });
    expect(cli.keying()).toEqual({ idScope: 'business-day', dayStart: '04:00', timeZone: 'Europe/Berlin', storeId: 'st_1', idsUniquePer: 'store' });
    cli.close();
    app.close();
  });

  it('an empty journal may be re-keyed (a manager correcting the settings before the first sale)', () => {
    const j = openJournal({ path: dir.file(), keying: { storeId: 'st_1', idScope: 'forever' } });
    expect(j.settleKeying({ idScope: 'business-day' }).idScope).toBe('business-day');
    j.close();
  });

  it('a journal with sales keyed in a zone this runtime cannot read is refused, not re-keyed over its sales', () => {
    const path = dir.file();
    const other = openJournal({ path, keying: { storeId: 'st_1', idScope: 'business-day', dayStart: '02:00', timeZone: 'Europe/Berlin' } });
    other.record(award('90871', { businessDate: '2026-03-13' }));
    other.close();
    // Another till, with newer time-zone data, keyed it under a zone name this runtime does not know.
    const db = new DatabaseSync(path);
    db.prepare("UPDATE journal_meta SET value = json_set(value, '$.timeZone', 'America/Not_In_This_Icu') WHERE key = 'keying'").run();
    db.close();
    let err: unknown;
    let j: ReturnType<typeof openJournal> | null = null;
    try {
      j = openJournal({ path, keying: { storeId: 'st_1', idScope: 'business-day', dayStart: '04:00', timeZone: 'UTC' } });
    } catch (e) {
      err = e;
    }
    const keyedAs = j?.keying() ?? null;
    j?.close();
    // Its sales stay under their keying: this process may not silently take the journal over.
    expect(keyedAs).toBeNull();
    expect(err).toBeInstanceOf(Error);
  });

  it('a sale built by a keying another program changed meanwhile is refused at record, not written under the old key', () => {
    const path = dir.file();
    const till = openJournal({ path, keying: { storeId: 'st_1', idScope: 'business-day', dayStart: '04:00', timeZone: 'UTC' } });
    const keyedBy = till.keying();
    if (keyedBy === null) throw new Error('no keying');
    // Another program re-keys the still-empty journal between the till's read and its write.
    const other = openJournal({ path, keying: { storeId: 'st_1', dayStart: '02:00', timeZone: 'Europe/Berlin' } });
    other.close();
    expect(() => till.record(award('1', { businessDate: '2026-03-13' }), { keyedBy })).toThrow(JournalKeyingError);
    expect(() => till.recordAndClaim(award('1', { businessDate: '2026-03-13' }), { owner: 'o', leaseMs: 5000 }, { keyedBy })).toThrow(/time zone is Europe\/Berlin in the journal but UTC here/);
    expect(till.count({})).toBe(0);
    // Keyed by what the journal says now, it goes in.
    const now = till.keying();
    if (now === null) throw new Error('no keying');
    expect(till.record(award('1', { businessDate: '2026-03-13' }), { keyedBy: now }).created).toBe(true);
    till.close();
  });

  it('per-till ids put the till in the dedup key; store-unique ids make two tills one sale', () => {
    const store = openJournal({ path: dir.file(), keying: { storeId: 'st_1' } });
    expect(store.record(award('1', { tillId: 'T1' })).created).toBe(true);
    expect(store.record(award('1', { tillId: 'T2', token: 'other marker', description: 'other marker' })).created).toBe(false);
    store.close();
    const till = openJournal({ path: join(dir.dir, 'per-till.sqlite'), keying: { storeId: 'st_1', idsUniquePer: 'till' } });
    expect(till.record(award('1', { tillId: 'T1' })).row.dedupKey).toBe('award.till:st_1:T1:1');
    expect(till.record(award('1', { tillId: 'T2', token: 'other marker', description: 'other marker' })).created).toBe(true);
    till.close();
  });
});

describe('a copied or restored journal (item 10)', () => {
  it('opened on another machine: its queued rows go to unknown (verify before send)', () => {
    const path = dir.file();
    const j = openJournal({ path, machine: 'till-a' });
    const { row } = j.record(award('1'));
    j.close();
    const copy = join(dir.dir, 'copy.sqlite');
    copyFileSync(path, copy);
    const elsewhere = openJournal({ path: copy, machine: 'till-b' });
    expect(elsewhere.identity.suspect).toMatch(/another machine/);
    expect(elsewhere.get(row.id)).toMatchObject({ state: 'unknown', maybeApplied: true });
    elsewhere.close();
    const again = openJournal({ path, machine: 'till-a' });
    expect(again.identity.suspect).toBeNull();
    expect(again.get(row.id)?.state).toBe('queued');
    again.close();
  });

  it('a backup restored over a journal opened since: detected by the side file, rows verified first', () => {
    const path = dir.file();
    const j = openJournal({ path, machine: 'm' });
    const { row } = j.record(award('1'));
    j.close();
    copyFileSync(path, `${path}.bak`);
    openJournal({ path, machine: 'm' }).close(); // a later session
    for (const s of ['-wal', '-shm']) rmSync(path + s, { force: true });
    copyFileSync(`${path}.bak`, path);
    const restored = openJournal({ path, machine: 'm' });
    expect(restored.identity.suspect).toMatch(/restored/);
    expect(restored.get(row.id)?.state).toBe('unknown');
    restored.close();
  });
});

describe('leases under a wall-clock jump (item 11)', () => {
  it('in this process: a jump past the lease does not let another worker take it', () => {
    let wall = Date.now();
    const j = openJournal({ path: dir.file(), now: () => wall });
    const { row } = j.record(award('1'));
    expect(j.claim(row.id, 'inline', 30_000, ['queued'])).not.toBeNull();
    wall += 120_000; // the clock steps two minutes forward mid-send
    expect(j.claimNextDue('drainer', 30_000)).toBeNull();
    expect(j.transition(row.id, { from: ['queued'], to: 'sending', owner: 'drainer', leaseMs: 30_000 })).toMatchObject({ ok: false, reason: 'leased' });
    expect(j.transition(row.id, { from: ['queued'], to: 'sending', owner: 'inline' })).toMatchObject({ ok: true });
    j.close();
  });

  it('across processes: a live holder keeps it after the jump; once it is killed the lease can be taken', async () => {
    const path = dir.file();
    const j = openJournal({ path, now: () => Date.now() + 120_000 }); // this process's clock is two minutes ahead
    const { row } = j.record(award('1'));
    const child = spawn(process.execPath, [join(import.meta.dirname, 'testing', 'lease-child.ts'), path, String(row.id)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const first = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
    expect(first.value).toBe('held');
    expect(j.claimNextDue('drainer', 30_000)).toBeNull();
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
    expect(j.claimNextDue('drainer', 30_000)?.id).toBe(row.id);
    j.close();
  });
});
