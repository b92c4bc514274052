/**
 * The log after a flow: a sale awarded, the manager console opened with the PIN (a wrong one
 * first) — the log file recorded the calls and holds no key, token or PIN.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { awardSale, cashier, expectCard } from './support/cashier.ts';
import { expectLogScrubbed } from './support/log-scrub.ts';
import { manager } from './support/manager.ts';
import { memberQr } from './support/y4m.ts';

test('after a sale and a manager session the log has the calls and none of the secrets', async ({ till }) => {
  const { page } = till;
  await till.scan(memberQr(DEMO.memberWithCoupons));
  await expectCard(page, DEMO.memberWithCouponsName);
  await awardSale(page, 'E2E-LOG-1', '12.50');
  await expect(cashier(page).outcome).toHaveAttribute('data-status', 'confirmed');

  const m = manager(page);
  await page.keyboard.press('F9');
  await expect(m.pinGate).toBeVisible();
  await m.pinInput.fill('135790'); // a wrong PIN is a secret too
  await m.pinSubmit.click();
  await expect(m.pinMessage).toContainText(/wrong|incorrect|attempt/i);
  await m.pinInput.fill(till.managerPin);
  await m.pinSubmit.click();
  await expect(m.console).toHaveAttribute('data-phase', 'open');

  await expect
    .poll(async () => (await expectLogScrubbed(till, ['135790'])).includes('"channel":"award:submit"'), { message: 'the award reached the log' })
    .toBe(true);
  const text = await expectLogScrubbed(till, ['135790']);
  expect(text).toContain('"channel":"pin:verify"');
});
