/**
 * The status strip's queue numbers from the journal's stats: "pending" will go out by itself
 * (waiting or being sent); "unknown" may or may not have reached SocialHub and is being checked,
 * or needs a manager.
 */
import type { JournalStats } from '../../../shared/journal/row.ts';

export function queueSizeOf(stats: JournalStats): { pending: number; unknown: number; oldestPendingAt: number | null } {
  const c = stats.counts;
  return {
    pending: c.queued + c.sending,
    unknown: c.unknown + c.verifying + c['needs-attention'],
    oldestPendingAt: stats.oldestUnfinishedAt,
  };
}
