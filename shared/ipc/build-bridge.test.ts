import { describe, expect, it } from 'vitest';
import { buildBridge } from './build-bridge.ts';
import type { BridgeTransport } from './build-bridge.ts';
import { eventContract, invokeContract } from './contract.ts';

/** A transport that records what the bridge asks of it and lets the test deliver events. */
function recordingTransport() {
  const invoked: { channel: string; request: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: BridgeTransport = {
    invoke: (channel, request) => {
      invoked.push({ channel, request });
      return Promise.resolve({ ok: true, value: channel });
    },
    subscribe: (channel, deliver) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(deliver);
      listeners.set(channel, set);
      return () => set.delete(deliver);
    },
  };
  const emit = (channel: string, payload: unknown): void => {
    for (const deliver of listeners.get(channel) ?? []) deliver(payload);
  };
  return { transport, invoked, emit, listeners };
}

describe('buildBridge', () => {
  it('has one method per invoke channel and `on`, each method bound to its own wire name', async () => {
    const t = recordingTransport();
    const bridge = buildBridge(t.transport);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(invokeContract), 'on'].sort());
    for (const [key, channel] of Object.entries(invokeContract)) {
      t.invoked.length = 0;
      const answer = await (bridge[key as keyof typeof invokeContract] as (r?: unknown) => Promise<unknown>)({ probe: key });
      expect(t.invoked).toEqual([{ channel: channel.name, request: { probe: key } }]);
      expect(answer).toEqual({ ok: true, value: channel.name });
    }
  });

  it('subscribes on the event wire name, passes only the payload, and unsubscribes', () => {
    const t = recordingTransport();
    const bridge = buildBridge(t.transport);
    const seen: unknown[] = [];
    const off = bridge.on('lockState', (payload) => seen.push(payload));
    t.emit(eventContract.lockState.name, { unlocked: true });
    off();
    t.emit(eventContract.lockState.name, { unlocked: false });
    expect(seen).toEqual([{ unlocked: true }]);
    expect(t.listeners.get(eventContract.lockState.name)?.size).toBe(0);
  });

  it('refuses unknown events, invoke channel names, prototype keys and non-function listeners', () => {
    const t = recordingTransport();
    const on = buildBridge(t.transport).on as (e: unknown, cb: unknown) => () => void;
    for (const name of ['settings:get', eventContract.lockState.name, '__proto__', 'constructor', 'toString', 42]) {
      expect(() => on(name, () => undefined)).toThrow(/Unknown till event/);
    }
    expect(() => on('lockState', 'not a function')).toThrow(/must be a function/);
    expect(t.listeners.size).toBe(0);
  });
});
