/**
 * Accessibility (axe-core, WCAG 2.1 A/AA): no serious or critical violations on the main screens —
 * cashier idle, member card with an award outcome, coupon verdict, returns, manager PIN and the
 * manager's tabs.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { awardSale, cashier, expectCard } from './support/cashier.ts';
import { manager } from './support/manager.ts';
import { couponQr, memberQr } from './support/y4m.ts';

test('cashier screens', async ({ till }) => {
  const { page } = till;
  const c = cashier(page);
  await expect(c.idle).toBeVisible();
  await till.axe('cashier-idle');

  await till.scan(memberQr(DEMO.memberWithCoupons));
  await expectCard(page, DEMO.memberWithCouponsName);
  await awardSale(page, 'E2E-A11Y-1', '12.00');
  await expect(c.outcome).toHaveAttribute('data-status', 'confirmed');
  await till.axe('member-card-with-outcome');

  await till.scan(couponQr(DEMO.expiredCoupon));
  await expect(c.verdictTitle).toHaveText('DO NOT HONOR');
  await till.axe('coupon-verdict');
  await c.verdictDone.click();

  await page.keyboard.press('F6');
  const returns = page.getByTestId('returns-panel');
  await returns.getByTestId('return-txn').fill('E2E-A11Y-1');
  await page.keyboard.press('Enter');
  await expect(returns.getByTestId('return-summary')).toBeVisible();
  await till.axe('returns-panel');
  await page.keyboard.press('Escape');

  await till.scan('not-a-member-code');
  await expect(c.errorToasts).toHaveCount(1);
  await till.axe('scan-refused');
});

test('manager screens', async ({ till }) => {
  // Seven screens, each with an axe pass and a full-page screenshot: more than one default timeout on a busy runner.
  test.setTimeout(150_000);
  const { page } = till;
  const m = manager(page);
  await page.keyboard.press('F9');
  await expect(m.pinGate).toBeVisible();
  await till.axe('manager-pin');
  await m.pinInput.fill(till.managerPin);
  await m.pinSubmit.click();
  await expect(m.console).toHaveAttribute('data-phase', 'open');
  for (const tab of ['Transactions', 'Needs attention', 'Reconcile', 'API activity', 'Adjust points', 'Settings']) {
    await m.tab(tab).click();
    await expect(m.tab(tab)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).toBeVisible();
    await expect(page.getByRole('tabpanel').getByText('Loading…')).toHaveCount(0);
    await till.axe(`manager-${tab.toLowerCase().replaceAll(' ', '-')}`);
  }
  await m.tab('Settings').click();
  await till.screen('manager-settings');
});
