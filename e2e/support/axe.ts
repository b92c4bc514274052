/**
 * Accessibility check with axe-core: fails on serious and critical violations (WCAG 2.x A/AA
 * rules), attaches the full result to the report either way.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export interface AxeOptions {
  /** CSS selectors to leave out (e.g. the live camera preview). */
  exclude?: string[];
  /** Rule ids to skip, each with a reason in the spec. */
  disableRules?: string[];
}

export async function expectAccessible(page: Page, testInfo: TestInfo, label: string, options: AxeOptions = {}): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const sel of options.exclude ?? []) builder = builder.exclude(sel);
  if (options.disableRules !== undefined && options.disableRules.length > 0) builder = builder.disableRules(options.disableRules);
  const results = await builder.analyze();
  await testInfo.attach(`axe-${label}`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
  expect(blocking, `axe (${label}): serious/critical violations`).toEqual([]);
}
