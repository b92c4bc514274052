/**
 * Crash safety of a POS sale: the till process is SIGKILLed after it answered the POS's PUT and
 * before the cashier awarded. A new process over the same data folder (journal file, embedded
 * sandbox state) still has the sale waiting, and the award reaches the sandbox ledger once.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { nodeBinary } from '../engine/testing/processes.ts';

const CHILD = path.join(import.meta.dirname, 'testing', 'pos-till-child.ts');

interface Till {
  proc: ChildProcessWithoutNullStreams;
  port: number;
  token: string | null;
  /** Sends one command and resolves with its JSON reply. */
  send(command: string): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

async function startTill(dataDir: string): Promise<Till> {
  const proc = spawn(nodeBinary(), [CHILD, dataDir, `${dataDir}.keyring`], { stdio: 'pipe', env: { ...process.env, NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'socialhub-till-node-cache') } });
  running.push(proc);
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const replies: ((line: string) => void)[] = [];
  const values = new Map<string, string>();
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => {
      const kv = /^([A-Z]+)=(\S+)$/.exec(line);
      if (kv?.[1] !== undefined && kv[2] !== undefined) values.set(kv[1], kv[2]);
      else if (line === 'READY') resolve();
      else replies.shift()?.(line);
    });
    void exited.then(({ code, signal }) => reject(new Error(`the till exited (${signal ?? code}) before it was ready:\n${stderr.slice(-3000)}`)));
  });
  await ready;
  return {
    proc,
    port: Number(values.get('PORT')),
    token: values.get('TOKEN') ?? null,
    exited,
    send: (command) =>
      new Promise((resolve) => {
        replies.push((line) => resolve(JSON.parse(line) as Record<string, unknown>));
        proc.stdin.write(`${command}\n`);
      }),
  };
}

async function pos(till: Till, token: string, method: string, txn: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${till.port}/pos/v1/sales/${txn}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POS link crash safety', () => {
  it('SIGKILL between the POS PUT and the award: after restart the sale still waits, and it is awarded exactly once', { timeout: 90_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-crash-'));
    const txn = `K${Date.now().toString(36)}`;
    const sale = { total: '42.50', currency: 'USD', cashierId: 'C7' };
    try {
      const first = await startTill(dataDir);
      const token = first.token ?? '';
      expect(token).not.toBe('');
      const put = await pos(first, token, 'PUT', txn, sale);
      expect(put).toMatchObject({ status: 201, body: { posTxnId: txn, state: 'waiting-for-member' } });
      // The 201 means journaled: the process dies now, before any cashier step.
      first.proc.kill('SIGKILL');
      expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });

      const second = await startTill(dataDir);
      expect(second.token).toBeNull(); // the pairing survived; the POS keeps its token
      expect(await pos(second, token, 'GET', txn)).toMatchObject({ status: 200, body: { state: 'waiting-for-member', total: '42.50', points: null } });
      // The POS, unsure its PUT landed, sends it again: the same sale, not a second one.
      expect(await pos(second, token, 'PUT', txn, sale)).toMatchObject({ status: 200, body: { posTxnId: txn, state: 'waiting-for-member' } });
      expect(await second.send(`ledger ${DEMO.goldMember} ${txn}`)).toEqual({ entries: 0, points: 0 });

      const awarded = await second.send(`award ${txn} ${DEMO.goldMember}`);
      expect(awarded, JSON.stringify(awarded)).toMatchObject({ card: true, award: { ok: true, value: { status: 'confirmed' } } });
      // Pressed again: refused at the till, nothing more recorded or sent.
      const again = await second.send(`award ${txn} ${DEMO.goldMember}`);
      expect(again).toMatchObject({ award: { ok: false, code: 'INVALID_STATE' } });
      const status = await pos(second, token, 'GET', txn);
      expect(status).toMatchObject({ status: 200, body: { state: 'awarded' } });
      const points = status.body.points as number;
      expect(points).toBeGreaterThan(0);
      expect(await second.send(`ledger ${DEMO.goldMember} ${txn}`)).toEqual({ entries: 1, points });
      expect(await second.send('close')).toEqual({ closed: true });
      expect(await second.exited).toMatchObject({ code: 0 });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.keyring`, { force: true });
    }
  });
});
