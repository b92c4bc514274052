/**
 * Every channel of the real contract refuses malformed payloads with a typed error, and the
 * implementation never sees them. Generic garbage is tried on every channel (so a new channel is
 * covered the day it is added), plus the channel-specific near-misses below.
 */
import { describe, expect, it, vi } from 'vitest';
import { invokeContract } from '../../../shared/ipc/contract.ts';
import type { InvokeKey } from '../../../shared/ipc/contract.ts';
import { createHandlerRegistry } from './handler-registry.ts';
import type { HandlerRegistry } from './handler-registry.ts';

const KEY = 'fl_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const ours = { frameUrl: 'app://till/', isMainFrame: true };

const generic: unknown[] = [null, 0, 'x', true, [], [KEY], { unexpected: 1 }, JSON.parse('{"__proto__": {"polluted": true}}')];

const specific: Partial<Record<InvokeKey, unknown[]>> = {
  settingsGet: [{}],
  settingsUpdate: [{ baseUrl: 'ftp://evil.example/api' }, { baseUrl: 'https://user:pw@evil.example/' }, { kiosk: 'yes' }, { tillId: '../../etc' }, { journalRetentionDays: 1e9 }, { scanner: { customPattern: '(?<member>(a+)+)' } }, { mode: 'prod' }],
  keysStatus: [{ kind: 'write' }],
  keysSet: [
    { kind: 'write' },
    { kind: 'admin', key: KEY },
    { kind: 'write', key: 'fl_test_short' },
    { kind: 'write', key: `${KEY}\r\nX-Injected: 1` },
    { kind: 'write', key: 'sk_test_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K' },
    { kind: 'write', key: KEY, extra: 1 },
    { kind: 'write', key: 12345 },
  ],
  keysTest: [{}, { kind: 'WRITE' }],
  keysClear: [{ kind: 'both' }],
  keysAllowPlainText: [{}, { acknowledge: 'true' }, { acknowledge: false }],
  pinSet: [{}, { newPin: '12' }, { newPin: '12ab' }, { newPin: 1234 }, { newPin: '1234', currentPin: 'x' }],
  pinVerify: [{}, { pin: '' }, { pin: '1'.repeat(13) }, { pin: 2580 }],
  pinLock: [{ now: true }],
  appInfo: [{ verbose: true }],
  appDismissNotice: [{}, { id: '' }, { id: 'x'.repeat(65) }],
  scanSeen: [{}, { source: 'laser' }, { source: 'wedge', payload: 'MEMBER-1' }],
};

function spyRegistry(): { registry: HandlerRegistry<typeof invokeContract>; spies: Map<string, ReturnType<typeof vi.fn>> } {
  const registry = createHandlerRegistry(invokeContract, { senderPolicy: () => true, secrets: () => [], authorise: () => true, log: { warn() {}, error() {} } });
  const spies = new Map<string, ReturnType<typeof vi.fn>>();
  for (const key of Object.keys(invokeContract) as InvokeKey[]) {
    const spy = vi.fn(() => {
      throw new Error('the implementation must not run for an invalid payload');
    });
    spies.set(key, spy);
    registry.handle(key, spy);
  }
  return { registry, spies };
}

describe.each(Object.keys(invokeContract) as InvokeKey[])('channel %s', (key) => {
  const cases = [...generic, ...(specific[key] ?? [])].filter((p) => !(key === 'settingsUpdate' && JSON.stringify(p) === '{}'));
  it.each(cases.map((p) => [JSON.stringify(p), p] as const))('rejects %s', async (_label, payload) => {
    const { registry, spies } = spyRegistry();
    const envelope = await registry.call(key, payload, ours);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(spies.get(key)).not.toHaveBeenCalled();
    expect(JSON.stringify(envelope)).not.toContain(KEY);
  });
});
