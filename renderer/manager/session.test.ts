import { describe, expect, it, vi } from 'vitest';
import type { TillBridge } from '../../shared/ipc/bridge-types.ts';
import { errorText, safeCall } from './session.ts';

const till = {} as TillBridge;

describe('safeCall', () => {
  it('passes a value through', async () => {
    const onLocked = vi.fn();
    expect(await safeCall(till, () => Promise.resolve({ ok: true, value: 7 }), onLocked)).toEqual({ ok: true, value: 7 });
    expect(onLocked).not.toHaveBeenCalled();
  });

  it('turns a rejected bridge call into an INTERNAL error without its message or stack', async () => {
    const env = await safeCall(till, () => Promise.reject(new Error('at Object.<anonymous> (/secret/path.js:1:1)')), vi.fn());
    expect(env.ok).toBe(false);
    if (!env.ok) {
      expect(env.error.code).toBe('INTERNAL');
      expect(env.error.message).not.toContain('secret');
    }
  });

  it('sends the console back to the PIN dialog on LOCKED', async () => {
    const onLocked = vi.fn();
    await safeCall(till, () => Promise.resolve({ ok: false, error: { code: 'LOCKED', message: 'locked' } }), onLocked);
    expect(onLocked).toHaveBeenCalledOnce();
  });
});

describe('errorText', () => {
  it('shows the envelope message', () => {
    expect(errorText({ code: 'UNSAFE_RESEND', message: 'Verify first.' })).toBe('Verify first.');
  });
  it('adds the first issue of an invalid payload', () => {
    expect(errorText({ code: 'INVALID_PAYLOAD', message: 'Invalid request', issues: [{ path: ['note'], message: 'too short' }] })).toBe(
      'Invalid request (note: too short)',
    );
  });
});
