/**
 * Optional on-disk state: only what changed since the seed (new ledger entries, coupon statuses),
 * written atomically (temp file + rename) and debounced. A file we cannot trust is moved aside and
 * the sandbox starts from the seed, so a bad file never stops the till from starting.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { couponStatus, ledgerTransactionSchema } from '../../shared/api/schemas.ts';
import { TENANT_IDS, type SandboxStore } from './state.ts';

const FORMAT = 'socialhub-sandbox-state';
const VERSION = 1;

const deltaSchema = z.object({
  appended: z.record(z.string(), z.array(ledgerTransactionSchema)),
  coupons: z.record(z.string(), z.object({ status: couponStatus, redeemedAt: z.string().nullable() })),
});
const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  seed: z.number().int(),
  tenants: z.object({ demo: deltaSchema, other: deltaSchema }),
});

export type Logger = (level: 'info' | 'warn', message: string) => void;

/**
 * Loads `path` into `store` (already at seed state). Missing file: nothing to do. Unreadable,
 * invalid or inconsistent file, or one written for another seed: moved aside, store back at seed.
 */
export function loadState(path: string, store: SandboxStore, log: Logger): void {
  if (!existsSync(path)) return;
  let problem: string;
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      problem = `does not match the sandbox state format (${parsed.error.issues[0]?.message ?? 'invalid'})`;
    } else if (parsed.data.seed !== store.seed) {
      problem = `was written for seed ${parsed.data.seed}, not ${store.seed}`;
    } else {
      for (const tenant of TENANT_IDS) store.applyDelta(tenant, parsed.data.tenants[tenant]);
      log('info', `Loaded sandbox state from ${path}`);
      return;
    }
  } catch (err) {
    problem = `could not be read (${err instanceof Error ? err.message : String(err)})`;
  }
  store.reset();
  const aside = `${path}.corrupt-${Date.now()}`;
  try {
    renameSync(path, aside);
    log('warn', `Sandbox state file ${path} ${problem}; moved it to ${aside} and started from the seed`);
  } catch (err) {
    log('warn', `Sandbox state file ${path} ${problem}; could not move it aside (${err instanceof Error ? err.message : String(err)}); started from the seed`);
  }
}

export interface Persister {
  /** Called on every change; the write happens `debounceMs` after the last one. */
  schedule(): void;
  /** Writes now if anything is pending (and waits for an in-flight write). */
  flush(): Promise<void>;
}

export function createPersister(path: string, store: SandboxStore, log: Logger, debounceMs = 50): Persister {
  let timer: NodeJS.Timeout | null = null;
  let dirty = false;
  let writing: Promise<void> | null = null;

  const writeOnce = async (): Promise<void> => {
    dirty = false;
    const body = { format: FORMAT, version: VERSION, seed: store.seed, tenants: { demo: store.delta('demo'), other: store.delta('other') } };
    const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await writeFile(temp, JSON.stringify(body), { mode: 0o600 });
      await rename(temp, path);
    } catch (err) {
      log('warn', `Could not save sandbox state to ${path}: ${err instanceof Error ? err.message : String(err)}`);
      await unlink(temp).catch(() => {});
    }
  };

  // Writes are serialized; a change during a write triggers one more.
  const run = async (): Promise<void> => {
    while (writing) await writing;
    if (!dirty) return;
    writing = writeOnce();
    try {
      await writing;
    } finally {
      writing = null;
    }
  };

  return {
    schedule() {
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, debounceMs);
      timer.unref();
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      await run();
    },
  };
}
