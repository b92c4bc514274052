/**
 * The POS link end to end: the manager pairs the POS (on, token shown once), the POS simulator
 * hands a sale over, the till shows it at once with the fields filled in and read-only, a wedge
 * scan brings up the card, the cashier awards, and the POS reads `awarded` with its receipt
 * lines. Returns through the POS are capped; cancellation before and after the award; replays;
 * and requests the link must refuse without writing anything or calling SocialHub.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import type { Till } from './fixtures/till.ts';
import { cashier, entriesForSale, expectCard } from './support/cashier.ts';
import { openManager } from './support/manager.ts';
import { pairPos, rawPos, saleStatus, sim, type PosPairing } from './support/pos-link.ts';
import { memberQr } from './support/y4m.ts';

const AVA = DEMO.memberWithCoupons;

/** The simulator hands the sale over; the till shows it with the transaction and total read-only. */
async function saleArrives(till: Till, pos: PosPairing, txn: string, total: string): Promise<void> {
  const { page } = till;
  const put = await sim(pos, 'sale', txn, total);
  expect(put.status).toBe(201);
  expect(put.body.state).toBe('waiting-for-member');
  await expect(page.getByTestId('pos-sale-title')).toHaveText(`Sale ${txn} · ${total} — scan the member`);
  await expect(page.getByTestId('pos-sale-txn')).toHaveValue(txn);
  await expect(page.getByTestId('pos-sale-total')).toHaveValue(total);
  await expect(page.getByTestId('pos-sale-txn')).toHaveJSProperty('readOnly', true);
  await expect(page.getByTestId('pos-sale-total')).toHaveJSProperty('readOnly', true);
}

/** Wedge scan → card → the points → Award; returns the points shown. */
async function scanAndAward(till: Till): Promise<number> {
  const { page } = till;
  await till.scan(memberQr(AVA));
  await expectCard(page, DEMO.memberWithCouponsName);
  const points = page.getByTestId('pos-sale-points');
  await expect(points).toBeVisible();
  const shown = Number(((await points.textContent()) ?? '').replace(/[^\d]/g, ''));
  const award = page.getByTestId('pos-sale-award');
  await expect(award).toBeEnabled();
  await expect(award).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pos-sale-outcome')).toHaveAttribute('data-status', 'confirmed');
  return shown;
}

/** The POS's long-poll until the sale reaches `state`. */
async function untilState(pos: PosPairing, txn: string, state: string): Promise<void> {
  await expect.poll(async () => (await sim(pos, 'status', txn, '--wait', '5')).body.state, { timeout: 30_000 }).toBe(state);
}

test('a sale from the POS: on screen at once, scan, award, and the POS reads awarded with receipt lines; replay and conflict', async ({ till }) => {
  const { page, sandbox } = till;
  const pos = await pairPos(page, till.managerPin);
  const before = (await sandbox.admin.ledger(AVA)).balance;

  await saleArrives(till, pos, '90871', '19.99');
  await till.screen('pos-sale-waiting');
  await till.axe('pos sale waiting');
  // Nothing can be awarded before the card is on screen.
  await expect(page.getByTestId('pos-sale-award')).toBeDisabled();

  const points = await scanAndAward(till);
  expect(points).toBeGreaterThan(0);
  await untilState(pos, '90871', 'awarded');
  const awarded = await saleStatus(pos, '90871');
  expect(awarded.points).toBe(points);
  expect(awarded.member?.name).toBe(DEMO.memberWithCouponsName);
  expect(awarded.receiptLines).toContain(`Points earned: ${points.toLocaleString('en-US')}`);
  expect(awarded.balanceAfter).toBe(before + points);
  // The till shows the same outcome and what the receipt will say.
  await expect(page.getByTestId('pos-sale-state')).toHaveAttribute('data-state', 'awarded');
  await expect(page.getByTestId('pos-sale-receipt')).toContainText(`Points earned: ${points.toLocaleString('en-US')}`);
  await till.screen('pos-sale-awarded');

  const ledger = await sandbox.admin.ledger(AVA);
  expect(entriesForSale(ledger.transactions, '90871')).toHaveLength(1);
  expect(ledger.balance).toBe(before + points);

  // The POS sends the same sale again (a lost reply): the same sale, nothing new.
  const replay = await sim(pos, 'sale', '90871', '19.99');
  expect(replay.status).toBe(200);
  expect(replay.body).toMatchObject({
    posTxnId: '90871',
    state: 'awarded',
    points,
  });
  // The same id with another total: refused, the difference spelled out.
  const conflict = await sim(pos, 'sale', '90871', '29.99');
  expect(conflict.status).toBe(409);
  expect(conflict.body.code).toBe('conflict');
  expect(conflict.body.differences).toEqual([{ field: 'total', stored: '19.99', sent: '29.99' }]);
  expect(entriesForSale((await sandbox.admin.ledger(AVA)).transactions, '90871')).toHaveLength(1);

  // Done: back to typing a sale by hand.
  await page.getByTestId('pos-sale-done').click();
  await expect(cashier(page).txn).toBeVisible();
});

