/**
 * The till behind the door, assembled once and the same way for Electron main and the dev/test
 * web host: the registry with every contract channel, the event publisher, the journal, the API
 * clients (or the embedded sandbox when the till is in sandbox mode), the engine and the event
 * wiring. The host supplies only what differs between them: the settings storage, the key
 * encryption, who may call (sender policy) and how events reach the page (transport).
 */
import path from 'node:path';
import { eventContract, invokeContract } from '../../../shared/ipc/contract.ts';
import type { EventContract, InvokeContract } from '../../../shared/ipc/contract.ts';
import { createHandlerRegistry } from '../ipc/handler-registry.ts';
import type { HandlerRegistry, RegistryLog } from '../ipc/handler-registry.ts';
import { createEventPublisher } from '../ipc/event-publisher.ts';
import type { EventPublisher, EventTransport } from '../ipc/event-publisher.ts';
import { registerFoundationHandlers } from '../ipc/foundation-handlers.ts';
import type { AppFacts, FoundationDeps } from '../ipc/foundation-handlers.ts';
import type { SenderPolicy } from '../ipc/sender-policy.ts';
import { managerAuthoriser } from '../auth/authorise.ts';
import type { ManagerPin } from '../auth/manager-pin.ts';
import type { KeyVault } from '../keys/key-vault.ts';
import type { NoticeBoard } from '../notices/notice-board.ts';
import type { SettingsService } from '../settings/settings-file.ts';
import type { FetchFn } from '../api/http.ts';
import { DEFAULT_ORIGIN_ALLOW_LIST, originOf } from '../api/index.ts';
import type { ApiCallRecord, OriginAllowList } from '../api/index.ts';
import { createApiClients } from './api-clients.ts';
import type { ApiClients } from './api-clients.ts';
import { createConnectivity } from './connectivity.ts';
import type { Connectivity } from './connectivity.ts';
import { openJournalSlot } from './journal-slot.ts';
import { startRetention } from './retention.ts';
import type { JournalSlot } from './journal-slot.ts';
import { createSandboxSlot } from './sandbox-slot.ts';
import type { SandboxSlot, SandboxStartOptions } from './sandbox-slot.ts';
import { queueSizeOf } from './queue-size.ts';
import { createEngineSlot } from './engine-slot.ts';
import type { EngineSlot, EngineSlotOptions } from './engine-slot.ts';
import { createCardSession } from '../till-handlers/card-session.ts';
import { createScreenRows } from '../till-handlers/screen-rows.ts';
import { registerTillHandlers } from '../till-handlers/index.ts';
import type { TillHandlerDeps } from '../till-handlers/context.ts';
import { createPosLink } from '../pos-link/pos-link.ts';
import type { PosLink, PosLinkOptions } from '../pos-link/pos-link.ts';
import { registerPosLinkChannels } from '../pos-link/till-channels.ts';

export const JOURNAL_FILE = 'journal.sqlite';
export const SANDBOX_STATE_FILE = 'sandbox.json';

export interface TillCoreOptions {
  /** The till's user-data folder: journal, sandbox state. */
  readonly dataDir: string;
  readonly settings: SettingsService;
  readonly vault: KeyVault;
  readonly pin: ManagerPin;
  readonly notices: NoticeBoard;
  readonly app: AppFacts;
  /** The till reset behind `till:reset` (app/trusted-foundation.ts). */
  readonly resetTill: FoundationDeps['resetTill'];
  /** Who may call the door (Electron: our window's frame; web host: its own Origin). */
  readonly senderPolicy: SenderPolicy;
  /** How events reach the page (Electron: webContents.send; web host: Server-Sent Events). */
  readonly eventTransport: EventTransport;
  readonly log: RegistryLog;
  readonly clock?: { now(): number };
  /** Options for the embedded sandbox (sandbox mode only). */
  readonly sandbox?: SandboxStartOptions;
  readonly fetch?: FetchFn;
  readonly testKey?: FoundationDeps['testKey'];
  /** Hosts a live till may send its keys to (default `*.socialhub.ai`); a fleet policy may widen it, the settings file never can. */
  readonly originAllowList?: OriginAllowList;
  /** A release build (packaged, not the QA build): live keys never go to loopback. Default: `app.packaged`. */
  readonly releaseBuild?: boolean;
  /** How often the manager auto-lock, the journal's queue and the engine's settings are looked at. */
  readonly tickMs?: number;
  /** Names this process in the journal's leases: `app` (Electron), `web` (web host). */
  readonly ownerPrefix?: string;
  /** Engine timers (tests shorten them). */
  readonly engineTuning?: EngineSlotOptions['tuning'];
  /** The POS link's port instead of the settings' one (tests: 0, any free port). */
  readonly posLinkPort?: number;
  /** The POS link's per-token rate limit (tests lower it). */
  readonly posLinkRateLimit?: PosLinkOptions['rateLimit'];
}

