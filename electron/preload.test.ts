import { beforeAll, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./shell/testing/electron-stub.ts'));
import { exposed, ipcRenderer } from './shell/testing/electron-stub.ts';
import { eventContract, invokeContract } from '../shared/ipc/contract.ts';
import type { TillBridge } from '../shared/ipc/bridge-types.ts';

let bridge: TillBridge;
beforeAll(async () => {
  await import('./preload.ts');
  bridge = exposed.get('till') as TillBridge;
});

describe('preload bridge', () => {
  it('exposes exactly one object, `till`, with one method per channel and `on`', () => {
    expect([...exposed.keys()]).toEqual(['till']);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(invokeContract), 'on'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    for (const leak of ['ipcRenderer', 'invoke', 'send', 'sendSync', 'postMessage', 'removeAllListeners']) expect(bridge).not.toHaveProperty(leak);
  });

  it('maps every method to exactly its own channel, passing the request through', async () => {
    for (const [key, channel] of Object.entries(invokeContract)) {
      ipcRenderer.invocations.length = 0;
      const request = { probe: key };
      await (bridge[key as keyof typeof invokeContract] as (r?: unknown) => Promise<unknown>)(request);
      expect(ipcRenderer.invocations).toEqual([{ channel: channel.name, args: [request] }]);
    }
  });

  it('subscribes only to allow-listed events, strips the IpcRendererEvent, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = bridge.on('lockState', (payload) => seen.push(payload));
    const event = { sender: ipcRenderer, senderId: 0 };
    ipcRenderer.emit(eventContract.lockState.name, event, { unlocked: true });
    expect(seen).toEqual([{ unlocked: true }]);
    off();
    ipcRenderer.emit(eventContract.lockState.name, event, { unlocked: false });
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount(eventContract.lockState.name)).toBe(0);
  });

  it('refuses unknown events, invoke channel names and prototype keys', () => {
    const on = bridge.on as (e: string, cb: (p: unknown) => void) => () => void;
    for (const name of ['settings:get', 'event:lock-state', 'electron-store-get-data', '__proto__', 'constructor', 'toString']) {
      expect(() => on(name, () => undefined)).toThrow(/Unknown till event/);
    }
    expect(() => (bridge.on as (e: string, cb: unknown) => unknown)('lockState', 'not a function')).toThrow();
    expect(ipcRenderer.eventNames()).toEqual([]);
  });
});
