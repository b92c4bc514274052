/**
 * The main cashier flow in every shipped language (#14): scan a member with the wedge, read the
 * card, award a sale typed the local way, redeem a coupon (HONOR) and an expired one (DO NOT
 * HONOR), take points back on a return. Each language: axe clean, the verdict words fit at
 * 1280×800 (two lines at most, nothing cut), no English sentence left on screen outside English
 * runs, and a screenshot in the test's output folder (test-results/…/cashier-<lang>.png). The
 * pseudo-locales are strict: on the cashier screen and on every tab of the manager console, every
 * visible text node is pseudo-localized (accented in en-XA, mirrored in ar-XB) but for the
 * proper nouns and data listed in NOT_WORDS, so no string, however short, skips the catalogues.
 * ar-XB also proves the layout mirrors (<html dir="rtl">). A JPY store shows no decimals and a
 * KWD store three, from the entry field to the return's sale total.
 */
import type { Page } from '@playwright/test';
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { CATALOGUES } from '../shared/i18n/locales.ts';
import { expect, test } from './fixtures/till.ts';
import { cashier } from './support/cashier.ts';
import { manager, openManager } from './support/manager.ts';
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
  if (language === 'en-XA') return expectAllPseudo(page, 'the cashier screen');
  const text = await page.locator('body').innerText();
  const left = englishPhrases().filter((p) => text.includes(p));
  expect(left, `English left on screen in ${language}`).toEqual([]);
}

/**
 * What may stay unlocalized in a pseudo-locale, each for its reason:
 * - proper nouns: the product and the sandbox tenants;
 * - SocialHub's data, not the till's words: member names, tier names, coupon titles and codes,
 *   store names, ids and key prefixes/masks (`fl_test_…6ff1`), the ids this spec types;
 * - machine text: URLs and file paths, HTTP methods and request paths in the API log, the POS
 *   pattern syntax (`SALE-(?<txn>…)`), currency codes, key caps;
 * - what Intl writes for the `en` format locale the pseudo-locales use: month and day names,
 *   AM/PM, unit abbreviations (`75 ms`).
 */
const NOT_WORDS: RegExp[] = [
  /SocialHub Demo Coffee|SocialHub Till|SocialHub|Northwind Outfitters/g,
  new RegExp(Object.values(DEMO as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && / /.test(v)).join('|'), 'g'),
  /\b(?:Bronze|Silver|Gold|Platinum)\b/g,
  /Free coffee|10% off your next visit|Free pastry with any drink|Summer double points|\bSH-[A-Z0-9-]+/g,
  /Demo Coffee · [^\n]+/g,
  /\b(?:mb|cp|st)_[a-z0-9_]+\b/g,
  /\bfl_(?:live|test)_\S*/g,
  /\b(?:E2E|R)-[A-Za-z0-9-]+/g,
  /https?:\/\/\S+|(?:\/[\w.?=&-]+)+/g,
  /\b(?:GET|POST|PUT|PATCH|DELETE)\b/g,
  /SALE-\S+/g,
  /\b(?:F\d{1,2}|Esc|Enter|Alt|Ctrl|Shift|Tab)\b/g,
  /\b(?:USD|EUR|CNY|JPY|KWD)\b/g,
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|\b[AP]M\b/g,
  /\d\s?(?:ms|s|min|h|KB|MB)\b/g,
];

/** Visible text nodes with a Latin word left after the pseudo text (accented or RLO-mirrored) and NOT_WORDS are taken out. */
async function unpseudoText(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // e2e/ is type-checked without the DOM lib: the few browser members read here, typed locally.
    interface El { getClientRects(): { length: number }; closest(sel: string): El | null }
    interface TextNode { textContent: string | null; parentElement: El | null }
    const g = globalThis as unknown as {
      document: { body: unknown; createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null } };
      getComputedStyle(e: El): { visibility: string; display: string };
    };
    const walker = g.document.createTreeWalker(g.document.body, 4 /* NodeFilter.SHOW_TEXT */);
    const out: string[] = [];
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (el === null || text === '' || el.closest('script, style, noscript') !== null) continue;
      if (el.getClientRects().length === 0 || g.getComputedStyle(el).visibility === 'hidden') continue;
      // A closed <details> shows only its summary; what it holds is not on screen until opened.
      if (el.closest('details:not([open]) > :not(summary)') !== null) continue;
      out.push(text);
    }
    return out;
  });
  return texts.filter((text) => {
    let rest = text.replace(/\u202e[A-Za-z]+\u202c/g, ' ');
    for (const re of NOT_WORDS) rest = rest.replace(re, ' ');
    return /[A-Za-z]{2,}/.test(rest);
  });
}

