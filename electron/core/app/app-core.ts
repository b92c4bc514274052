/**
 * The till behind the door, assembled once and the same way for Electron main and the dev/test
 * web host: the registry with every contract channel, the event publisher, the journal, the API
 * clients (or the embedded sandbox when the till is in sandbox mode), the engine and the event
 * wiring. The host supplies only what differs between them: the settings storage, the key
 * encryption, who may call (sender policy) and how events reach the page (transport).
 */
import fs from 'node:fs';
import path from 'node:path';
import { eventContract, invokeContract } from '../../../shared/ipc/contract.ts';
import type { EventContract, InvokeContract } from '../../../shared/ipc/contract.ts';
import { createHandlerRegistry } from '../ipc/handler-registry.ts';
import type { HandlerRegistry } from '../ipc/handler-registry.ts';
import type { AppLog } from '../log/app-log.ts';
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
import { lockedFields, tillIdMatches } from '../../../shared/policy/policy-schema.ts';
import { createApiClients } from './api-clients.ts';
import type { ApiClients } from './api-clients.ts';
import { createOnlineStatus } from './online-status.ts';
import type { OnlineStatus } from './online-status.ts';
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
import { managedSettings, policyRefusal } from '../policy/managed-settings.ts';
import type { PolicySource, PolicyState } from '../policy/policy-source.ts';
import { registerFleetHandlers } from '../policy/policy-handlers.ts';
import { BUNDLE_API_CALLS, bundleFileName, buildSupportBundle } from '../support/bundle.ts';

export const SUPPORT_DIR = 'support';
import { startTelemetry } from '../telemetry/telemetry.ts';
import { telemetryEndpointFor, telemetryIntervalFor } from '../telemetry/telemetry-source.ts';
import type { SalesTally, Telemetry } from '../telemetry/telemetry.ts';
import { createTillActivity } from '../update/till-activity.ts';
import type { UpdateReadiness } from '../update/update-gate.ts';
import { createPosLink } from '../pos-link/pos-link.ts';
import type { PosLink, PosLinkOptions } from '../pos-link/pos-link.ts';
import { registerPosLinkChannels } from '../pos-link/till-channels.ts';
import { POS_PREFIX } from '../pos-link/server.ts';
import { settledKeying } from './settled-keying.ts';
import { businessToday, type DayKeying } from '../journal/business-today.ts';
import type { DayWindow } from '../../../shared/time/business-day.ts';

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
  readonly log: AppLog;
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
  /** The fleet policy (electron/core/policy): values over the settings, locks, the allow-list. None: the till's own settings. */
  readonly policy?: PolicySource;
  /** The folder of the rotated log files (electron/core/log), for the support bundle; null or absent: none. */
  readonly logDir?: string | null;
  /** `process.versions.electron` in the app. */
  readonly electronVersion?: string | null;
  /** Where "Save a support bundle" writes (null: cancelled). Default: the data folder's `support/`. */
  readonly chooseBundlePath?: (suggestedName: string) => Promise<string | null>;
  /** Metrics to the fleet's OTLP/HTTP collector; off without an endpoint (the default). */
  readonly telemetry?: TillTelemetryOptions;
  /** The POS link's word on whether a sale is open there (the update gate waits for it). */
  readonly posSaleOpen?: () => boolean;
  /** The POS link's port instead of the settings' one (tests: 0, any free port). */
  readonly posLinkPort?: number;
  /** The POS link's per-token rate limit (tests lower it). */
  readonly posLinkRateLimit?: PosLinkOptions['rateLimit'];
}

export interface TillTelemetryOptions {
  readonly endpoint: string | null;
  readonly exportIntervalMs?: number;
  /** The POS link's sales tally (share of sales with a member). */
  readonly sales?: () => SalesTally | null;
}

export interface TillCore {
  readonly registry: HandlerRegistry<InvokeContract>;
  readonly events: EventPublisher<EventContract>;
  readonly journal: JournalSlot;
  readonly clients: ApiClients;
  readonly onlineStatus: OnlineStatus;
  readonly engine: EngineSlot;
  /** The embedded sandbox while one runs (sandbox mode), for the web host's banner lines and tests. */
  readonly sandbox: SandboxSlot;
  /** Metrics export (a no-op when off); replaced when the store or till id changes. */
  telemetry(): Telemetry;
  /** What the update gate (core/update/update-gate.ts) decides on. */
  updateReadiness(): UpdateReadiness;
  /** The loopback API a POS hands sales to (off until enabled in settings). */
  readonly posLink: PosLink;
  apiBaseUrl(): string | null;
  close(): Promise<void>;
}

