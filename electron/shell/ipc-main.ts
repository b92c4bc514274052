/**
 * Connects ipcMain to the Electron-free handler registry, and main → renderer events to our
 * window. ipcMain sees only the contract's channel names; everything else (sender check, payload
 * and response validation, the key scrub) happens in the registry.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { InvokeTable } from '../../shared/ipc/define-channel.ts';
import { err } from '../../shared/ipc/envelope.ts';
import { IPC_PAYLOAD_LIMIT_BYTES, payloadTooLarge } from '../../shared/ipc/payload-limit.ts';
import type { HandlerRegistry } from '../core/ipc/handler-registry.ts';
import type { SenderInfo } from '../core/ipc/sender-policy.ts';
import type { EventTransport } from '../core/ipc/event-publisher.ts';
import { isAppUrl } from '../core/shell-policy/app-origin.ts';
import type { AppOrigin } from '../core/shell-policy/app-origin.ts';

export function senderInfoFrom(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>): SenderInfo {
  const frame = event.senderFrame; // null once the frame navigated away or died
  return { frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null, webContentsId: event.sender.id };
}

/** Registers one `ipcMain.handle` per contract channel; returns a function that removes them all. */
export function wireIpcMain<T extends InvokeTable>(ipc: IpcMain, registry: HandlerRegistry<T>): () => void {
  const names = registry.channelNames();
  for (const name of names) {
    ipc.removeHandler(name); // idempotent across a reload of main in development
    ipc.handle(name, (event, payload: unknown, ...extra: unknown[]) => {
      // The preload sends exactly one argument; anything else did not come through our bridge.
      if (extra.length > 0) return err('INVALID_PAYLOAD', 'The request was not valid.');
      // The same cap as the web host's body limit: a huge payload is not from our page, and is refused before any parsing.
      if (payloadTooLarge(payload)) return err('INVALID_PAYLOAD', `The request is larger than ${IPC_PAYLOAD_LIMIT_BYTES / 1024} KB.`);
      return registry.dispatch(name, payload, senderInfoFrom(event));
    });
  }
  return () => {
    for (const name of names) ipc.removeHandler(name);
  };
}

/** Sends an event to each target that is alive and still showing our own page. */
export function rendererEventTransport(targets: () => readonly WebContents[], origins: readonly AppOrigin[]): EventTransport {
  return (channelName, payload) => {
    for (const contents of targets()) {
      if (contents.isDestroyed()) continue;
      if (!isAppUrl(contents.getURL(), origins)) continue;
      contents.send(channelName, payload);
    }
  };
}
