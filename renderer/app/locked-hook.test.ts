import { describe, expect, it } from 'vitest';
import { call } from './call.ts';
import { createLockedHook } from './locked-hook.ts';
import { createFakeBridge, fail, ok } from '../testing/fake-bridge.ts';

describe('locked hook', () => {
  it("tells its own listeners of a LOCKED answer through its bridge, before the caller resumes, and no other hook's", async () => {
    const a = createLockedHook();
    const b = createLockedHook();
    const fakeA = createFakeBridge();
    const bridgeA = a.watch(fakeA.bridge);
    const told: string[] = [];
    const offA = a.onLocked(() => told.push('a'));
    b.onLocked(() => told.push('b'));
    fakeA.handle('journalList', () => fail('OFFLINE', 'Offline.'));
    await call(() => bridgeA.journalList({ filter: {}, limit: 10 }));
    fakeA.handle('journalList', () => ok({ rows: [], next: null, total: 0 }));
    await call(() => bridgeA.journalList({ filter: {}, limit: 10 }));
    expect(told).toEqual([]);
    fakeA.handle('journalList', () => fail('LOCKED', 'Unlock first.'));
    const result = await call(() => bridgeA.journalList({ filter: {}, limit: 10 }));
    expect(result).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(told).toEqual(['a']);
    // The caller's await resumes after the listener ran: the session is locked by then.
    const order: string[] = [];
    a.onLocked(() => order.push('listener'));
    await bridgeA.journalList({ filter: {}, limit: 10 });
    order.push('caller');
    expect(order).toEqual(['listener', 'caller']);
    offA();
    await call(() => bridgeA.journalList({ filter: {}, limit: 10 }));
    expect(told).toEqual(['a', 'a']);
  });

  it('passes events and a broken bridge through as they are', async () => {
    const hook = createLockedHook();
    let told = 0;
    hook.onLocked(() => told++);
    const fake = createFakeBridge();
    const bridge = hook.watch(fake.bridge);
    const heard: unknown[] = [];
    const off = bridge.on('queueSize', (p) => heard.push(p));
    fake.emit('queueSize', { pending: 3, unknown: 0, oldestPendingAt: null });
    off();
    expect(heard).toHaveLength(1);
    fake.handle('journalList', () => Promise.reject(new Error('bridge went away')));
    expect(await call(() => bridge.journalList({ filter: {}, limit: 10 }))).toMatchObject({ ok: false, error: { code: 'BRIDGE' } });
    expect(told).toBe(0);
  });
});
