/**
 * The preload: the only code with both a foot in the page and a line to main. It exposes one
 * object, `window.till`, built from the contract (shared/ipc/build-bridge.ts) over ipcRenderer.
 * `ipcRenderer` itself, the IpcRendererEvent and any generic "send to channel X" never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { buildBridge } from '../shared/ipc/build-bridge.ts';
import { BRIDGE_KEY } from '../shared/ipc/bridge-types.ts';

export const bridge = buildBridge({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (channel, deliver) => {
    // Only the payload crosses: the IpcRendererEvent would hand the page `sender` (ipcRenderer).
    const forward = (_event: IpcRendererEvent, payload: unknown): void => deliver(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
});

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
