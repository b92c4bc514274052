/**
 * Faults injected through the sandbox admin API:
 * - apply-then-drop: SocialHub applies the award but the answer never arrives → the till checks
 *   the ledger → ends CONFIRMED, exactly one ledger entry (no blind resend).
 * - offline: every call fails → the award is QUEUED (saved, not lost) → back online → drained,
 *   confirmed once.
 */
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { awardSale, cashier, entriesForSale, expectCard } from './support/cashier.ts';
import { memberQr } from './support/y4m.ts';

const AVA = DEMO.memberWithCoupons;

// A short request timeout and no-resend window (manager settings) keep the unknown-outcome
// settle wait to seconds instead of a minute.
test.use({ tillSettings: { requestTimeoutMs: 2_000, noResendWindowMs: 4_000 } });

test.beforeEach(async ({ till }) => {
  await till.scan(memberQr(AVA));
  await expectCard(till.page, DEMO.memberWithCouponsName);
});

test('award with apply-then-drop → checking → confirmed once', async ({ till }) => {
  const { page, sandbox } = till;
  const c = cashier(page);
  const before = (await sandbox.admin.ledger(AVA)).balance;
  await sandbox.admin.addFault({ route: 'POST /members/:id/points', kind: 'applyThenDrop', count: 1 });

  const points = await awardSale(page, 'E2E-DROP-1', '20.00');
  await expect(c.outcome).toHaveAttribute('data-status', /checking|confirmed/);
  await till.screen('award-checking');
  await expect(c.outcome).toHaveAttribute('data-status', 'confirmed', { timeout: 45_000 });
  await till.screen('award-confirmed-after-drop');

  const ledger = await sandbox.admin.ledger(AVA);
  expect(entriesForSale(ledger.transactions, 'E2E-DROP-1'), 'exactly one ledger entry for the sale').toHaveLength(1);
  expect(ledger.balance).toBe(before + points);
  const posts = (await sandbox.admin.audit()).filter((e) => e.method === 'POST' && e.path.includes(`/members/${AVA}/points`));
  expect(posts[0]?.status, 'the first POST was applied but its answer dropped').toBe(0);
  expect(posts.filter((e) => e.status >= 200 && e.status < 300), 'no blind resend that SocialHub applied again').toHaveLength(0);
});

test('offline → queued → back online → drained, each sale confirmed once', async ({ till }) => {
  // The cut sale is resent, then watched for a late copy of the cut attempt for the engine's
  // duplicate-check window (a minute from that attempt) before it shows CONFIRMED.
  test.setTimeout(150_000);
  const { page, sandbox } = till;
  const c = cashier(page);
  const before = (await sandbox.admin.ledger(AVA)).balance;
  // The network dies: every request is cut before SocialHub applies it.
  await sandbox.admin.setFaults([{ route: '*', kind: 'dropBeforeApply' }]);

  // The first sale after the cut cannot know whether it landed: CHECKING (or already QUEUED).
  const pointsA = await awardSale(page, 'E2E-OFF-A', '8.00');
  await expect(c.outcome).toHaveAttribute('data-status', /checking|queued/);
  await expect(c.online).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
  await expect(c.online).toContainText('OFFLINE');
  // The engine stops sending after 3 network failures in a row (its circuit breaker): the lost
  // POST and its two ledger read-backs, about settle time (2 × request timeout) later.
  await expect
    .poll(async () => (await sandbox.admin.audit()).filter((e) => e.status === 0).length, { timeout: 30_000, message: 'three requests cut' })
    .toBeGreaterThanOrEqual(3);

  // Now the till knows it is offline: the next sale is queued at once, nothing is sent.
  await c.newSale.click();
  const pointsB = await awardSale(page, 'E2E-OFF-B', '16.00');
  await expect(c.outcome).toHaveAttribute('data-status', 'queued');
  await expect(c.outcomeTitle).toHaveText('QUEUED — WILL BE SENT');
  await expect(c.queued).not.toHaveAttribute('data-count', '0');
  await till.screen('award-queued-offline');
  const during = await sandbox.admin.ledger(AVA);
  expect(entriesForSale(during.transactions, 'E2E-OFF-A')).toHaveLength(0);
  expect(entriesForSale(during.transactions, 'E2E-OFF-B')).toHaveLength(0);

  // Back online: the queue drains by itself.
  await sandbox.admin.clearFaults();
  await expect(c.online).toHaveAttribute('data-online', 'true', { timeout: 60_000 });
  await expect(c.queued).toHaveAttribute('data-count', '0', { timeout: 60_000 });
  await expect(c.outcome).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 });
  await expect(c.recent.locator('li', { hasText: 'E2E-OFF-A' })).toHaveAttribute('data-status', 'confirmed', { timeout: 90_000 });
  await till.screen('queue-drained');
  const after = await sandbox.admin.ledger(AVA);
  expect(entriesForSale(after.transactions, 'E2E-OFF-A'), 'sale A once').toHaveLength(1);
  expect(entriesForSale(after.transactions, 'E2E-OFF-B'), 'sale B once').toHaveLength(1);
  expect(after.balance).toBe(before + pointsA + pointsB);
});
