import { describe, expect, it } from 'vitest';
import type { LockState } from '../../../shared/ipc/contract.ts';
import { countdown, lockoutText, newPinProblem, pinProblem, verifyView } from './pin-model.ts';

const anyText = expect.any(String) as unknown as string;
const textMatching = (re: RegExp) => expect.stringMatching(re) as unknown as string;

const state: LockState = { configured: true, unlocked: false, unlockExpiresAt: null, lockedOutUntil: null, failedAttempts: 0, autoLockMinutes: 5 };

describe('verifyView', () => {
  it('reads each result', () => {
    expect(verifyView({ result: 'unlocked', state })).toEqual({ kind: 'unlocked' });
    expect(verifyView({ result: 'wrong', attemptsLeft: 3, state })).toEqual({ kind: 'wrong', text: textMatching(/3 attempts left/) });
    expect(verifyView({ result: 'wrong', attemptsLeft: 1, state })).toEqual({ kind: 'wrong', text: textMatching(/One attempt left/) });
    expect(verifyView({ result: 'locked-out', retryAt: '2026-03-12T10:00:00.000Z', state })).toEqual({ kind: 'locked-out', until: Date.parse('2026-03-12T10:00:00.000Z') });
  });
});

describe('lockout', () => {
  it('counts down in minutes and seconds', () => {
    expect(countdown(299_001)).toBe('5:00');
    expect(countdown(9_000)).toBe('0:09');
    expect(countdown(-5)).toBe('0:00');
    expect(countdown(3_661_000)).toBe('1:01:01');
    expect(lockoutText(60_000)).toMatch(/^Too many wrong PINs\. Try again at .+\.$/);
  });
});

describe('PIN checks', () => {
  it('wants 4 to 12 digits', () => {
    expect(pinProblem('')).toBe('Enter the PIN.');
    expect(pinProblem('123')).toMatch(/4 to 12/);
    expect(pinProblem('4821')).toBeNull();
  });
  it('refuses easy first PINs and mismatches', () => {
    expect(newPinProblem('1111', '1111')).toMatchObject({ pin: anyText });
    expect(newPinProblem('1234', '1234')).toMatchObject({ pin: anyText });
    expect(newPinProblem('4821', '4822')).toEqual({ repeat: 'The two PINs differ.' });
    expect(newPinProblem('4821', '4821')).toBeNull();
  });
});
