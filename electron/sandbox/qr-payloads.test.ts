import { describe, expect, it } from 'vitest';
import { couponQrPayload, memberQrPayload } from './qr-payloads.ts';

describe('QR payloads', () => {
  it('follow the portal convention', () => {
    expect(memberQrPayload('mb_ava_chen')).toBe('https://portal.socialhub.ai/m/mb_ava_chen');
    expect(couponQrPayload('cp_ava_coffee')).toBe('https://portal.socialhub.ai/c/cp_ava_coffee');
  });
  it('cannot be bent into another path', () => {
    expect(() => memberQrPayload('../x/y')).toThrow(RangeError);
    expect(() => couponQrPayload('cp_1/../../admin')).toThrow(RangeError);
  });
});
