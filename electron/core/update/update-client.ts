/**
 * The update client over Electron's autoUpdater (Squirrel on Windows and macOS; Linux packages are
 * updated by the OS's package manager, so nothing runs there), reading the fleet's static feed.
 * Downloading is Squirrel's; restarting into the update is the core's gate (update-applier), never
 * a prompt: a till must not restart during a sale.
 *
 * The autoUpdater is one emitter for the whole process and a policy change restarts the client,
 * so the client owns every listener it adds and removes them all on stop, and a new start on the
 * same updater stops the one before: restarting never stacks listeners, and an update downloaded
 * after a restart reaches only the current client (not an old one with an old feed or gate).
 */
import { createUpdateApplier } from './update-applier.ts';
import type { UpdateLog } from './update-applier.ts';
import type { UpdateReadiness } from './update-gate.ts';

type Listener = (...args: unknown[]) => void;

/** What the client uses of Electron's autoUpdater. */
export interface AutoUpdaterLike {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  setFeedURL(options: { url: string; headers?: Record<string, string>; serverType?: 'json' | 'default' }): void;
  checkForUpdates(): void;
  quitAndInstall(): void;
}

export interface UpdateClientOptions {
  readonly updater: AutoUpdaterLike;
  /** The channel's feed folder (update-feed.ts `updateFeedUrl`). */
  readonly feedUrl: string;
  readonly platform: string;
  readonly userAgent: string;
  readonly readiness: () => UpdateReadiness;
  readonly log: UpdateLog;
  readonly now?: () => number;
  /** How often the feed is asked. */
  readonly checkEveryMs?: number;
  /** How often a downloaded update asks the gate. */
  readonly gatePollMs?: number;
}

export interface UpdateClient {
  stop(): void;
}

/** Where Squirrel can update from. */
export const UPDATE_PLATFORMS: readonly string[] = ['darwin', 'win32'];
const CHECK_EVERY_MS = 60 * 60_000;
const GATE_POLL_MS = 30_000;

const running = new WeakMap<AutoUpdaterLike, UpdateClient>();

export function startUpdateClient(options: UpdateClientOptions): UpdateClient {
  const { updater } = options;
  running.get(updater)?.stop();
  if (!UPDATE_PLATFORMS.includes(options.platform)) return { stop: () => undefined };

  // Squirrel.Mac reads a JSON manifest; Squirrel.Windows reads the folder's RELEASES.
  const mac = options.platform === 'darwin';
  const feed = mac ? `${options.feedUrl}/RELEASES.json` : options.feedUrl;
  const applier = createUpdateApplier({ readiness: options.readiness, apply: () => updater.quitAndInstall(), now: options.now ?? Date.now, log: options.log });

  let gateTimer: NodeJS.Timeout | null = null;
  const listeners: [string, Listener][] = [
    ['error', (e: unknown) => applier.feedFailed(options.feedUrl, e)],
    ['update-available', () => applier.feedAnswered()],
    ['update-not-available', () => applier.feedAnswered()],
    [
      'update-downloaded',
      (_event: unknown, _notes: unknown, releaseName: unknown) => {
        applier.downloaded(typeof releaseName === 'string' && releaseName !== '' ? releaseName : 'downloaded');
        if (applier.tick()) return;
        gateTimer ??= setInterval(() => {
          if (applier.tick() && gateTimer !== null) clearInterval(gateTimer);
        }, options.gatePollMs ?? GATE_POLL_MS);
        gateTimer.unref();
      },
    ],
  ];
  for (const [event, fn] of listeners) updater.on(event, fn);

  const check = (): void => {
    try {
      updater.checkForUpdates();
    } catch (e) {
      applier.feedFailed(options.feedUrl, e); // Squirrel throws for some feed problems instead of emitting 'error'
    }
  };
  let checkTimer: NodeJS.Timeout | null = null;
  try {
    updater.setFeedURL({ url: feed, headers: { 'User-Agent': options.userAgent }, serverType: mac ? 'json' : 'default' });
    check();
    checkTimer = setInterval(check, options.checkEveryMs ?? CHECK_EVERY_MS);
    checkTimer.unref();
  } catch (e) {
    applier.feedFailed(options.feedUrl, e);
  }

  let stopped = false;
  const client: UpdateClient = {
    stop() {
      if (stopped) return;
      stopped = true;
      for (const [event, fn] of listeners) updater.removeListener(event, fn);
      if (checkTimer !== null) clearInterval(checkTimer);
      if (gateTimer !== null) clearInterval(gateTimer);
      if (running.get(updater) === client) running.delete(updater);
    },
  };
  running.set(updater, client);
  return client;
}