test('a return through the POS is capped at what is left of the award; a cancel after the award takes back the rest', async ({ till }) => {
  const { page, sandbox } = till;
  const pos = await pairPos(page, till.managerPin);
  await saleArrives(till, pos, 'RET-1', '40.00');
  const points = await scanAndAward(till);
  await untilState(pos, 'RET-1', 'awarded');
  const half = Math.floor(points / 2);

  const r1 = await sim(pos, 'return', 'RET-1', 'R1', '20.00');
  expect(r1.status).toBe(200);
  expect(r1.body).toMatchObject({
    outcome: 'reversed',
    pointsReversed: half,
    capped: false,
  });
  // More than is left: capped at what is still reversible.
  const r2 = await sim(pos, 'return', 'RET-1', 'R2', '40.00');
  expect(r2.status).toBe(200);
  expect(r2.body).toMatchObject({
    outcome: 'reversed',
    pointsReversed: points - half,
    capped: true,
  });
  expect((r2.body.receiptLines as string[])[0]).toBe(`Points reversed: ${(points - half).toLocaleString('en-US')}`);
  const r3 = await sim(pos, 'return', 'RET-1', 'R3', '5.00');
  expect(r3.body).toMatchObject({
    outcome: 'nothing-to-reverse',
    pointsReversed: 0,
  });
  const ledger = await sandbox.admin.ledger(AVA);
  expect(entriesForSale(ledger.transactions, 'RET-1', 'return').reduce((n, e) => n + Math.abs(e.amount), 0)).toBe(points);

  // Another sale, awarded, then voided at the POS: the whole award comes back.
  await page.getByTestId('pos-sale-done').click();
  await saleArrives(till, pos, 'VOID-1', '12.00');
  const voidPoints = await scanAndAward(till);
  await untilState(pos, 'VOID-1', 'awarded');
  const balanceAwarded = (await sandbox.admin.ledger(AVA)).balance;
  const cancel = await sim(pos, 'cancel', 'VOID-1');
  expect(cancel.status).toBe(200);
  expect(cancel.body).toMatchObject({
    state: 'cancelled',
    pointsReversed: voidPoints,
  });
  expect((await sandbox.admin.ledger(AVA)).balance).toBe(balanceAwarded - voidPoints);
  await expect(page.getByTestId('pos-sale-state')).toHaveAttribute('data-state', 'cancelled');
});

test.describe('a sale without a member', () => {
  // The shortest nudge time a manager can set, so the nudge shows within the test.
  test.use({ tillSettings: { posLink: { noMemberNudgeSeconds: 5 } } });

  test('cancel before the award sends nothing; a sale the POS moves on from is no-member, nudged first, and listed for the manager', async ({ till }) => {
    const { page, sandbox } = till;
    const pos = await pairPos(page, till.managerPin);
    const since = new Date();

    await saleArrives(till, pos, 'C-1', '9.50');
    const cancel = await sim(pos, 'cancel', 'C-1');
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({
      state: 'cancelled',
      points: null,
      pointsReversed: 0,
    });
    await expect(page.getByTestId('pos-sale-state')).toHaveAttribute('data-state', 'cancelled');
    await page.getByTestId('pos-sale-done').click();

    // A sale nobody scans a card for: the nudge, then the POS moves on to the next sale.
    await saleArrives(till, pos, 'NM-1', '7.25');
    await expect(page.getByTestId('pos-sale-nudge')).toBeVisible({
      timeout: 20_000,
    });
    await till.screen('pos-sale-nudge');
    await saleArrives(till, pos, 'NM-2', '3.00');
    expect((await saleStatus(pos, 'NM-1')).state).toBe('no-member');

    // Neither sale wrote anything to SocialHub.
    const writes = (await sandbox.admin.audit({ since })).filter((e) => e.method !== 'GET');
    expect(writes).toEqual([]);

    // The manager sees the share of sales with a member and the missed one.
    await openManager(page, till.managerPin);
    await page.getByTestId('manager-tab-posLink').click();
    await expect(page.getByTestId('pos-link-share')).toHaveText('0% of decided sales had a member.');
    await expect(page.getByTestId('pos-link-missed')).toHaveCount(1);
    await expect(page.getByTestId('pos-link-missed')).toContainText('NM-1');
    await till.axe('manager pos link');
    await till.screen('manager-pos-link');
  });
});

