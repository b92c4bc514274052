/**
 * The preload: the only code with both a foot in the page and a line to main. It exposes one
 * object, `window.till`, built from the contract — one method per invoke channel, each bound to
 * exactly that channel, and `on(event, cb)` for the allow-listed events. `ipcRenderer` itself,
 * the IpcRendererEvent and any generic "send to channel X" never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { eventContract, invokeContract } from '../shared/ipc/contract.ts';
import { BRIDGE_KEY } from '../shared/ipc/bridge-types.ts';
import type { BridgeMethod, TillBridge, Unsubscribe } from '../shared/ipc/bridge-types.ts';
import type { InvokeTable } from '../shared/ipc/define-channel.ts';

function invokers<T extends InvokeTable>(table: T): { readonly [K in keyof T]: BridgeMethod<T[K]> } {
  const out: Record<string, (request?: unknown) => Promise<unknown>> = {};
  for (const [key, channel] of Object.entries(table)) {
    const name = channel.name; // bound now: the page cannot redirect a method to another channel
    out[key] = (request?: unknown) => ipcRenderer.invoke(name, request);
  }
  return out as { readonly [K in keyof T]: BridgeMethod<T[K]> };
}

const eventChannels = new Map<string, string>(Object.entries(eventContract).map(([key, channel]) => [key, channel.name]));

const on: TillBridge['on'] = (event, listener): Unsubscribe => {
  const channel = typeof event === 'string' ? eventChannels.get(event) : undefined;
  if (channel === undefined) throw new TypeError('Unknown till event.');
  if (typeof listener !== 'function') throw new TypeError('A till event listener must be a function.');
  // Only the payload crosses: the IpcRendererEvent would hand the page `sender` (ipcRenderer).
  const forward = (_event: IpcRendererEvent, payload: unknown) => (listener as (p: unknown) => void)(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
};

export const bridge = { ...invokers(invokeContract), on } satisfies TillBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
