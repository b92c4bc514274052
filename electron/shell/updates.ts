/**
 * Updates from the fleet's static feed (update-electron-app over Electron's autoUpdater: Squirrel
 * on Windows and macOS; Linux packages are updated by the OS's package manager, so nothing runs
 * there). Downloading is left to the client; restarting into the update is left to the core's
 * gate (core/update), never the client's own prompt: a till must not restart during a sale.
 */
import { autoUpdater } from 'electron';
import { updateElectronApp, UpdateSourceType } from 'update-electron-app';
import { createUpdateApplier } from '../core/update/update-applier.ts';
import type { UpdateLog } from '../core/update/update-applier.ts';
import { updateConfigSchema, updateFeedUrl } from '../core/update/update-feed.ts';
import type { UpdateConfigInput } from '../core/update/update-feed.ts';
import type { UpdateReadiness } from '../core/update/update-gate.ts';

export interface UpdateClientOptions {
  readonly config: UpdateConfigInput;
  readonly readiness: () => UpdateReadiness;
  readonly log: UpdateLog;
}

/** How often a downloaded update asks the gate. */
const GATE_POLL_MS = 30_000;

export function startUpdates(options: UpdateClientOptions): { stop(): void } {
  const config = updateConfigSchema.parse(options.config);
  const baseUrl = updateFeedUrl(config.feedUrl, config.channel, process.platform, process.arch);
  const applier = createUpdateApplier({ readiness: options.readiness, apply: () => autoUpdater.quitAndInstall(), now: Date.now, log: options.log });
  autoUpdater.on('error', (e) => applier.feedFailed(baseUrl, e));
  autoUpdater.on('update-available', () => applier.feedAnswered());
  autoUpdater.on('update-not-available', () => applier.feedAnswered());
  let timer: NodeJS.Timeout | null = null;
  const client = updateElectronApp({
    updateSource: { type: UpdateSourceType.StaticStorage, baseUrl },
    updateInterval: '1 hour',
    // onNotifyUser replaces the client's restart prompt (and only runs with notifyUser on).
    notifyUser: true,
    onNotifyUser: (info) => {
      applier.downloaded(info.releaseName);
      if (applier.tick()) return;
      timer ??= setInterval(() => {
        if (applier.tick() && timer !== null) clearInterval(timer);
      }, GATE_POLL_MS);
    },
    // Feed errors arrive once through autoUpdater's 'error' above; the client's chatter stays out of the till's log.
    logger: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  return {
    stop() {
      client.stopUpdates();
      if (timer !== null) clearInterval(timer);
    },
  };
}