test('a missing or wrong token, an Origin header or a foreign Host is refused, nothing is written and SocialHub is not called', async ({ till }) => {
  const { page, sandbox } = till;
  const pos = await pairPos(page, till.managerPin);
  const since = new Date();
  const put = {
    method: 'PUT',
    path: '/pos/v1/sales/EVIL-1',
    body: { total: '19.99', currency: 'USD' },
  };
  const bearer = { Authorization: `Bearer ${pos.token}` };
  const cases: [string, Record<string, string>, number, string][] = [
    ['no token', {}, 401, 'unauthorized'],
    ['wrong token', { Authorization: 'Bearer shpos_not-the-token-0000000000' }, 401, 'unauthorized'],
    ['a web page (Origin header)', { ...bearer, Origin: 'http://evil.example' }, 403, 'forbidden-origin'],
    ['a foreign Host (DNS rebinding)', { ...bearer, Host: `evil.example:${pos.port}` }, 403, 'forbidden-host'],
  ];
  for (const [label, headers, status, code] of cases) {
    await test.step(label, async () => {
      const r = await rawPos(pos.port, { ...put, headers });
      expect(r.status).toBe(status);
      expect(r.body.code).toBe(code);
      expect(typeof r.body.message).toBe('string');
    });
  }
  // Nothing was written: the sale is unknown to the till, and the till screen never showed it.
  const status = await sim(pos, 'status', 'EVIL-1');
  expect(status.status).toBe(404);
  await expect(page.getByTestId('pos-sale')).toHaveCount(0);
  expect(await sandbox.admin.audit({ since }).then((entries) => entries.filter((e) => e.method !== 'GET'))).toEqual([]);
});

test('the manager turns on "award as soon as the card is shown" and a receipt-code format: the card alone awards the POS sale, a printed receipt code fills the typed sale', async ({ till }) => {
  const { page } = till;
  const pos = await pairPos(page, till.managerPin);
  await openManager(page, till.managerPin);
  await page.getByTestId('manager-tab-posLink').click();
  const tab = page.getByTestId('tab-pos-link');
  await tab.getByTestId('pos-link-auto-award').click();
  await expect(tab.getByTestId('pos-link-auto-award')).toBeChecked();
  await tab.getByTestId('pos-link-pattern').fill(String.raw`SALE-(?<txn>\d+)-(?<total>\d+\.\d{2})`);
  await tab.getByTestId('pos-link-save-options').click();
  await expect(tab.getByTestId('pos-link-status-text')).toHaveText('Saved.');
  await page.getByTestId('manager-close').click();

  await saleArrives(till, pos, 'AUTO-1', '15.00');
  await expect(page.getByTestId('pos-sale-auto')).toBeVisible();
  await expect(page.getByTestId('pos-sale-award')).toHaveCount(0);
  await till.scan(memberQr(AVA));
  await expectCard(page, DEMO.memberWithCouponsName);
  await expect(page.getByTestId('pos-sale-outcome')).toHaveAttribute('data-status', 'confirmed');
  await untilState(pos, 'AUTO-1', 'awarded');
  await page.getByTestId('pos-sale-done').click();

  // A POS without the link prints the sale as a code: one scan fills both fields.
  const c = cashier(page);
  await till.scan('SALE-4711-8.50');
  await expect(c.txn).toHaveValue('4711');
  await expect(c.total).toHaveValue('8.50');
  await expect(c.previewPoints).toBeVisible();
});
