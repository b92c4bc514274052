/**
 * The manager console's one way to main: the preload bridge, found through the app's own
 * accessor (renderer/bridge.ts). Every screen then goes through the session's `call()`
 * (envelope handling, LOCKED → PIN dialog).
 */
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import { findBridge } from '../bridge.ts';

export function getTill(): TillBridge {
  const found = findBridge();
  // The frame refuses to start without a bridge, so the fallback is only reached in odd test set-ups.
  return found.ok ? found.bridge : window.till;
}
