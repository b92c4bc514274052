/**
 * Builds `window.till` from the contract over a transport: one method per invoke channel, each
 * bound to exactly that channel when built (the page cannot redirect a method), and
 * `on(event, cb)` over the event allow-list only. The preload (ipcRenderer) and the web host's
 * browser stand-in (HTTP + Server-Sent Events) differ only in the transport they pass.
 */
import { eventContract, invokeContract } from './contract.ts';
import type { BridgeMethod, TillBridge, Unsubscribe } from './bridge-types.ts';
import type { InvokeTable } from './define-channel.ts';

export interface BridgeTransport {
  /** Send one request on a channel's wire name; resolves to the envelope main answered. */
  invoke(channel: string, request: unknown): Promise<unknown>;
  /** Deliver each payload of a channel (the payload only, nothing of the transport's own event). */
  subscribe(channel: string, deliver: (payload: unknown) => void): Unsubscribe;
}

function invokers<T extends InvokeTable>(table: T, transport: BridgeTransport): { readonly [K in keyof T]: BridgeMethod<T[K]> } {
  const out: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const [key, channel] of Object.entries(table)) {
    const name = channel.name; // bound now: the page cannot redirect a method to another channel
    out[key] = (request?: unknown) => transport.invoke(name, request);
  }
  return out as { readonly [K in keyof T]: BridgeMethod<T[K]> };
}

export function buildBridge(transport: BridgeTransport): TillBridge {
  // A Map, not an object lookup: `__proto__`, `constructor` and friends are not events.
  const eventChannels = new Map<string, string>(Object.entries(eventContract).map(([key, channel]) => [key, channel.name]));
  const on: TillBridge['on'] = (event, listener): Unsubscribe => {
    const channel = typeof event === 'string' ? eventChannels.get(event) : undefined;
    if (channel === undefined) throw new TypeError('Unknown till event.');
    if (typeof listener !== 'function') throw new TypeError('A till event listener must be a function.');
    return transport.subscribe(channel, (payload) => (listener as (p: unknown) => void)(payload));
  };
  return { ...invokers(invokeContract, transport), on } satisfies TillBridge;
}
