/**
 * Between "an update is downloaded" and "restart into it": ask the gate on every tick and apply
 * at the first moment it opens, saying why it waits only when the reason changes. Also turns the
 * update client's feed errors into one line while the feed is down and one when it is back: the
 * till keeps running the version it has, nothing is lost.
 */
import { decideUpdate } from './update-gate.ts';
import type { UpdateReadiness } from './update-gate.ts';

export interface UpdateLog {
  warn(message: string): void;
}

export interface UpdateApplierOptions {
  readonly readiness: () => UpdateReadiness;
  /** Restart into the update (Electron: autoUpdater.quitAndInstall, after the core closes). */
  readonly apply: () => void;
  readonly now: () => number;
  readonly log: UpdateLog;
  readonly idleMs?: number;
}

export interface UpdateApplier {
  /** The client finished downloading an update. */
  downloaded(version: string): void;
  /** Called on a timer; true once the update was applied. */
  tick(): boolean;
  /** The feed could not be read (network, 404, bad manifest). */
  feedFailed(feed: string, error: unknown): void;
  /** The feed answered (with or without an update). */
  feedAnswered(): void;
  pending(): string | null;
}

export function createUpdateApplier(options: UpdateApplierOptions): UpdateApplier {
  let pending: string | null = null;
  let applied = false;
  let lastReason: string | null = null;
  let feedDown = false;
  return {
    downloaded(version) {
      pending = version;
    },
    tick() {
      if (pending === null || applied) return applied;
      const decision = decideUpdate(options.readiness(), options.now(), options.idleMs);
      if (!decision.apply) {
        if (decision.reason !== lastReason) options.log.warn(`Update ${pending} is ready; it waits because ${decision.reason}.`);
        lastReason = decision.reason;
        return false;
      }
      applied = true;
      options.log.warn(`Applying update ${pending}: the till is idle, no sale is open and every write is safe in the journal.`);
      options.apply();
      return true;
    },
    feedFailed(feed, error) {
      if (feedDown) return;
      feedDown = true;
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      options.log.warn(`Updates: the feed at ${feed} cannot be read (${reason}); this version keeps running and the feed is asked again later.`);
    },
    feedAnswered() {
      if (!feedDown) return;
      feedDown = false;
      options.log.warn('Updates: the feed answers again.');
    },
    pending: () => pending,
  };
}
