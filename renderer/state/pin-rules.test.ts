import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { lockStateFixture } from '../testing/fake-bridge.ts';
import { newPinProblem, pinProblem, setupCodeProblem, verifyView } from './pin-rules.ts';

const anyText = expect.any(String) as unknown as string;
const textMatching = (re: RegExp) => expect.stringMatching(re) as unknown as string;

const state = lockStateFixture();

describe('verifyView', () => {
  it('reads each result', () => {
    expect(verifyView({ result: 'unlocked', state })).toEqual({ kind: 'unlocked' });
    expect(verifyView({ result: 'wrong', attemptsLeft: 3, state })).toEqual({ kind: 'wrong', text: textMatching(/3 attempts left/) });
    expect(verifyView({ result: 'wrong', attemptsLeft: 1, state })).toEqual({ kind: 'wrong', text: textMatching(/One attempt left/) });
    expect(verifyView({ result: 'locked-out', retryAt: '2026-03-12T10:00:00.000Z', state })).toEqual({ kind: 'locked-out', until: Date.parse('2026-03-12T10:00:00.000Z') });
  });
});

describe('PIN checks', () => {
  it('wants 6 to 12 digits', () => {
    expect(pinProblem('')).toBe('Enter the PIN.');
    expect(pinProblem('48213')).toBe('A PIN is 6 to 12 digits.');
    expect(pinProblem('482135')).toBeNull();
  });
  it('refuses easy first PINs and mismatches', () => {
    expect(newPinProblem('111111', '111111')).toMatchObject({ pin: anyText });
    expect(newPinProblem('123456', '123456')).toMatchObject({ pin: anyText });
    expect(newPinProblem('654321', '654321')).toEqual({ pin: 'Choose a PIN that is harder to guess than a repeated digit or a run.' });
    expect(newPinProblem('890123', '890123')).toMatchObject({ pin: anyText });
    expect(newPinProblem('482135', '482136')).toEqual({ repeat: 'The two PINs differ.' });
    expect(newPinProblem('482135', '482135')).toBeNull();
  });
  it('checks a typed set-up code before sending it', () => {
    expect(setupCodeProblem(' ')).toBe('Enter the set-up code.');
    expect(setupCodeProblem('7KQ4-M2XD')).toMatch(/12 letters and digits/);
    expect(setupCodeProblem('7kq4 m2xd 9prt')).toBeNull();
  });
});

describe('in the till’s language', () => {
  const de = createTranslator('de');
  it('words the gate in German, plural and all', () => {
    expect(verifyView({ result: 'wrong', attemptsLeft: 3, state }, de.t)).toEqual({ kind: 'wrong', text: textMatching(/^Falsche PIN\. Noch 3 Versuche/) });
    expect(verifyView({ result: 'wrong', attemptsLeft: 1, state }, de.t)).toEqual({ kind: 'wrong', text: textMatching(/Noch ein Versuch/) });
    expect(pinProblem('48213', de.t)).toBe('Eine PIN hat 6 bis 12 Ziffern.');
  });
});
