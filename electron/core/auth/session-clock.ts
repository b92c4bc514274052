/**
 * Two clocks for the manager PIN: a monotonic one that measures lockouts and auto-lock (a change
 * of the wall clock, by hand or by NTP, can neither shorten nor reset them), and the wall clock,
 * used only to show the manager *when* something ends.
 */
import { performance } from 'node:perf_hooks';

export interface SessionClock {
  /** Milliseconds since an arbitrary start; never goes back. */
  monotonic(): number;
  /** Milliseconds since the epoch, for display only. */
  wall(): number;
}

export const systemSessionClock: SessionClock = Object.freeze({
  monotonic: () => performance.now(),
  wall: () => Date.now(),
});