export interface TillCore {
  readonly registry: HandlerRegistry<InvokeContract>;
  readonly events: EventPublisher<EventContract>;
  readonly journal: JournalSlot;
  readonly clients: ApiClients;
  readonly connectivity: Connectivity;
  readonly engine: EngineSlot;
  /** The embedded sandbox while one runs (sandbox mode), for the web host's banner lines and tests. */
  readonly sandbox: SandboxSlot;
  /** The loopback API a POS hands sales to (off until enabled in settings). */
  readonly posLink: PosLink;
  apiBaseUrl(): string | null;
  close(): Promise<void>;
}

const TICK_MS_DEFAULT = 2_000;
/** While offline, ask SocialHub this often whether it is back (one small GET). */
const OFFLINE_PROBE_MS = 30_000;

export async function createTillCore(options: TillCoreOptions): Promise<TillCore> {
  const { settings, vault, pin, notices, log } = options;
  const now = (): number => (options.clock ?? Date).now();
  const iso = (ms: number): string => new Date(ms).toISOString();

  const sandbox = createSandboxSlot({
    persistPath: path.join(options.dataDir, SANDBOX_STATE_FILE),
    options: options.sandbox ?? {},
    log,
  });
  const registry = createHandlerRegistry(invokeContract, {
    senderPolicy: options.senderPolicy,
    // The sandbox's own keys and admin token are as secret as the vault's.
    secrets: () => [...vault.secrets(), ...sandbox.secrets()],
    authorise: managerAuthoriser(pin),
    log,
  });
  const events = createEventPublisher(eventContract, { transport: options.eventTransport, secrets: () => [...vault.secrets(), ...sandbox.secrets()], log });

  const journal = openJournalSlot({ path: path.join(options.dataDir, JOURNAL_FILE), now });
  if (journal.stopped() !== null) log.error('Journal unavailable: writes are stopped', { reason: journal.stopped() });

  const connectivity = createConnectivity(now);
  const recordCall = (record: ApiCallRecord): void => {
    connectivity.observe(record);
    const j = journal.current();
    if (j === null) return;
    try {
      j.recordApiCall(record);
    } catch {
      // The activity log is diagnostics; losing one line must never fail the call it describes.
    }
  };
  const originAllowList = options.originAllowList ?? DEFAULT_ORIGIN_ALLOW_LIST;
  const releaseBuild = options.releaseBuild ?? options.app.packaged;
  const clients = createApiClients({
    settings,
    vault,
    originPolicy: { allowList: originAllowList, releaseBuild },
    sandbox: () => (settings.get().mode === 'sandbox' ? sandbox.ensure() : null),
    onCall: recordCall,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });

  // --- events ---
  const unsubscribers: (() => void)[] = [];
  unsubscribers.push(pin.subscribe((state) => events.publish('lockState', state)));
  unsubscribers.push(connectivity.subscribe((c) => events.publish('connectivity', { online: c.online, since: iso(c.since ?? now()), detail: c.detail })));
  let lastQueue = '';
  const publishQueue = (): void => {
    const j = journal.current();
    if (j === null) return;
    try {
      const size = queueSizeOf(j.stats());
      const payload = { ...size, oldestPendingAt: size.oldestPendingAt === null ? null : iso(size.oldestPendingAt) };
      const key = JSON.stringify(payload);
      if (key === lastQueue) return;
      lastQueue = key;
      events.publish('queueSize', payload);
    } catch {
      // The status strip says why via status:get (writes stopped).
    }
  };
  let posLink: PosLink | null = null;
  const tillEvents: TillHandlerDeps['events'] = {
    journalChanged(ids) {
      if (ids.length > 0) events.publish('journalChanged', { ids: ids.slice(0, 1000).map(String), at: iso(now()) });
      publishQueue();
      posLink?.service.journalChanged(); // an award confirmed in the background changes a POS sale's status
    },
    reconcileProgress: (progress) => events.publish('reconcileProgress', progress),
  };
  const engine = createEngineSlot({
    settings,
    journal,
    clients,
    now,
    ownerPrefix: options.ownerPrefix ?? 'app',
    onChange: (ids) => tillEvents.journalChanged(ids),
    onConnectivity: (online, detail) => connectivity.set(online, detail),
    log,
    ...(options.engineTuning === undefined ? {} : { tuning: options.engineTuning }),
  });

  // --- handlers ---
  registerFoundationHandlers(registry, {
    settings,
    vault,
    pin,
    notices,
    app: options.app,
    // The reset clears keys the cashier-level `till:reset` can reach once the PIN is untrusted: leave a
    // durable trace, not only a notice the next manager can dismiss.
    async resetTill() {
      const before = await vault.status().catch(() => null);
      const tillId = settings.get().tillId;
      const state = await options.resetTill();
      const cleared = (['write', 'read'] as const).filter((k) => before === null || before[k].configured);
      const fromOrigin = before === null ? null : (before.write.origin ?? before.read.origin ?? null);
      const j = journal.current();
      if (j === null) log.error('Till reset not journaled: the journal is unavailable', { cleared });
      else {
        try {
          j.recordKeyOriginChange({ fromOrigin, toOrigin: originOf(settings.get().baseUrl), cleared, actor: `till-reset@${tillId ?? 'till'}` });
        } catch (e) {
          log.error('Till reset not journaled', { error: e instanceof Error ? e.message : String(e) });
        }
      }
      return state;
    },
    apiBaseUrl: () => clients.baseUrl(),
    originAllowList,
    releaseBuild,
    onKeyOriginChange(change) {
      const j = journal.current();
      if (j === null) {
        log.error('Key origin change not journaled: the journal is unavailable', { toOrigin: change.toOrigin });
        return;
      }
      try {
        j.recordKeyOriginChange({ ...change, cleared: [...change.cleared], actor: `manager@${settings.get().tillId ?? 'till'}` });
      } catch (e) {
        log.error('Key origin change not journaled', { error: e instanceof Error ? e.message : String(e) });
      }
    },
    ...(options.testKey === undefined ? {} : { testKey: options.testKey }),
  });
  const cards = createCardSession();
  posLink = createPosLink({
    dataDir: options.dataDir,
    journal: () => journal.journal(),
    engine: () => engine.get(),
    settings: () => settings.get(),
    cards,
    now,
    onJournalChange: (ids) => tillEvents.journalChanged(ids),
    recordCall: (call) => {
      try {
        journal.current()?.recordApiCall(call);
      } catch {
        // The activity log is diagnostics; losing one line must never fail the call it describes.
      }
    },
    log,
    ...(options.posLinkPort === undefined ? {} : { portOverride: options.posLinkPort }),
    ...(options.posLinkRateLimit === undefined ? {} : { rateLimit: options.posLinkRateLimit }),
  });
  const link = posLink;
  unsubscribers.push(link.service.subscribe((sale, meta) => events.publish('posSale', { sale, ...meta })));
  registerPosLinkChannels(registry, { posLink: link, settings, journal, now });
  registerTillHandlers(registry, {
    settings,
    now,
    journal,
    clients,
    cards,
    screenRows: createScreenRows(),
    connectivity,
    events: tillEvents,
    engine: () => engine.get(),
    managerActor: () => `manager@${settings.get().tillId ?? 'till'}`,
  });

  // --- start ---
  // A settings file pointing somewhere the keys may not go (edited between launches): nothing is sent, and the manager is told why.
  for (const problem of await clients.liveKeyProblems()) notices.raise('keys-not-sent', problem);
  if (settings.get().mode === 'sandbox') {
    const started = await sandbox.start();
    if (started === null) connectivity.set(false, sandbox.failure());
  }
  let lastProbe = 0;
  const probe = async (): Promise<void> => {
    lastProbe = now();
    try {
      await (await clients.cardReader()).listStores({ limit: 1, offset: 0 }); // the outcome reaches connectivity via onCall
    } catch {
      // No key or no sandbox: nothing to ask.
    }
  };
  // On loopback the answer is immediate; a live API may be slow, and the window must not wait for it.
  const probing = probe();
  if (settings.get().mode === 'sandbox') await probing;
  // Start the engine now if the till is set up, so an earlier run's queue drains without waiting for a cashier.
  const startEngine = (): void => void engine.get().catch(() => undefined); // not set up yet: status:get says why
  startEngine();
  await link.apply(settings.get().posLink);

  const tick = setInterval(() => {
    pin.checkExpiry();
    publishQueue(); // picks up the engine's background work and the CLI's changes
    if (engine.outdated()) startEngine(); // the manager finished the set-up, or changed store/till/target
    void link.apply(settings.get().posLink); // turned on/off or moved through settings:update
    if (!connectivity.state().online && now() - lastProbe >= OFFLINE_PROBE_MS) void probe();
  }, options.tickMs ?? TICK_MS_DEFAULT);
  tick.unref();
  const retention = startRetention({ journal, retentionDays: () => settings.get().journalRetentionDays, log });

  let closing: Promise<void> | null = null;
  return {
    registry,
    events,
    journal,
    clients,
    connectivity,
    engine,
    sandbox,
    posLink: link,
    apiBaseUrl: () => clients.baseUrl(),
    close() {
      closing ??= (async () => {
        clearInterval(tick);
        retention.stop();
        for (const u of unsubscribers) u();
        await link.close();
        await engine.close();
        await sandbox.close();
        journal.close();
      })();
      return closing;
    },
  };
}
