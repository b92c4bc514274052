/**
 * Playwright QA suite: one set of specs (e2e/*.spec.ts), two targets.
 *   web       the renderer build in Debian's Chromium on the web host — runs here and in CI
 *   electron  Playwright's `_electron.launch` on the built app (QA workstations with an Electron binary)
 * The `till` fixture (e2e/fixtures/till.ts) gives every test a fresh sandbox and data folder.
 * See e2e/README.md.
 */
import { defineConfig } from '@playwright/test';
import type { Target } from './e2e/fixtures/till.ts';

const CI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== '0';

export default defineConfig<{ target: Target }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // Each test runs a web host (Node) and a browser: two workers fill a 2-core runner.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
  },
  projects: [
    { name: 'web', use: { target: 'web' } },
    { name: 'electron', use: { target: 'electron' } },
  ],
});
