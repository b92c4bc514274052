/**
 * The exactly-once engine as the app holds it. The engine is built for one store, till and
 * SocialHub target; when a manager changes those (or the journal stops), the old engine is
 * stopped and a new one built on next use. A changed key only swaps the client (`setClient`),
 * which also lifts a key-refused pause. Until the till is set up the slot answers with why.
 */
import { randomBytes } from 'node:crypto';
import { TillError } from '../till-error.ts';
import { createEngine } from '../engine/index.ts';
import { JournalKeyingError } from '../journal/index.ts';
import type { Engine, EngineConfig } from '../engine/index.ts';
import type { KeyingSettings } from '../journal/index.ts';
import type { AppLog } from '../log/app-log.ts';
import type { SettingsService } from '../settings/settings-file.ts';
import type { ApiClients } from './api-clients.ts';
import { localTimeZone } from '../../../shared/time/business-day.ts';
import type { JournalSlot } from './journal-slot.ts';

export const SETUP_INCOMPLETE = 'A manager must pick the store and name this till (Settings) before points can be awarded.';

export interface EngineSlotOptions {
  readonly settings: SettingsService;
  readonly journal: JournalSlot;
  readonly clients: ApiClients;
  readonly now: () => number;
  /** Names this process in the journal's leases (`app`, `web`). */
  readonly ownerPrefix: string;
  readonly onChange: (ids: number[]) => void;
  readonly onConnectivity: (online: boolean, detail: string | null) => void;
  readonly log: AppLog;
  /** Engine settings the app does not derive from the till's settings (tests shorten timers). */
  readonly tuning?: Partial<Pick<EngineConfig, 'settleMs' | 'backoff' | 'probeIntervalMs' | 'idlePollMs' | 'redeemWindowMs' | 'duplicateCheckMaxMs'>>;
  readonly create?: (config: EngineConfig) => Engine;
}

export interface EngineSlot {
  /** The engine for the current settings, built or rebuilt as needed; an TillError says why not. */
  get(): Promise<Engine>;
  current(): Engine | null;
  /**
   * Why the till cannot write: no engine can be built for the current settings (the journal refused
   * its keying: another program keyed the journal's sales otherwise, or the settings changed after
   * them), or the running engine's keying is no longer the journal's (another program re-keyed it).
   */
  refusal(): string | null;
  /**
   * The keying the running engine keys sales by, while it is the engine for the current settings;
   * null otherwise. "Today" everywhere in main names this day while an engine runs.
   */
  keying(): KeyingSettings | null;
  /** True when the settings no longer match the running engine (or none runs yet). */
  outdated(): boolean;
  close(): Promise<void>;
}

export function createEngineSlot(options: EngineSlotOptions): EngineSlot {
  const { settings } = options;
  const create = options.create ?? createEngine;
  const owner = `${options.ownerPrefix}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let engine: Engine | null = null;
  let engineKey = '';
  let engineClient: unknown = null;
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;
  let refused: { key: string; message: string } | null = null;

  const configKey = (): string => {
    const s = settings.get();
    return JSON.stringify([s.mode, s.mode === 'live' ? s.baseUrl : '', s.storeId, s.tillId, s.txnIdScope, s.businessDayStartsAt, s.requestTimeoutMs, s.noResendWindowMs]);
  };

  /**
   * The zone the till claims: its own, unless the journal's sales are keyed in another one (the
   * CLI's `--tz`, the store's zone). The zone is no till setting, so nothing at the counter could
   * put it right: the till keys by the journal's zone rather than stopping for good.
   */
  function tillZone(journal: ReturnType<JournalSlot['journal']>): string {
    const own = localTimeZone();
    try {
      const stored = journal.keying();
      if (stored !== null && journal.keyingRefusal({ timeZone: own }) !== null) return stored.timeZone;
    } catch {
      // Unreadable keying: claim our own and let the journal's refusal say why.
    }
    return own;
  }

  async function build(): Promise<Engine> {
    if (closed) throw new TillError('API_UNAVAILABLE', 'The till is shutting down.');
    const journal = options.journal.journal(); // JOURNAL_UNAVAILABLE when writes are stopped
    const s = settings.get();
    if (s.storeId === null || s.tillId === null) throw new TillError('INVALID_STATE', SETUP_INCOMPLETE);
    const client = await options.clients.writer(); // KEY_NOT_CONFIGURED / API_UNAVAILABLE
    const key = configKey();
    // An engine refused by a journal another program re-keyed is built again when someone next
    // writes: a journal still without sales is claimed back (the record re-checks the keying in its
    // own transaction, so a program that keyed it meanwhile is refused, never doubled); with sales,
    // the refusal's sentence stands. Not on the timer, so two idle programs do not trade the keying.
    if (engine !== null && key === engineKey && engine.keyingRefusal() === null) {
      if (client !== engineClient) {
        engine.setClient(client);
        engineClient = client;
      }
      return engine;
    }
    if (engine !== null) await engine.stop();
    engine = null;
    let next: Engine;
    try {
      next = create({
        journal,
        client,
        storeId: s.storeId,
        tillId: s.tillId,
        // The till's own keying; the journal refuses it (JournalKeyingError) if another process keys differently.
        txnIdScope: s.txnIdScope,
        dayStart: s.businessDayStartsAt,
        timeZone: tillZone(journal),
        requestTimeoutMs: s.requestTimeoutMs,
        settleMs: s.noResendWindowMs,
        owner,
        now: options.now,
        onChange: options.onChange,
        onConnectivity: options.onConnectivity,
        ...options.tuning,
      });
    } catch (e) {
      // The keying refusal (and any journal error) answers as the journal's sentence, never INTERNAL.
      if (e instanceof JournalKeyingError) refused = { key, message: e.message };
      throw options.journal.mapError(e);
    }
    refused = null;
    next.start();
    // Rows left unfinished by an earlier run (or a crash) are driven to an end in the background.
    next.recover().catch((e: unknown) => options.log.warn('Engine recovery pass failed', { error: e instanceof Error ? e.message : String(e) }));
    engine = next;
    engineKey = key;
    engineClient = client;
    return next;
  }

  return {
    get() {
      // One build at a time: two cashier actions during a rebuild must not make two engines.
      const result = chain.then(build, build);
      chain = result.catch(() => undefined);
      return result;
    },
    current: () => engine,
    refusal: () => {
      if (refused !== null && refused.key === configKey()) return refused.message;
      return engine !== null && engineKey === configKey() ? engine.keyingRefusal() : null;
    },
    keying: () => (engine !== null && engineKey === configKey() ? engine.keying() : null),
    outdated: () => engine === null || configKey() !== engineKey || options.journal.stopped() !== null,
    async close() {
      closed = true;
      await chain;
      await engine?.stop();
      engine = null;
    },
  };
}
