/**
 * Returns: find the sale, take back points in proportion to the amount returned, and never more
 * than is still reversible (the cap) — checked on the screen and on the ledger.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { awardSale, cashier, entriesForSale, expectCard, pts } from './support/cashier.ts';
import { memberQr } from './support/y4m.ts';

const AVA = DEMO.memberWithCoupons;

test('return with cap: part of a sale, then more than is left is capped at what is reversible', async ({ till }) => {
  const { page, sandbox } = till;
  const c = cashier(page);
  await till.scan(memberQr(AVA));
  await expectCard(page, DEMO.memberWithCouponsName);
  const before = (await sandbox.admin.ledger(AVA)).balance;
  const awarded = await awardSale(page, 'E2E-RET-1', '40.00');
  await expect(c.outcome).toHaveAttribute('data-status', 'confirmed');
  const half = Math.floor(awarded / 2);

  const panel = page.getByTestId('returns-panel');
  const openReturns = async (): Promise<void> => {
    await page.keyboard.press('F6');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('return-txn')).toBeFocused();
    await panel.getByTestId('return-txn').fill('E2E-RET-1');
    await page.keyboard.press('Enter');
    await expect(panel.getByTestId('return-summary')).toBeVisible();
  };

  // First return: half the sale's amount → half the points.
  await openReturns();
  await expect(panel.getByTestId('return-figures')).toHaveText(`${awarded} awarded · 0 returned · ${awarded} reversible`);
  await panel.getByTestId('return-id').fill('R1');
  await panel.getByTestId('return-amount').fill('20.00');
  await expect(panel.getByTestId('return-estimate')).toContainText(`Takes back ${pts(half)}`);
  await till.screen('return-panel');
  await panel.getByTestId('return-submit').click();
  await expect(panel.getByTestId('return-outcome')).toHaveAttribute('data-status', 'confirmed');
  await expect(panel.getByTestId('return-outcome-title')).toHaveText(`TAKEN BACK −${pts(half)}`);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // Second return asks for the whole amount again: capped at what is still reversible.
  await openReturns();
  await expect(panel.getByTestId('return-figures')).toHaveText(`${awarded} awarded · ${half} returned · ${awarded - half} reversible`);
  await panel.getByTestId('return-id').fill('R2');
  await panel.getByTestId('return-amount').fill('40.00');
  await expect(panel.getByTestId('return-estimate')).toContainText(`Takes back ${pts(awarded - half)} (capped at what is still reversible)`);
  await till.screen('return-capped');
  await panel.getByTestId('return-submit').click();
  await expect(panel.getByTestId('return-outcome')).toHaveAttribute('data-status', 'confirmed');
  await page.keyboard.press('Escape');

  // Nothing is left: a third return cannot take anything.
  await openReturns();
  await expect(panel.getByTestId('return-figures')).toHaveText(`${awarded} awarded · ${awarded} returned · 0 reversible`);
  const submitOrBlocker = panel.getByTestId('return-blocker').or(panel.getByTestId('return-submit'));
  await expect(submitOrBlocker.first()).toBeVisible();
  if (await panel.getByTestId('return-submit').isVisible()) {
    await panel.getByTestId('return-id').fill('R3');
    await panel.getByTestId('return-amount').fill('5.00');
    await expect(panel.getByTestId('return-submit')).toBeDisabled();
  }

  const ledger = await sandbox.admin.ledger(AVA);
  const returns = entriesForSale(ledger.transactions, 'E2E-RET-1', 'return');
  expect(returns.map((e) => e.amount).sort((a, b) => a - b)).toEqual([-(awarded - half), -half].sort((a, b) => a - b));
  expect(ledger.balance).toBe(before);
});
