/**
 * Engine tests against the real sandbox over loopback HTTP: a fresh sandbox, a temp journal and
 * an engine with short timings (request 600 ms, settle 1.2 s: short, but with room for a loaded
 * 2-core machine). Real clock throughout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSocialHubClient } from '../../api/index.ts';
import type { SocialHubClient } from '../../api/index.ts';
import type { FetchFn } from '../../api/http.ts';
import { openJournal } from '../../journal/index.ts';
import type { Journal, JournalRow } from '../../journal/index.ts';
import { startSandbox } from '../../../sandbox/server.ts';
import type { SandboxHandle, SandboxOptions } from '../../../sandbox/server.ts';
import { descriptionMatches, parseDescription } from '../../../../shared/ledger/sale-token.ts';
import { createEngine } from '../index.ts';
import type { Engine, EngineConfig } from '../index.ts';

export const TIMINGS = {
  requestTimeoutMs: 600,
  settleMs: 1200,
  leaseMs: 3000,
  backoff: { baseMs: 20, capMs: 200 },
  probeIntervalMs: 100,
  idlePollMs: 20,
  // A resent write is watched this long after its first unknown attempt before it is confirmed.
  duplicateCheckMaxMs: 3000,
} as const;

export interface ClientOptions {
  key?: string;
  baseUrl?: string;
  fetch?: FetchFn;
  timeoutMs?: number;
}

export interface Harness {
  sandbox: SandboxHandle;
  journal: Journal;
  path: string;
  engine: Engine;
  connectivity: { online: boolean; detail: string | null }[];
  client(options?: ClientOptions): SocialHubClient;
  /** Another engine (another worker or process) on the same journal. */
  engineWith(config?: Partial<EngineConfig>): Engine;
  /** Ledger entries (all of the member's, ignoring lag) carrying this row's marker. */
  copies(row: Pick<JournalRow, 'memberId' | 'description'>): number;
  /** Re-opens the journal file, as a restarted till would. */
  reopen(): Journal;
  close(): Promise<void>;
}

let ownerSeq = 0;

export async function startHarness(options: { sandbox?: SandboxOptions; config?: Partial<EngineConfig>; client?: ClientOptions } = {}): Promise<Harness> {
  const sandbox = await startSandbox({ quiet: true, ...options.sandbox });
  const dir = mkdtempSync(join(tmpdir(), 'engine-test-'));
  const path = join(dir, 'journal.sqlite');
  let journal = openJournal({ path });
  const opened: Journal[] = [journal];
  const engines: Engine[] = [];
  const connectivity: Harness['connectivity'] = [];
  const client = (o: ClientOptions = {}): SocialHubClient =>
    createSocialHubClient({
      baseUrl: o.baseUrl ?? sandbox.url,
      apiKey: o.key ?? sandbox.keys.write,
      timeoutMs: o.timeoutMs ?? TIMINGS.requestTimeoutMs,
      ...(o.fetch && { fetch: o.fetch }),
    });
  const engineWith = (config: Partial<EngineConfig> = {}): Engine => {
    const e = createEngine({
      journal,
      client: client(options.client),
      storeId: 'st_nyc_01',
      tillId: 'T1',
      txnIdScope: 'forever',
      owner: `test-${process.pid}-${++ownerSeq}`,
      onConnectivity: (online, detail) => connectivity.push({ online, detail }),
      ...TIMINGS,
      ...options.config,
      ...config,
    });
    engines.push(e);
    return e;
  };
  const h: Harness = {
    sandbox,
    get journal() {
      return journal;
    },
    path,
    engine: undefined as unknown as Engine,
    connectivity,
    client,
    engineWith,
    copies: (row) => {
      const token = parseDescription(row.description);
      if (!token) throw new Error(`not a ledger marker: ${row.description}`);
      return sandbox.ledger(row.memberId).filter((t) => descriptionMatches(t.description, token)).length;
    },
    reopen: () => {
      journal = openJournal({ path });
      opened.push(journal);
      return journal;
    },
    close: async () => {
      await Promise.all(engines.map((e) => e.stop()));
      for (const j of opened) j.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  h.engine = engineWith();
  return h;
}

/** Polls `check` (real time) until it returns true or `ms` pass. */
export async function eventually(check: () => boolean, ms = 5000, everyMs = 20): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Drives the engine until the row is final (or needs a person), like the background drainer would. */
export async function settle(engine: Engine, journal: Journal, id: number, ms = 8000): Promise<JournalRow> {
  const until = Date.now() + ms;
  for (;;) {
    const row = journal.get(id);
    if (!row) throw new Error(`row ${id} missing`);
    if (['confirmed', 'rejected', 'resolved', 'needs-attention'].includes(row.state)) return row;
    if (Date.now() > until) throw new Error(`row ${id} still ${row.state} (${row.lastError ?? ''})`);
    await engine.drainOnce();
    await new Promise((r) => setTimeout(r, 20));
  }
}
