import { describe, expect, it } from 'vitest';
import { routeScan, ScanFieldRegistry, type ScanField } from './scan-router.ts';

const txnField = (): ScanField & { got: string[] } => {
  const got: string[] = [];
  return { label: 'transaction id', accepts: (v) => /^[A-Za-z0-9_-]{1,64}$/.test(v), set: (v) => got.push(v), got };
};

describe('routeScan', () => {
  it('routes portal links and raw ids to members and coupons', () => {
    expect(routeScan('https://portal.socialhub.ai/m/mb_ava_chen')).toEqual({ kind: 'member', memberId: 'mb_ava_chen' });
    expect(routeScan('https://portal.socialhub.ai/c/cp_ava_coffee')).toEqual({ kind: 'coupon', couponId: 'cp_ava_coffee' });
    expect(routeScan('mb_marcus_webb')).toEqual({ kind: 'member', memberId: 'mb_marcus_webb' });
  });

  it('refuses other hosts and product barcodes with the parser’s sentence', () => {
    const message = (raw: string): string => {
      const r = routeScan(raw);
      return r.kind === 'error' ? r.message : `not an error: ${r.kind}`;
    };
    expect(message('https://evil.example/m/mb_ava_chen')).toMatch(/not from your SocialHub portal/);
    expect(message('4006381333931')).toMatch(/product barcode/);
  });

  it('gives a receipt scan to the focused field that takes scans', () => {
    const field = txnField();
    const route = routeScan('90871\r\n', { field });
    expect(route).toMatchObject({ kind: 'field', value: '90871' });
    // A member code is still a member, even with the transaction field focused.
    expect(routeScan('https://portal.socialhub.ai/m/mb_ava_chen', { field })).toMatchObject({ kind: 'member' });
    // Something the field does not accept stays an error.
    expect(routeScan('javascript:alert(1)', { field })).toMatchObject({ kind: 'error' });
  });

  it('applies the tenant’s custom pattern', () => {
    expect(routeScan('ACME-1234567', { customPattern: 'ACME-(?<member>\\d{7})' })).toEqual({ kind: 'member', memberId: '1234567' });
  });
});

describe('ScanFieldRegistry', () => {
  it('finds the field registered for the focused element and forgets it on unregister', () => {
    const registry = new ScanFieldRegistry();
    const el = new EventTarget();
    const field = txnField();
    const off = registry.register(el, field);
    expect(registry.lookup(el)).toBe(field);
    expect(registry.lookup(new EventTarget())).toBeNull();
    off();
    expect(registry.lookup(el)).toBeNull();
  });
});
