/**
 * Webcam flows on Chromium's fake camera, fed a y4m made at test time from a QR image with the
 * project's generator (scripts/make-y4m.ts): member QR → card, coupon QR → HONOR, a light-on-dark
 * (inverted) code as a phone in dark mode shows it, and phones from the hard scene set
 * (scripts/scenes/hard-scenes.ts): rotated, noisy and dim. The camera decodes with ZXing-C++ in
 * WebAssembly, and falls back to the JavaScript decoder when WebAssembly cannot start.
 */
import type { Page } from '@playwright/test';
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { createJsEngine } from '../renderer/scan/qr-decode.ts';
import { expect, test } from './fixtures/till.ts';
import { awardSale, cashier, expectCard, pts } from './support/cashier.ts';
import { couponQr, hardSceneFrame, memberQr } from './support/y4m.ts';

/** The decoder the camera's diagnostics name (shown while the dialog is open). */
const engineLine = (page: Page) => page.getByTestId('camera-engine');

/** The read closes the dialog (the camera is released); as generous as the flows above on a loaded runner. */
async function readByCamera(page: Page): Promise<void> {
  await expect(cashier(page).cameraDialog).toBeHidden({ timeout: 20_000 });
}

/** Today's JavaScript decoder, all four of its passes, on the very frame the fake camera shows. */
function jsEngineReads(sceneId: string, text: string): boolean {
  return createJsEngine().decode(hardSceneFrame(sceneId, text), 640, 480) !== null;
}

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

test.describe('rotated phone on a cluttered counter', () => {
  test.use({ camera: { text: memberQr(AVA), scene: 'rotation-1', blankFrames: 30 } });

  test('a phone held at an angle is read, by ZXing-C++', async ({ till }) => {
    const { page } = till;
    await cashier(page).cameraButton.click();
    // Two seconds of empty counter first: the diagnostics name the engine before the read.
    await expect(engineLine(page)).toHaveAttribute('data-engine', 'zxing-cpp', { timeout: 10_000 });
    await expect(engineLine(page)).toContainText('ZXing-C++');
    await readByCamera(page);
    await expectCard(page, DEMO.memberWithCouponsName);
  });
});

test.describe('noisy phone', () => {
  const text = memberQr(DEMO.goldMember);
  test.use({ camera: { text, scene: 'noise-1' } });

  test('sensor noise that the JavaScript decoder cannot get through is read', async ({ till }) => {
    expect(jsEngineReads('noise-1', text)).toBe(false);
    await cashier(till.page).cameraButton.click();
    await readByCamera(till.page);
    await expectCard(till.page, DEMO.goldMemberName);
  });
});

test.describe('low-contrast phone', () => {
  const text = memberQr(AVA);
  test.use({ camera: { text, scene: 'low-contrast-1' } });

  test('a dim screen that the JavaScript decoder cannot separate is read', async ({ till }) => {
    expect(jsEngineReads('low-contrast-1', text)).toBe(false);
    await cashier(till.page).cameraButton.click();
    await readByCamera(till.page);
    await expectCard(till.page, DEMO.memberWithCouponsName);
  });
});

test.describe('WebAssembly blocked', () => {
  test.use({ camera: { text: memberQr(DEMO.goldMember), blankFrames: 30 } });

  test("a decode worker without 'wasm-unsafe-eval' falls back to the JavaScript decoder, says so, and still scans", async ({ till }) => {
    const { page } = till;
    // The worker's own response carries its CSP: serve it without the WebAssembly grant.
    await page.route(/\/assets\/qr-decode\.worker-[\w-]+\.js$/, async (route) => {
      const response = await route.fetch();
      const csp = response.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("'wasm-unsafe-eval'");
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp.replace(" 'wasm-unsafe-eval'", '') } });
    });
    await cashier(page).cameraButton.click();
    await expect(engineLine(page)).toHaveAttribute('data-engine', 'zxing-js', { timeout: 10_000 });
    await expect(engineLine(page)).toContainText('fallback');
    await readByCamera(page);
    await expectCard(page, DEMO.goldMemberName);
  });
});
