/**
 * The main cashier flow in every shipped language (#14): scan a member with the wedge, read the
 * card, award a sale typed the local way, redeem a coupon (HONOR) and an expired one (DO NOT
 * HONOR), take points back on a return. Each language: axe clean, the verdict words fit at
 * 1280×800 (two lines at most, nothing cut), no English sentence left on screen outside English
 * runs, and a screenshot in the test's output folder (test-results/…/cashier-<lang>.png). The
 * RTL pseudo-locale proves the layout mirrors (<html dir="rtl">).
 */
import type { Page } from '@playwright/test';
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { CATALOGUES } from '../shared/i18n/locales.ts';
import { expect, test } from './fixtures/till.ts';
import { cashier } from './support/cashier.ts';
import { couponQr, memberQr } from './support/y4m.ts';

interface Run {
  language: string;
  currency: string;
  total: string;
  returned: string;
}

const RUNS: Run[] = [
  { language: 'en', currency: 'USD', total: '19.99', returned: '5.00' },
  { language: 'de', currency: 'EUR', total: '19,99', returned: '5,00' },
  { language: 'es', currency: 'EUR', total: '19,99', returned: '5,00' },
  { language: 'zh-CN', currency: 'CNY', total: '19.99', returned: '5.00' },
  { language: 'en-XA', currency: 'USD', total: '19.99', returned: '5.00' },
];

/** The English catalogue's longer fixed phrases (the text between placeholders), for spotting leftovers. */
function englishPhrases(): string[] {
  const out = new Set<string>();
  for (const entry of Object.values(CATALOGUES.en ?? {})) {
    if (entry.defaultMessage.includes(', select,') || entry.defaultMessage.includes(', plural,')) continue;
    for (const part of entry.defaultMessage.split(/\{[^}]*\}/)) {
      const p = part.trim();
      if (p.length >= 14 && /[a-z]{3}/.test(p)) out.add(p);
    }
  }
  return [...out];
}

async function expectNoEnglish(page: Page, language: string): Promise<void> {
  if (language === 'en') return;
  const text = await page.locator('body').innerText();
  const left = englishPhrases().filter((p) => text.includes(p));
  expect(left, `English left on screen in ${language}`).toEqual([]);
}

/** The verdict headline: no ellipsis, nothing cut off, at most two lines. */
async function expectVerdictFits(page: Page): Promise<void> {
  const title = cashier(page).verdictTitle;
  const box = await title.evaluate((node) => {
    // e2e/ is type-checked without the DOM lib: the few browser members read here, typed locally.
    const el = node as unknown as { getBoundingClientRect(): { height: number }; scrollWidth: number; clientWidth: number; textContent: string | null };
    const style = (globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string; textOverflow: string } }).getComputedStyle(node);
    return { lines: Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight)), overflow: el.scrollWidth > el.clientWidth + 1, ellipsis: style.textOverflow === 'ellipsis', text: el.textContent ?? '' };
  });
  expect(box.ellipsis).toBe(false);
  expect(box.overflow, `verdict "${box.text}" overflows`).toBe(false);
  expect(box.lines, `verdict "${box.text}" wraps into ${box.lines} lines`).toBeLessThanOrEqual(2);
}

