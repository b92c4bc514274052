/**
 * Webcam flows on Chromium's fake camera, fed a y4m made at test time from a QR image with the
 * project's generator (scripts/make-y4m.ts): member QR → card, coupon QR → HONOR, and a
 * light-on-dark (inverted) code as a phone in dark mode shows it.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { awardSale, cashier, expectCard, pts } from './support/cashier.ts';
import { couponQr, memberQr } from './support/y4m.ts';

const AVA = DEMO.memberWithCoupons;

test.describe('member QR on the camera', () => {
  // A second of empty counter first, so the live preview can be seen (and screenshotted) before the read.
  test.use({ camera: { text: memberQr(AVA), blankFrames: 15 } });

  test('F7 → camera reads the member QR → card → award → new balance; then a coupon QR → HONOR', async ({ till }) => {
    const { page, sandbox } = till;
    const c = cashier(page);
    const before = (await sandbox.admin.ledger(AVA)).balance;
    await page.keyboard.press('F7');
    await expect(c.cameraDialog).toBeVisible();
    // The live preview (its framing guide shows once the camera runs); the read may beat it on a fast machine.
    await page.locator('.camera__frame').waitFor({ timeout: 5_000 }).catch(() => undefined);
    await till.screen('camera-dialog');
    await expect(c.cameraDialog).toBeHidden({ timeout: 20_000 }); // read → the dialog closes, the camera is released
    await expectCard(page, DEMO.memberWithCouponsName);
    const points = await awardSale(page, 'E2E-CAM-1', '9.99');
    await expect(c.outcome).toHaveAttribute('data-status', 'confirmed');
    await expect(c.balance).toContainText(pts(before + points));
    expect((await sandbox.admin.ledger(AVA)).balance).toBe(before + points);

    // Next code in front of the camera: Ava's active coffee coupon.
    await till.showToCamera({ text: couponQr('cp_ava_coffee') });
    await c.cameraButton.click();
    await expect(c.verdict).toBeVisible({ timeout: 20_000 });
    await expect(c.verdictTitle).toHaveText('HONOR', { timeout: 20_000 });
    await till.screen('coupon-honor-camera');
    const redeems = (await sandbox.admin.audit()).filter((e) => e.method === 'POST' && e.path.includes('/coupons/cp_ava_coffee/redeem'));
    expect(redeems.map((e) => e.status)).toEqual([200]);
  });
});

test.describe('inverted member QR on the camera', () => {
  test.use({ camera: { text: memberQr(DEMO.goldMember), inverted: true } });

  test('a light-on-dark QR (phone in dark mode) is read too', async ({ till }) => {
    const { page } = till;
    await cashier(page).cameraButton.click();
    await expectCard(page, DEMO.goldMemberName);
  });
});
