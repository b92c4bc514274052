import { describe, expect, it, vi } from 'vitest';
import { eventContract } from '../../../shared/ipc/contract.ts';
import { createEventPublisher } from './event-publisher.ts';

const KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';

describe('event publisher', () => {
  it('sends contract events with valid payloads on their wire name', () => {
    const transport = vi.fn();
    const pub = createEventPublisher(eventContract, { transport, secrets: () => [KEY], log: { warn() {}, error() {} } });
    expect(pub.publish('queueSize', { pending: 3, unknown: 1, oldestPendingAt: null })).toBe(true);
    expect(transport).toHaveBeenCalledWith('event:queue-size', { pending: 3, unknown: 1, oldestPendingAt: null });
  });

  it('drops an invalid payload, an unknown event and anything carrying key material', () => {
    const transport = vi.fn();
    const log = { warn: vi.fn(), error: vi.fn() };
    const pub = createEventPublisher(eventContract, { transport, secrets: () => [KEY], log });
    expect(pub.publish('queueSize', { pending: -1, unknown: 0, oldestPendingAt: null })).toBe(false);
    expect(pub.publish('nope' as 'queueSize', { pending: 1, unknown: 0, oldestPendingAt: null })).toBe(false);
    expect(pub.publish('connectivity', { online: false, since: '2026-11-25T10:00:00.000Z', detail: `401 for ${KEY}` })).toBe(false);
    expect(transport).not.toHaveBeenCalled();
    expect(log.error).toHaveBeenCalledTimes(3);
  });
});
