import { describe, expect, it } from 'vitest';
import { formatSetupCode, isGuessablePin, normaliseSetupCode, pinSchema, setupCodeSchema } from './pin.ts';

describe('the PIN rule', () => {
  it('wants 6 to 12 digits', () => {
    for (const ok of ['123456', '000000123456']) expect(pinSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['12345', '1234', '1234567890123', '12345a', ' 123456']) expect(pinSchema.safeParse(bad).success).toBe(false);
  });
  it.each(['111111', '000000000000', '123456', '654321', '890123', '210987', '345678901234'])('calls %s guessable', (pin) => {
    expect(isGuessablePin(pin)).toBe(true);
  });
  it.each(['258046', '121212', '123465', '112233', '135791'])('takes %s as a real PIN', (pin) => {
    expect(isGuessablePin(pin)).toBe(false);
  });
});

describe('the set-up code', () => {
  it('reads a code however it was typed, and nothing else', () => {
    expect(normaliseSetupCode('7kq4-m2xd-9prt')).toBe('7KQ4M2XD9PRT');
    expect(normaliseSetupCode(' 7KQ4 M2XD 9PRT ')).toBe('7KQ4M2XD9PRT');
    expect(normaliseSetupCode('OIL0-0000-0000')).toBe('011000000000'); // look-alikes folded
    expect(normaliseSetupCode('7KQ4-M2XD-9PR')).toBeNull();
    expect(normaliseSetupCode('7KQ4-M2XD-9PRU')).toBeNull(); // U is not in the alphabet
    expect(setupCodeSchema.safeParse('7KQ4-M2XD-9PRT').success).toBe(true);
    expect(setupCodeSchema.safeParse('not a code').success).toBe(false);
    expect(formatSetupCode('7KQ4M2XD9PRT')).toBe('7KQ4-M2XD-9PRT');
  });
});
