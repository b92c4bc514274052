/** The manager console (F9, behind the PIN) as the specs use it. */
import { expect, type Page } from '@playwright/test';

export function manager(page: Page) {
  return {
    console: page.getByTestId('manager-console'),
    pinGate: page.getByTestId('pin-gate'),
    pinInput: page.getByTestId('pin-input'),
    pinSubmit: page.getByTestId('pin-submit'),
    pinMessage: page.getByTestId('pin-message'),
    tab: (name: string | RegExp) => page.getByRole('tab', { name }),
    close: page.getByTestId('manager-close'),
    journalRows: page.getByTestId('journal-row'),
    attentionCount: page.getByTestId('manager-attention-count'),
  };
}

/** F9 → PIN → the console is open on its first tab. */
export async function openManager(page: Page, pin: string): Promise<void> {
  const m = manager(page);
  await page.keyboard.press('F9');
  await expect(m.pinGate).toBeVisible();
  await m.pinInput.fill(pin);
  await m.pinSubmit.click();
  await expect(m.console).toHaveAttribute('data-phase', 'open');
}
