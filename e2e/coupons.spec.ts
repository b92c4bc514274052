/**
 * Coupons: the same coupon is HONOR the first time and DO NOT HONOR the second; expired and
 * already-redeemed coupons are DO NOT HONOR with the reason; redeeming from the card's button.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { cashier, expectCard } from './support/cashier.ts';
import { couponQr, memberQr } from './support/y4m.ts';

const AVA = DEMO.memberWithCoupons;

test.beforeEach(async ({ till }) => {
  await till.scan(memberQr(AVA));
  await expectCard(till.page, DEMO.memberWithCouponsName);
});

test('the same coupon: HONOR, then DO NOT HONOR', async ({ till }) => {
  const { page, sandbox } = till;
  const c = cashier(page);
  const coupon = DEMO.activeCoupons[1]; // cp_ava_10off

  await till.scan(couponQr(coupon));
  await expect(c.verdict).toBeVisible();
  await expect(c.verdictTitle).toHaveText('HONOR');
  await expect(c.verdict).toHaveAttribute('role', 'alertdialog');
  await till.screen('coupon-honor');
  await page.keyboard.press('Enter'); // Done
  await expect(c.verdict).toBeHidden();
  await expect(c.coupon(coupon)).toHaveAttribute('data-status', 'redeemed');

  await till.scan(couponQr(coupon));
  await expect(c.verdictTitle).toHaveText('DO NOT HONOR');
  await expect(c.verdictReason).not.toBeEmpty();
  await till.screen('coupon-do-not-honor');

  const redeems = (await sandbox.admin.audit()).filter((e) => e.method === 'POST' && e.path.includes(`/coupons/${coupon}/redeem`));
  expect(redeems.filter((e) => e.status === 200), 'redeemed once on SocialHub').toHaveLength(1);
});

test('expired and already-redeemed coupons: DO NOT HONOR with the reason', async ({ till }) => {
  const c = cashier(till.page);
  await till.scan(couponQr(DEMO.expiredCoupon));
  await expect(c.verdictTitle).toHaveText('DO NOT HONOR');
  // SocialHub's 404 cannot say why; the card on screen can, and the verdict says it in plain words.
  await expect(c.verdictReason).toContainText(/refused this coupon/i);
  await expect(c.verdictReason).not.toContainText(/HTTP|404/);
  await expect(till.page.getByTestId('verdict-card-hint')).toContainText(/expired on/i);
  await till.page.keyboard.press('Enter');
  await expect(c.verdict).toBeHidden();

  await till.scan(couponQr(DEMO.redeemedCoupon));
  await expect(c.verdictTitle).toHaveText('DO NOT HONOR');
  await expect(c.verdictReason).toContainText(/refused this coupon/i);
  await expect(till.page.getByTestId('verdict-card-hint')).toContainText(/already used/i);
});

test('redeem from the card: the Redeem button gives HONOR', async ({ till }) => {
  const c = cashier(till.page);
  const coupon = DEMO.activeCoupons[0]; // cp_ava_coffee
  await c.coupon(coupon).getByTestId('coupon-redeem').click();
  await expect(c.verdictTitle).toHaveText('HONOR');
  await c.verdictDone.click();
  await expect(c.coupon(coupon)).toHaveAttribute('data-status', 'redeemed');
});
