/**
 * USB scanner (keyboard wedge) flows: scan → card → award → new balance → the same sale again is
 * "already awarded"; a person typing slowly is never taken for a scan; bad scans are refused with
 * a sentence and cost no API call.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { awardSale, cashier, entriesForSale, expectCard, pts } from './support/cashier.ts';
import { memberQr } from './support/y4m.ts';

const AVA = DEMO.memberWithCoupons;
const MARCUS = DEMO.goldMember;

test('wedge scan → card → award → new balance; the same sale again → already awarded', async ({ till }) => {
  const { page, sandbox } = till;
  const c = cashier(page);
  await expect(c.idle).toBeVisible();
  await expect(c.sandboxBadge).toHaveCount(till.mode === 'sandbox' ? 1 : 0);
  await till.screen('cashier-idle');

  const before = (await sandbox.admin.ledger(AVA)).balance;
  await till.scan(memberQr(AVA));
  await expectCard(page, DEMO.memberWithCouponsName);
  await expect(c.balance).toContainText(pts(before));
  await expect(c.txn).toBeFocused(); // the next thing to type is the receipt's transaction id
  await till.screen('member-card');

  const points = await awardSale(page, 'E2E-1001', '12.00');
  expect(points).toBeGreaterThan(0);
  await expect(c.outcome).toHaveAttribute('data-status', 'confirmed');
  await expect(c.outcomeTitle).toHaveText(`AWARDED +${pts(points)}`);
  await expect(c.outcome).toContainText(`New balance ${pts(before + points)}`);
  await expect(c.balance).toContainText(pts(before + points));
  await till.screen('award-confirmed');

  const afterFirst = await sandbox.admin.ledger(AVA);
  expect(afterFirst.balance).toBe(before + points);
  expect(entriesForSale(afterFirst.transactions, 'E2E-1001')).toHaveLength(1);

  // The same receipt again (a double tap, a re-keyed sale): nothing more is added.
  await c.newSale.click();
  await awardSale(page, 'E2E-1001', '12.00');
  await expect(c.outcome).toHaveAttribute('data-status', 'duplicate');
  await expect(c.outcomeTitle).toHaveText('ALREADY AWARDED');
  await till.screen('award-already-awarded');
  const afterSecond = await sandbox.admin.ledger(AVA);
  expect(afterSecond.balance).toBe(before + points);
  expect(entriesForSale(afterSecond.transactions, 'E2E-1001')).toHaveLength(1);
});

test('slow human typing is never taken for a scan; a scan into a field leaves the field as it was', async ({ till }) => {
  const { page } = till;
  const c = cashier(page);
  await till.scan(memberQr(AVA));
  await expectCard(page, DEMO.memberWithCouponsName);

  // A member id typed by hand at 150 ms a key (+ Enter) into the transaction field stays text.
  await c.txn.click();
  await till.typeSlowly(MARCUS);
  await page.keyboard.press('Enter');
  await expect(c.txn).toHaveValue(MARCUS);
  await expect(c.memberName).toHaveText(DEMO.memberWithCouponsName);

  // Digits typed slowly in the amount field, then Enter: an amount and a preview, not a scan.
  await c.total.click();
  await till.typeSlowly('1234');
  await page.keyboard.press('Enter');
  await expect(c.total).toHaveValue('1234');
  await expect(c.previewPoints).toBeVisible();
  await expect(c.errorToasts).toHaveCount(0);
  await expect(c.memberName).toHaveText(DEMO.memberWithCouponsName);

  // A real scan while the cursor is in the amount field: the card changes, the amount does not.
  await c.total.click();
  await till.scan(memberQr(MARCUS));
  await expectCard(page, DEMO.goldMemberName);
  await expect(c.errorToasts).toHaveCount(0);
});

test('bad scans are refused with a clear message and make no API call', async ({ till }) => {
  const { page, sandbox } = till;
  const c = cashier(page);
  const since = new Date();
  const bad: [label: string, payload: string, message: string][] = [
    ['random text', 'hello-world-xyz', 'This is not a SocialHub member or coupon code.'],
    ['product EAN-13', '4006381333931', 'This is a product barcode, not a member or coupon code.'],
    ['path trick', '../../members/mb_ava_chen', 'This code contains characters that are not allowed in a member or coupon code.'],
    ['encoded path trick in a portal link', 'https://portal.socialhub.ai/m/..%2F..%2Fadmin', 'This code contains characters that are not allowed in a member or coupon code.'],
    ['another host', 'https://evil.example.com/m/mb_ava_chen', 'This link is from evil.example.com, not from your SocialHub portal.'],
    ['over-long', `https://portal.socialhub.ai/m/mb_${'x'.repeat(540)}`, 'This code is too long to be a member or coupon code.'],
  ];
  for (const [label, payload, message] of bad) {
    await test.step(label, async () => {
      await till.scan(payload, { perKeyMs: payload.length > 100 ? 7 : 11 });
      await expect(c.errorToasts.filter({ hasText: message })).toBeVisible();
      await expect(c.idle).toBeVisible();
    });
  }
  await till.screen('scan-refused');
  const calls = (await sandbox.admin.audit({ since })).filter((e) => /\/(members|coupons)\b/.test(e.path));
  expect(calls, 'no member or coupon request for a refused scan').toEqual([]);
});

// ⏎ in the total field while the typed-ahead preview is still loading must wait for that preview,
// not race it (a second request used to supersede the first and leave focus behind). Made
// deterministic on the web target by holding the preview call for 700 ms.
test('⏎ right after typing the total moves to Confirm even when the preview is slow', async ({ till }) => {
  const { page } = till;
  const c = cashier(page);
  await page.route('**/__bridge/invoke/award%3Apreview', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await till.scan(memberQr(AVA));
  await expectCard(page, DEMO.memberWithCouponsName);
  await c.txn.fill('E2E-RACE-1');
  await c.txn.press('Enter');
  await c.total.fill('12.00');
  await c.total.press('Enter');
  await expect(c.previewPoints).toBeVisible();
  await expect(c.confirm).toBeFocused();
});
