import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { couponQrPayload, memberQrPayload } from '../electron/sandbox/qr-payloads.ts';
import { SCANNER_TEST_PAYLOAD, qrSheetSections, renderQrSheet } from './gen-qr-sheet.ts';

describe('demo QR sheet', () => {
  it('is deterministic and the committed assets/demo-qr-sheet.html is current', async () => {
    const html = await renderQrSheet();
    expect(await renderQrSheet()).toBe(html);
    expect(readFileSync(join(import.meta.dirname, '..', 'assets', 'demo-qr-sheet.html'), 'utf8')).toBe(html);
  });

  it('has one inline SVG QR per card and no external resources', async () => {
    const html = await renderQrSheet();
    const cards = qrSheetSections().flatMap((s) => s.cards);
    expect(html.match(/<svg /g)).toHaveLength(cards.length);
    expect(html).not.toMatch(/<(script|link|img)\b|src=|url\(/i);
    expect(html).toContain('size: A4');
  });

  it('covers the well-known members and coupons with the portal payloads', () => {
    const payloads = qrSheetSections().flatMap((s) => s.cards.map((c) => c.payload));
    for (const id of [DEMO.memberWithCoupons, DEMO.goldMember, DEMO.zeroBalanceMember, DEMO.otherTenant.memberId]) expect(payloads).toContain(memberQrPayload(id));
    for (const id of [...DEMO.activeCoupons, DEMO.redeemedCoupon, DEMO.expiredCoupon, DEMO.otherTenant.couponId]) expect(payloads).toContain(couponQrPayload(id));
    expect(payloads).toContain(SCANNER_TEST_PAYLOAD);
  });
});
