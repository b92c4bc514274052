/**
 * The cashier screen as the specs use it: locators by test id / role / label (the UI's stable
 * names) and the few multi-step actions every flow repeats. Typing into fields uses `fill()`
 * (no key events), so a spec's own data entry can never look like a scanner burst; scanner input
 * goes through `till.scan()` and a person's through `till.typeSlowly()`.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { parseDescription, type SaleTokenKind } from '../../shared/ledger/sale-token.ts';

export function cashier(page: Page) {
  return {
    strip: page.getByTestId('status-strip'),
    online: page.getByTestId('status-online'),
    queued: page.getByTestId('status-queued'),
    sandboxBadge: page.getByTestId('status-sandbox'),
    idle: page.getByTestId('idle-prompt'),
    card: page.getByTestId('member-card'),
    memberName: page.getByTestId('member-name'),
    balance: page.getByTestId('member-balance'),
    tier: page.getByTestId('member-tier'),
    coupons: page.getByTestId('coupon'),
    coupon: (id: string): Locator => page.locator(`[data-testid="coupon"][data-coupon-id="${id}"]`),
    txn: page.getByTestId('award-txn'),
    total: page.getByTestId('award-total'),
    previewPoints: page.getByTestId('award-preview-points'),
    confirm: page.getByTestId('award-confirm'),
    newSale: page.getByTestId('award-new-sale'),
    outcome: page.getByTestId('outcome'),
    outcomeTitle: page.getByTestId('outcome-title'),
    recent: page.getByTestId('recent-outcomes'),
    errorToasts: page.locator('[data-testid="toast"][data-tone="error"]'),
    verdict: page.getByTestId('coupon-verdict'),
    verdictTitle: page.getByTestId('verdict-title'),
    verdictReason: page.getByTestId('verdict-reason'),
    verdictDone: page.getByTestId('verdict-done'),
    cameraButton: page.getByTestId('action-camera'),
    cameraDialog: page.getByTestId('camera-dialog'),
    returnButton: page.getByTestId('action-return'),
    managerButton: page.getByTestId('open-manager'),
  };
}

export type Cashier = ReturnType<typeof cashier>;

/** The till is up and has talked to the sandbox once (the status strip says Online). */
export async function waitUntilOnline(page: Page, timeout = 30_000): Promise<void> {
  await expect(cashier(page).online).toHaveAttribute('data-online', 'true', { timeout });
}

/** The card for `name` is shown (name, balance and tier loaded). */
export async function expectCard(page: Page, name: string): Promise<void> {
  const c = cashier(page);
  await expect(c.memberName).toHaveText(name);
  await expect(c.balance).toContainText('pts');
}

export function pts(n: number): string {
  return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n)} pts`;
}

/**
 * Award for a sale on the shown card: transaction id ⏎, total (the points preview appears as it
 * is typed; the cashier reads it) ⏎, ⏎ (confirm). Returns the previewed points. Leaves the
 * outcome banner on screen. (⏎ while the typed-ahead preview is still loading is covered by its
 * own test in cashier-wedge.spec.ts; here the cashier reads the preview first.)
 */
export async function awardSale(page: Page, txnId: string, total: string): Promise<number> {
  const c = cashier(page);
  await expect(c.txn).toBeEnabled();
  await c.txn.fill(txnId);
  await c.txn.press('Enter');
  await expect(c.total).toBeFocused();
  await c.total.fill(total);
  await expect(c.previewPoints).toBeVisible();
  await c.total.press('Enter');
  const text = (await c.previewPoints.textContent()) ?? '';
  const points = Number(text.replace(/[^\d]/g, ''));
  await expect(c.confirm).toBeEnabled();
  await expect(c.confirm).toBeFocused();
  await page.keyboard.press('Enter');
  return points;
}

/** Ledger entries whose marker (shared/ledger/sale-token.ts) names this sale, by kind. */
export function entriesForSale<T extends { description: string }>(entries: readonly T[], posTxnId: string, kind: SaleTokenKind = 'purchase'): T[] {
  return entries.filter((e) => {
    const token = parseDescription(e.description);
    return token !== null && token.kind === kind && token.posTxnId === posTxnId;
  });
}