/** Soft, so one run lists every screen's leftovers, not only the first. */
async function expectAllPseudo(page: Page, where: string): Promise<void> {
  expect.soft(await unpseudoText(page), `text not pseudo-localized on ${where}`).toEqual([]);
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
      // Four axe passes and a full flow: longer than the default 60 s on a shared 2-core runner.
      test.slow();
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
    await expectAllPseudo(page, 'the cashier screen (ar-XB)');
    await page.screenshot({ path: testInfo.outputPath('cashier-ar-XB.png') });
    await till.axe('card-ar-XB');
  });
});

test.describe('pseudo-locale en-XA in the manager console', () => {
  test.use({ tillSettings: { language: 'en-XA' }, viewport: { width: 1280, height: 800 } });

  test('every tab of the manager console is pseudo-localized', async ({ till }, testInfo) => {
    test.slow();
    const { page } = till;
    const m = manager(page);
    await expect(cashier(page).online).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
    await page.keyboard.press('F9');
    await expect(m.pinGate).toBeVisible();
    await expectAllPseudo(page, 'the PIN gate');
    await page.keyboard.press('Escape');
    await openManager(page, till.managerPin);
    const tabs = page.getByRole('tab');
    const count = await tabs.count();
    expect(count).toBeGreaterThan(3);
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      const id = (await tab.getAttribute('data-testid')) ?? `tab ${i}`;
      // A tab reads its data when shown: wait until nothing says it is still loading.
      await expect(page.locator('[aria-busy="true"], .skeleton')).toHaveCount(0);
      await expectAllPseudo(page, id);
      await page.screenshot({ path: testInfo.outputPath(`manager-en-XA-${id}.png`) });
    }
  });
});

/** The store currency's own minor units from the entry field to the return: none for JPY, three for KWD. */
const CURRENCY_RUNS = [
  { currency: 'JPY', zero: /^\D*0\D*$/, total: '1980', tooPrecise: '19.99', shown: '1,980', notShown: '1,980.0', returned: '500' },
  { currency: 'KWD', zero: /^\D*0\.000\D*$/, total: '12.345', tooPrecise: '12.3456', shown: '12.345', notShown: '12.3450', returned: '5.000' },
];

for (const run of CURRENCY_RUNS) {
  test.describe(`a ${run.currency} store`, () => {
    test.use({ tillSettings: { language: 'en', currency: run.currency } });

    test(`amounts in ${run.currency} have the currency's own decimals`, async ({ till }) => {
      const { page } = till;
      const c = cashier(page);
      await expect(c.online).toHaveAttribute('data-online', 'true', { timeout: 30_000 });
      await till.scan(memberQr(DEMO.memberWithCoupons));
      await expect(c.memberName).toHaveText(DEMO.memberWithCouponsName);
      expect(await c.total.getAttribute('placeholder')).toMatch(run.zero);
      const txn = `E2E-CUR-${run.currency}`;
      await c.txn.fill(txn);
      await c.txn.press('Enter');
      // More decimals than the currency has is refused, in a sentence.
      await c.total.fill(run.tooPrecise);
      await c.total.press('Enter');
      await expect(page.getByTestId('award-panel').locator('.field__error')).toContainText(run.currency);
      await c.total.fill(run.total);
      await expect(c.previewPoints).toBeVisible();
      await c.total.press('Enter');
      await expect(c.confirm).toBeEnabled();
      await page.keyboard.press('Enter');
      await expect(c.outcome).toHaveAttribute('data-status', 'confirmed');

      // The return finds the sale and shows its total the currency's way.
      await c.returnButton.click();
      const returns = page.getByTestId('returns-panel');
      await returns.getByTestId('return-txn').fill(txn);
      await returns.getByTestId('return-txn').press('Enter');
      const summary = returns.getByTestId('return-summary');
      await expect(summary).toContainText(run.shown);
      await expect(summary).not.toContainText(run.notShown);
      expect(await returns.getByTestId('return-amount').getAttribute('placeholder')).toMatch(run.zero);
      await returns.getByTestId('return-id').fill(`R-${run.currency}`);
      await returns.getByTestId('return-amount').fill(run.returned);
      await expect(returns.getByTestId('return-submit')).toBeEnabled();
      await returns.getByTestId('return-submit').click();
      await expect(returns.getByTestId('return-outcome')).toHaveAttribute('data-status', 'confirmed');
    });
  });
}