for (const run of RUNS) {
  test.describe(`cashier in ${run.language}`, () => {
    test.use({ tillSettings: { language: run.language, currency: run.currency }, viewport: { width: 1280, height: 800 } });

    test(`scan, card, award, coupon verdicts and a return (${run.language})`, async ({ till }, testInfo) => {
      const { page } = till;
      const c = cashier(page);
      await expect(page.locator('html')).toHaveAttribute('lang', run.language);
      await expect(c.online).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
      await expect(c.idle).toBeVisible();
      await expectNoEnglish(page, run.language);
      await till.axe(`idle-${run.language}`);

      // Scan the member with the wedge; the card shows.
      await till.scan(memberQr(DEMO.memberWithCoupons));
      await expect(c.memberName).toHaveText(DEMO.memberWithCouponsName);
      await expect(c.balance).toBeVisible();

      // Award: the total typed the local way is accepted.
      const txn = `E2E-I18N-${run.language}`;
      await expect(c.txn).toBeEnabled();
      await c.txn.fill(txn);
      await c.txn.press('Enter');
      await c.total.fill(run.total);
      await expect(c.previewPoints).toBeVisible();
      await c.total.press('Enter');
      await expect(c.confirm).toBeEnabled();
      await expect(c.confirm).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(c.outcome).toHaveAttribute('data-status', 'confirmed');
      await expectNoEnglish(page, run.language);
      await till.axe(`card-award-${run.language}`);
      await page.screenshot({ path: testInfo.outputPath(`cashier-${run.language}.png`) });

      // Coupon HONOR from the card.
      await c.coupon(DEMO.activeCoupons[0] ?? '').getByTestId('coupon-redeem').click();
      await expect(page.getByTestId('verdict-honor')).toBeVisible();
      await expectVerdictFits(page);
      await expectNoEnglish(page, run.language);
      await till.axe(`honor-${run.language}`);
      await page.screenshot({ path: testInfo.outputPath(`verdict-honor-${run.language}.png`) });
      await c.verdictDone.click();

      // Coupon DO NOT HONOR: the expired one, scanned.
      await till.scan(couponQr(DEMO.expiredCoupon));
      await expect(page.getByTestId('verdict-do-not-honor')).toBeVisible();
      await expectVerdictFits(page);
      await expectNoEnglish(page, run.language);
      await till.axe(`do-not-honor-${run.language}`);
      await page.screenshot({ path: testInfo.outputPath(`verdict-deny-${run.language}.png`) });
      await c.verdictDone.click();

      // Return part of the sale, the amount typed the local way.
      await c.returnButton.click();
      const returns = page.getByTestId('returns-panel');
      await returns.getByTestId('return-txn').fill(txn);
      await returns.getByTestId('return-txn').press('Enter');
      await expect(returns.getByTestId('return-summary')).toBeVisible();
      await returns.getByTestId('return-id').fill(`R-${run.language}`);
      await returns.getByTestId('return-amount').fill(run.returned);
      await expect(returns.getByTestId('return-submit')).toBeEnabled();
      await returns.getByTestId('return-submit').click();
      await expect(returns.getByTestId('return-outcome')).toHaveAttribute('data-status', 'confirmed');
      await expectNoEnglish(page, run.language);
      await till.axe(`return-${run.language}`);
    });
  });
}

test.describe('German money entry', () => {
  test.use({ tillSettings: { language: 'de', currency: 'EUR' } });

  test('19,99 is accepted and an ambiguous 1,234 is refused in German', async ({ till }) => {
    const { page } = till;
    const c = cashier(page);
    await expect(c.online).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
    await till.scan(memberQr(DEMO.memberWithCoupons));
    await expect(c.memberName).toHaveText(DEMO.memberWithCouponsName);
    await c.txn.fill('E2E-I18N-DE-2');
    await c.total.fill('1,234');
    await c.total.press('Enter');
    const error = page.getByTestId('award-panel').getByText('1,234');
    await expect(error).toBeVisible();
    await expect(error).toContainText('Bitte so eingeben');
    await c.total.fill('19,99');
    await expect(c.previewPoints).toBeVisible();
  });
});

test.describe('right-to-left pseudo-locale', () => {
  test.use({ tillSettings: { language: 'ar-XB' }, viewport: { width: 1280, height: 800 } });

  test('the cashier screen mirrors (ar-XB)', async ({ till }, testInfo) => {
    const { page } = till;
    const c = cashier(page);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(c.online).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
    await till.scan(memberQr(DEMO.memberWithCoupons));
    await expect(c.memberName).toHaveText(DEMO.memberWithCouponsName);
    // Mirrored: the member card sits to the right of the award panel.
    const card = await page.locator('.cashier__card').boundingBox();
    const award = await page.locator('.cashier__award').boundingBox();
    expect(card !== null && award !== null && card.x > award.x).toBe(true);
    await page.screenshot({ path: testInfo.outputPath('cashier-ar-XB.png') });
  });
});
