/**
 * Screenshots of the main screens as artifacts: `test-results/screens/<name>.png` (Electron runs:
 * `test-results/screens/electron/<name>.png`), attached to the HTML report too.
 */
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

export const SCREENS_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screens');

export async function screen(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screen name must be kebab-case: ${name}`);
  const dir = testInfo.project.name === 'web' ? SCREENS_DIR : path.join(SCREENS_DIR, testInfo.project.name);
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(`screen-${name}`, { path: file, contentType: 'image/png' });
  return file;
}
