/**
 * Updates from the fleet's static feed: the core's update client (core/update/update-client.ts)
 * over Electron's own autoUpdater. Restarting into an update is the core's gate, never a prompt.
 */
import { app, autoUpdater } from 'electron';
import { startUpdateClient } from '../core/update/update-client.ts';
import type { UpdateLog } from '../core/update/update-applier.ts';
import { updateConfigSchema, updateFeedUrl } from '../core/update/update-feed.ts';
import type { UpdateConfigInput } from '../core/update/update-feed.ts';
import type { UpdateReadiness } from '../core/update/update-gate.ts';

export interface UpdateClientOptions {
  readonly config: UpdateConfigInput;
  readonly readiness: () => UpdateReadiness;
  readonly log: UpdateLog;
}

/** Starts (or restarts, replacing the one before) the update client. */
export function startUpdates(options: UpdateClientOptions): { stop(): void } {
  const config = updateConfigSchema.parse(options.config);
  return startUpdateClient({
    updater: autoUpdater,
    feedUrl: updateFeedUrl(config.feedUrl, config.channel, process.platform, process.arch),
    platform: process.platform,
    userAgent: `${app.getName()}/${app.getVersion()} (${process.platform}: ${process.arch})`,
    readiness: options.readiness,
    log: options.log,
  });
}
