/**
 * Real processes on one journal file: the app and the CLI sharing it, and a till killed with
 * SIGKILL mid-write. Children run the journal directly on this Node (type stripping).
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJournal } from './journal.ts';
import { tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

const SUPPORT = join(import.meta.dirname, 'testing');

function child(script: string, args: string[]): { proc: ChildProcessWithoutNullStreams; lines: AsyncIterator<string>; stderr: () => string } {
  const proc = spawn(process.execPath, [join(SUPPORT, script), ...args], { stdio: 'pipe' });
  let err = '';
  proc.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return { proc, lines: createInterface({ input: proc.stdout })[Symbol.asyncIterator](), stderr: () => err };
}

async function nextLine(c: ReturnType<typeof child>): Promise<string> {
  const r = await c.lines.next();
  if (r.done) throw new Error(`child ended early: ${c.stderr()}`);
  return r.value;
}

function exited(proc: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve(proc.exitCode);
    else proc.once('exit', (code) => resolve(code));
  });
}

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

describe('two processes on one journal', () => {
  it('create it together, never double-claim, never double-send, keep every update, keep dedup', async () => {
    const path = dir.file();
    const SHARED = 300;
    const OWN = 100;
    const NOTES = 100;
    const kids = ['app', 'cli'].map((owner) => child('hammer-child.ts', [path, owner, String(SHARED), String(OWN), String(NOTES)]));
    // Lock-step phases: create/open the (missing) file, record + race for claims, drain + notes.
    for (const stage of ['ready', 'open', 'claimed', 'released']) {
      for (const k of kids) expect(await nextLine(k)).toBe(stage);
      for (const k of kids) k.proc.stdin.write('go\n');
    }
    const results = await Promise.all(
      kids.map(async (k) => {
        const line = await nextLine(k);
        expect(await exited(k.proc), k.stderr()).toBe(0);
        return JSON.parse(line) as { created: number; claimed: number[]; sent: number[] };
      }),
    );

    const total = SHARED + 2 * OWN;
    // UNIQUE dedup: every key created exactly once across both processes.
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(total);
    // No double claims: each shared row was won by exactly one process.
    const claims = results.flatMap((r) => r.claimed);
    expect(new Set(claims).size).toBe(claims.length);
    expect(claims.length).toBe(SHARED);
    // No double sends, nothing left behind.
    const sent = results.flatMap((r) => r.sent);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.length).toBe(total);

    const j = openJournal({ path });
    try {
      expect(j.count()).toBe(total);
      expect(j.count({ states: ['confirmed'] })).toBe(total);
      for (const id of sent) expect(j.attempts(id).filter((a) => a.kind === 'send')).toHaveLength(1);
      // No lost updates: every note of both processes is in the history.
      expect(j.events(1).filter((e) => e.type === 'note')).toHaveLength(2 * NOTES);
      expect(j.integrityCheck()).toEqual(['ok']);
    } finally {
      j.close();
    }
  });
});

describe('SIGKILL', () => {
  it('keeps a write recorded right before the kill', async () => {
    const path = dir.file();
    const k = child('crash-child.ts', [path, 'one']);
    const key = await nextLine(k);
    k.proc.kill('SIGKILL');
    await exited(k.proc);
    const j = openJournal({ path });
    try {
      expect(j.getByDedupKey(key)?.state).toBe('queued');
      expect(j.integrityCheck()).toEqual(['ok']);
    } finally {
      j.close();
    }
  });

  it('loses no committed write when killed mid-stream, and the file stays intact', async () => {
    const path = dir.file();
    const k = child('crash-child.ts', [path, 'stream']);
    const seen: string[] = [];
    while (seen.length < 400) seen.push(await nextLine(k));
    k.proc.kill('SIGKILL');
    await exited(k.proc);
    for (let r = await k.lines.next(); !r.done; r = await k.lines.next()) seen.push(r.value);

    const j = openJournal({ path });
    try {
      expect(j.integrityCheck()).toEqual(['ok']);
      for (const key of seen) expect(j.getByDedupKey(key), key).toBeDefined();
      // Rows caught mid-send are still there, still marked as possibly sent.
      const sending = j.query({ states: ['sending'], limit: 200 }).rows;
      expect(sending.length).toBeGreaterThan(0);
      expect(sending.every((r) => r.maybeApplied && r.leaseOwner === 'crash')).toBe(true);
    } finally {
      j.close();
    }
  });
});
