/**
 * Manager adjustments are exactly once per form reference, through the real door, journal file
 * and sandbox: a retry after a restart is `duplicate`, a deliberate second form is applied, and a
 * request without a reference is refused before anything is recorded.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';

const dirs: string[] = [];
const open: TillKit[] = [];
afterAll(async () => {
  for (const k of open) await k.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function till(dataDir: string, crypto?: TillKit['crypto']): Promise<TillKit> {
  const k = await createTillKit({
    dataDir,
    ...(crypto === undefined ? { settings: { mode: 'sandbox', storeId: DEMO.storeId, tillId: 'T1', requestTimeoutMs: 2000 } } : { crypto, settings: null }),
  });
  open.push(k);
  await k.unlock();
  return k;
}

const form = { memberId: DEMO.goldMember, points: 7, reasonCode: 'GOODWILL', note: 'Waited twenty minutes at the counter' } as const;

describe('adjustmentSubmit', () => {
  it('answers duplicate for the same reference after the till restarts over the same journal file, and applies it once', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-adjust-'));
    dirs.push(dataDir);
    const first = await till(dataDir);
    const before = first.sandbox().balance(DEMO.goldMember);
    expect(await first.call('adjustmentSubmit', { ...form, ref: 'form-restart-1' })).toMatchObject({ ok: true, value: { status: 'confirmed', points: 7 } });
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await till(dataDir, first.crypto);
    expect(await second.call('adjustmentSubmit', { ...form, ref: 'form-restart-1' })).toMatchObject({ ok: true, value: { status: 'duplicate' } });
    expect(second.sandbox().balance(DEMO.goldMember)).toBe(before + 7);
    const rows = await second.call('journalList', { filter: { kinds: ['adjustment'] }, limit: 10 });
    expect(rows.ok && rows.value.rows.map((r) => r.ref)).toEqual(['adj-form-restart-1']);
  });

  it('applies the same adjustment twice when it is made on two forms (two references), and refuses one without a reference', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-adjust-'));
    dirs.push(dataDir);
    const k = await till(dataDir);
    const before = k.sandbox().balance(DEMO.goldMember);
    expect(await k.call('adjustmentSubmit', form)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await k.call('journalList', { filter: { kinds: ['adjustment'] }, limit: 10 })).toMatchObject({ ok: true, value: { rows: [], total: 0 } });
    expect(await k.call('adjustmentSubmit', { ...form, ref: 'form-one-aaaa' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(await k.call('adjustmentSubmit', { ...form, ref: 'form-two-bbbb' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
    expect(k.sandbox().balance(DEMO.goldMember)).toBe(before + 14);
  });
});
