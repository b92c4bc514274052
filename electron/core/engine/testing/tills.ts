/**
 * Several tills (each its own journal file and engine, as on separate machines) sharing one real
 * sandbox over loopback HTTP and one clock, so a test can let time pass — a customer walking to
 * another till — without waiting for it. The clock is real time plus an offset by default, or
 * fully virtual (engine sleeps advance it) for property tests, which also share one sandbox
 * across runs (starting one costs most of a second).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocialHubClient } from '../../api/index.ts';
import type { FetchFn } from '../../api/http.ts';
import { openJournal } from '../../journal/index.ts';
import type { Journal } from '../../journal/index.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import type { SandboxHandle, SandboxOptions } from '../../../sandbox/server.ts';
import { createEngine } from '../index.ts';
import type { Engine, EngineConfig } from '../index.ts';
import { TIMINGS } from './harness.ts';

export interface Till {
  id: string;
  journal: Journal;
  /** The till's current engine (replaced by `restart`). */
  engine: Engine;
  /** A new process on the same journal file: a fresh engine with a new owner. */
  restart(config?: Partial<EngineConfig>): Engine;
}

export interface Tills {
  sandbox: SandboxHandle;
  tills: Till[];
  now(): number;
  /** Lets time pass on every till and on the sandbox at once. */
  advance(ms: number): void;
  close(): Promise<void>;
}

/** One clock for the sandbox, every journal and every engine. */
export interface TillClock {
  now(): number;
  advance(ms: number): void;
  /** Virtual: the clock moves only by `advance` and by the engines' sleeps. */
  virtual: boolean;
}

export function offsetClock(): TillClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms), virtual: false };
}

export function virtualClock(start = Date.UTC(2026, 11, 5, 15)): TillClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), virtual: true };
}

export interface TillsOptions {
  count?: number;
  sandbox?: SandboxOptions;
  /** A sandbox already running on `clock` (kept open by close()), to spare a start per test run. */
  shared?: { sandbox: SandboxHandle; clock: TillClock };
  config?: Partial<EngineConfig>;
  /** Per-till fetch (e.g. one that rewrites responses). */
  fetch?: (tillIndex: number) => FetchFn | undefined;
}

let seq = 0;

export async function startTills(options: TillsOptions = {}): Promise<Tills> {
  const clock = options.shared?.clock ?? offsetClock();
  const now = (): number => clock.now();
  const advance = (ms: number): void => clock.advance(ms);
  const sandbox = options.shared?.sandbox ?? (await startSandbox({ quiet: true, now, ...options.sandbox }));
  // Logic, not durability, is under test here: a RAM disk (where there is one) keeps fsync cheap.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tills-'));
  const engines: Engine[] = [];
  const journals: Journal[] = [];
  const tills: Till[] = [];
  for (let i = 0; i < (options.count ?? 2); i++) {
    const id = `T${i + 1}`;
    // The virtual clock stands in for the monotonic lease clock too: a restart here is a killed process.
    const journal = openJournal({ path: join(dir, `${id}.sqlite`), now, leaseClock: now });
    journals.push(journal);
    const fetchFn = options.fetch?.(i);
    const make = (config: Partial<EngineConfig> = {}): Engine => {
      const e = createEngine({
        journal,
        client: createSocialHubClient({ baseUrl: sandbox.url, apiKey: sandbox.keys.write, timeoutMs: TIMINGS.requestTimeoutMs, ...(fetchFn && { fetch: fetchFn }) }),
        storeId: 'st_nyc_01',
        tillId: id,
        txnIdScope: 'forever',
        owner: `${id}-${process.pid}-${++seq}`,
        now,
        ...(clock.virtual && {
          sleep: (ms: number) => {
            clock.advance(Math.max(1, ms));
            return Promise.resolve();
          },
        }),
        ...TIMINGS,
        ...options.config,
        ...config,
      });
      engines.push(e);
      return e;
    };
    const till: Till = {
      id,
      journal,
      engine: make(),
      restart: (config) => {
        till.engine = make(config);
        return till.engine;
      },
    };
    tills.push(till);
  }
  return {
    sandbox,
    tills,
    now,
    advance,
    close: async () => {
      await Promise.all(engines.map((e) => e.stop()));
      for (const j of journals) j.close();
      if (!options.shared) await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Drives a till's drainer until the row is in one of `states` (a queued redeem is never final). */
export async function drainUntil(till: Till, id: number, states: readonly string[], ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const row = till.journal.get(id);
    if (!row) throw new Error(`row ${id} missing`);
    if (states.includes(row.state)) return;
    if (Date.now() > until) throw new Error(`row ${id} still ${row.state} (${row.lastError ?? ''})`);
    await till.engine.drainOnce();
    await new Promise((r) => setTimeout(r, 20));
  }
}
