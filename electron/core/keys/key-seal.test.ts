import { describe, expect, it } from 'vitest';
import { openSeal, seal } from './key-seal.ts';

const KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const ORIGIN = 'https://flash.socialhub.ai';

describe('key seal', () => {
  it('opens what it sealed', () => {
    expect(openSeal(seal({ kind: 'write', key: KEY, origin: ORIGIN }), 'write')).toEqual({ ok: true, key: KEY, origin: ORIGIN });
  });

  it('refuses a plaintext whose origin was changed (the digest needs the key to forge)', () => {
    const tampered = seal({ kind: 'write', key: KEY, origin: ORIGIN }).replace(ORIGIN, 'https://evil.example');
    expect(openSeal(tampered, 'write')).toEqual({ ok: false, why: 'could not be read back (its record is damaged)' });
  });

  it('refuses a seal made for the other slot, garbage, and a bare legacy key', () => {
    expect(openSeal(seal({ kind: 'read', key: KEY, origin: ORIGIN }), 'write')).toMatchObject({ ok: false, why: /read key stored in the write slot/ });
    expect(openSeal('{"v":2', 'write').ok).toBe(false);
    expect(openSeal(KEY, 'write')).toMatchObject({ ok: false, why: /older version/ });
  });
});
