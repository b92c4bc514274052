/**
 * The renderer's one way to main: `window.till`, exposed by the preload (or by the web host's
 * stand-in in dev/test). If it is missing — the page was opened outside the app — main.tsx shows
 * a clear full-screen message instead of crashing on the first call.
 */
import type { TillBridge } from '../shared/ipc/bridge-types.ts';

/** Methods the cashier screen cannot work without; checked so a half-built stand-in fails clearly. */
const REQUIRED = ['on', 'statusGet', 'settingsGet', 'memberCard', 'awardPreview', 'awardSubmit', 'couponRedeem', 'couponVerdict', 'saleLookup', 'saleReturn', 'journalDetail'] as const;

export type BridgeLookup = { ok: true; bridge: TillBridge } | { ok: false; missing: string[] };

export function findBridge(win?: { till?: unknown }): BridgeLookup {
  const candidate: unknown = (win ?? (globalThis as { till?: unknown })).till;
  if (candidate === null || typeof candidate !== 'object') return { ok: false, missing: ['window.till'] };
  const record = candidate as Record<string, unknown>;
  const missing = REQUIRED.filter((name) => typeof record[name] !== 'function');
  if (missing.length > 0) return { ok: false, missing: [...missing] };
  return { ok: true, bridge: candidate as unknown as TillBridge };
}