const TICK_MS_DEFAULT = 2_000;
/** While offline, ask SocialHub this often whether it is back (one small GET). */
const OFFLINE_PROBE_MS = 30_000;

export async function createTillCore(options: TillCoreOptions): Promise<TillCore> {
  const { vault, pin, notices, log } = options;
  const policy = options.policy ?? null;
  const policyNow = () => policy?.current() ?? null;
  // Idempotent over the foundation's own wrapping: whatever settings a host passes, the policy holds.
  const settings = policy === null ? options.settings : managedSettings(options.settings, policyNow);
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

  // Telemetry's resource names the till, so it starts again when the manager sets another store or till id;
  // and its collector comes from the policy (else the host), so a policy change starts it again too.
  const telemetryEndpoint = (): string | null => telemetryEndpointFor(policyNow(), options.telemetry?.endpoint ?? null);
  const telemetryInterval = (): number | undefined => telemetryIntervalFor(policyNow(), options.telemetry?.exportIntervalMs);
  const telemetryKey = (): string => `${telemetryEndpoint() ?? ''}\n${telemetryInterval() ?? ''}\n${settings.get().storeId ?? ''}\n${settings.get().tillId ?? ''}`;
  const openTelemetry = (): Telemetry => {
    const exportIntervalMs = telemetryInterval();
    return startTelemetry({
      endpoint: telemetryEndpoint(),
      ...(exportIntervalMs === undefined ? {} : { exportIntervalMs }),
      resource: { storeId: settings.get().storeId ?? '', tillId: settings.get().tillId ?? '', appVersion: options.app.version },
      journalStats: () => journal.current()?.stats() ?? null,
      ...(options.telemetry?.sales === undefined ? {} : { sales: options.telemetry.sales }),
      log,
    });
  };
  const telemetryOff = (reason: string): Telemetry => {
    log.warn(`Telemetry is off: ${reason}`);
    return startTelemetry({ endpoint: null, resource: { storeId: '', tillId: '', appVersion: options.app.version }, journalStats: () => null, log });
  };
  // The policy's endpoint passed its own check; one the exporter still refuses must not stop the till.
  const openTelemetrySafely = (): Telemetry => {
    try {
      return openTelemetry();
    } catch (e) {
      return telemetryOff(e instanceof Error ? e.message : String(e));
    }
  };
  let telemetry = openTelemetrySafely();
  let telemetryFor = telemetryKey();
  const refreshTelemetry = (): void => {
    if (telemetryKey() === telemetryFor) return;
    const old = telemetry;
    telemetryFor = telemetryKey();
    telemetry = openTelemetrySafely();
    void old.close();
  };

  const onlineStatus = createOnlineStatus(now);
  const recordCall = (record: ApiCallRecord): void => {
    onlineStatus.observe(record);
    telemetry.apiCall(record);
    const j = journal.current();
    if (j === null) return;
    try {
      j.recordApiCall(record);
    } catch {
      // The activity log is diagnostics; losing one line must never fail the call it describes.
    }
  };
  // The policy's allow-list, when it has one, replaces the host's; read at each use so a policy change applies at once.
  const originAllowList = () => policyNow()?.originAllowList ?? options.originAllowList ?? DEFAULT_ORIGIN_ALLOW_LIST;
  const releaseBuild = options.releaseBuild ?? options.app.packaged;
  const clients = createApiClients({
    settings,
    vault,
    originPolicy: {
      get allowList() {
        return originAllowList();
      },
      releaseBuild,
    },
    sandbox: () => (settings.get().mode === 'sandbox' ? sandbox.ensure() : null),
    onCall: recordCall,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });

  // --- events ---
  const unsubscribers: (() => void)[] = [];
  unsubscribers.push(pin.subscribe((state) => events.publish('lockState', state)));
  unsubscribers.push(onlineStatus.subscribe((c) => events.publish('connectivity', { online: c.online, since: iso(c.since ?? now()), detail: c.detail })));
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
  const activity = createTillActivity(now);
  const rowsChanged = (ids: readonly number[]): void => {
    const j = journal.current();
    if (j === null) return;
    try {
      for (const id of ids.slice(0, 100)) {
        const row = j.get(id);
        if (row === undefined) continue;
        activity.rowSeen(row);
        telemetry.rowSeen(row);
      }
    } catch {
      // Metrics and the update gate's bookkeeping must never fail the write they describe.
    }
  };
  let posLink: PosLink | null = null;
  const tillEvents: TillHandlerDeps['events'] = {
    journalChanged(ids) {
      if (ids.length > 0) events.publish('journalChanged', { ids: ids.slice(0, 1000).map(String), at: iso(now()) });
      rowsChanged(ids);
      publishQueue();
      posLink?.service.journalChanged(ids); // an award confirmed in the background changes a POS sale's status
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
    onConnectivity: (online, detail) => onlineStatus.set(online, detail),
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
    get originAllowList() {
      return originAllowList();
    },
    policyRefusal: (patch) => policyRefusal(patch, policyNow(), settings.get()),
    settledKeying: (patch) => settledKeying(journal.current(), patch, settings.get()),
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
    onSettingsSaved: () => checkTillId(),
    ...(options.testKey === undefined ? {} : { testKey: options.testKey }),
  });
  const policyState = (): PolicyState => policy?.state() ?? { path: '(no policy source)', status: 'none', policy: null, problem: null, appliedAt: null };
  registerFleetHandlers(registry, {
    policy: policyState,
    bundleName: () => bundleFileName(settings.get().tillId, new Date(now())),
    chooseBundlePath:
      options.chooseBundlePath ??
      ((name) => {
        const dir = path.join(options.dataDir, SUPPORT_DIR);
        fs.mkdirSync(dir, { recursive: true });
        return Promise.resolve(path.join(dir, name));
      }),
    buildBundle: async () =>
      buildSupportBundle({
        app: options.app,
        electronVersion: options.electronVersion ?? null,
        settings: settings.get(),
        policy: policyState(),
        keys: await vault.status().catch(() => null),
        journal: journal.current(),
        journalProblem: journal.stopped(),
        logDir: options.logDir ?? null,
        posLinkActivity: () => journal.current()?.apiCalls({ limit: BUNDLE_API_CALLS, pathPrefix: POS_PREFIX }) ?? [],
        secrets: () => [...vault.secrets(), ...sandbox.secrets()],
        now: () => new Date(now()),
      }),
    log,
  });
  registry.handle('scanSeen', ({ source }) => {
    activity.touched();
    telemetry.scan(source);
    return null;
  });
  const shownCards = createCardSession();
  const cards: typeof shownCards = {
    ...shownCards,
    record(memberId, card) {
      shownCards.record(memberId, card);
      activity.cardShown(memberId);
    },
  };
  posLink = createPosLink({
    dataDir: options.dataDir,
    journal: () => journal.journal(),
    engine: () => engine.get(),
    settings: () => settings.get(),
    cards,
    now,
    onJournalChange: (ids) => tillEvents.journalChanged(ids),
    recordCalls: (calls) => {
      try {
        journal.current()?.recordApiCalls(calls);
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
  // Today's business day, one answer for the status and the POS-link share: the day the running
  // engine keys sales by, even while another program's keying is the journal's; else the journal's.
  const today = (): DayWindow => {
    let keying: DayKeying | null = engine.keying();
    if (keying === null && journal.current() !== null) {
      try {
        keying = journal.use((j) => j.keying());
      } catch {
        // The slot now holds the reason (writes stopped); the settings name the day meanwhile.
      }
    }
    return businessToday(keying, settings.get().businessDayStartsAt, now());
  };
  registerPosLinkChannels(registry, { posLink: link, settings, journal, now, today });
  registerTillHandlers(registry, {
    settings,
    now,
    journal,
    clients,
    cards,
    screenRows: createScreenRows(),
    onlineStatus,
    events: tillEvents,
    engine: () => engine.get(),
    engineRefusal: () => engine.refusal(),
    today,
    managerActor: () => `manager@${settings.get().tillId ?? 'till'}`,
  });

  // --- fleet policy: a rejected file is told to the manager (naming the field) and logged; the last good policy stays ---
  let policyNotice: string | null = null;
  // A stored till id off the policy's pattern: only new ids were checked, so the till would keep awarding under
  // it unnoticed. Told once per (id, pattern); cleared when the id or the pattern makes it match again.
  let tillIdNotice: { id: string; key: string } | null = null;
  const checkTillId = (): void => {
    const pattern = policyNow()?.tillIdPattern;
    const tillId = settings.get().tillId;
    if (pattern === undefined || tillId === null || tillIdMatches(tillId, pattern)) {
      if (tillIdNotice !== null) notices.dismiss(tillIdNotice.id);
      tillIdNotice = null;
      return;
    }
    const key = JSON.stringify([tillId, pattern]);
    if (tillIdNotice?.key === key) return; // already told (or dismissed by the manager)
    if (tillIdNotice !== null) notices.dismiss(tillIdNotice.id);
    tillIdNotice = {
      key,
      id: notices.raise(
        'till-id-off-pattern',
        `The till id "${tillId}" does not match the pattern ${pattern} your organisation requires. Set a till id that matches under Settings → Store and till.`,
        undefined,
        { tillId, pattern },
      ).id,
    };
    log.warn('Stored till id does not match the fleet policy pattern', { tillId, pattern });
  };
  const onPolicy = (state: PolicyState): void => {
    if (policyNotice !== null) notices.dismiss(policyNotice);
    policyNotice = null;
    if (state.status === 'rejected' && state.problem !== null) {
      const keeping = state.policy === null ? 'The till keeps its own settings (no policy in force).' : 'The till keeps the last policy that passed.';
      policyNotice = notices.raise(
        'policy-rejected',
        `The fleet policy file ${state.path} was not applied: ${state.problem.field} ${state.problem.message}. ${keeping} Ask IT to correct the file.`,
        undefined,
        { field: state.problem.field, keeping: state.policy === null ? 'own' : 'last' },
      ).id;
      log.error('Fleet policy rejected', { path: state.path, field: state.problem.field, problem: state.problem.message });
    } else if (state.status === 'applied') {
      log.warn('Fleet policy in force', { path: state.path, locked: lockedFields(state.policy) });
    }
    checkTillId();
    refreshTelemetry(); // a new collector (or none) applies now, not at the next start
  };
  if (policy !== null) {
    onPolicy(policy.state());
    unsubscribers.push(
      policy.subscribe((state) => {
        onPolicy(state);
        // The POS link reads the settings with the policy over them: a lock to off stops the listener now, not at the next tick.
        void link.apply(settings.get().posLink);
      }),
    );
  }

  // --- start ---
  // A settings file pointing somewhere the keys may not go (edited between launches): nothing is sent, and the manager is told why.
  for (const problem of await clients.liveKeyProblems()) notices.raise('keys-not-sent', problem);
  if (settings.get().mode === 'sandbox') {
    const started = await sandbox.start();
    if (started === null) onlineStatus.set(false, sandbox.failure());
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
    if (!onlineStatus.state().online && now() - lastProbe >= OFFLINE_PROBE_MS) void probe();
    refreshTelemetry();
  }, options.tickMs ?? TICK_MS_DEFAULT);
  tick.unref();
  const retention = startRetention({ journal, retentionDays: () => settings.get().journalRetentionDays, log });

  let closing: Promise<void> | null = null;
  return {
    registry: withCallLog(registry, log),
    events,
    journal,
    clients,
    onlineStatus,
    engine,
    sandbox,
    telemetry: () => telemetry,
    updateReadiness() {
      const j = journal.current();
      let stats = null;
      try {
        stats = j?.stats() ?? null;
      } catch {
        // An unreadable journal: writes are already stopped, so nothing is in flight and a restart cannot lose one.
      }
      return {
        writesInFlight: stats === null ? 0 : stats.counts.sending + stats.counts.verifying,
        unfinished: stats?.unfinished ?? 0,
        journalDurable: stats !== null && journal.stopped() === null,
        saleOpen: activity.saleOpen(settings.get().cardFreshnessMinutes) || (options.posSaleOpen?.() ?? false),
        lastActivityAt: activity.lastActivityAt(),
      };
    },
    posLink: link,
    apiBaseUrl: () => clients.baseUrl(),
    close() {
      closing ??= (async () => {
        clearInterval(tick);
        retention.stop();
        for (const u of unsubscribers) u();
        await link.close();
        await engine.close();
        await telemetry.close();
        await sandbox.close();
        journal.close();
      })();
      return closing;
    },
  };
}

/**
 * One info line per call through the door (channel and outcome code only: payloads and answers
 * may hold what the log must never see), for support. Loggers without `info` get nothing.
 */
function withCallLog(registry: HandlerRegistry<InvokeContract>, log: AppLog & { info?: (message: string, fields?: Record<string, unknown>) => void }): HandlerRegistry<InvokeContract> {
  const info = log.info;
  if (info === undefined) return registry;
  return {
    ...registry,
    async dispatch(channelName, rawPayload, sender) {
      const envelope = await registry.dispatch(channelName, rawPayload, sender);
      info.call(log, 'ipc', { channel: String(channelName).slice(0, 64), ok: envelope.ok, ...(envelope.ok ? {} : { code: envelope.error.code }) });
      return envelope;
    },
  };
}
