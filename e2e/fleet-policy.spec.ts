/**
 * The fleet policy and the Support tab at the till (web host; TILL_POLICY points every till of
 * this file at one policy file): a locked store id is marked "Managed by your organisation" and
 * cannot be changed; a bad file is named in a notice and changes nothing; "Save a support bundle"
 * writes a zip with the expected files and no secret.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { expect, test } from './fixtures/till.ts';
import { expectLogScrubbed, knownSecrets } from './support/log-scrub.ts';
import { manager, openManager } from './support/manager.ts';

const POLICY_FILE = path.join(mkdtempSync(path.join(os.tmpdir(), 'till-e2e-policy-')), 'policy.json');
const LOCKING = { settings: { storeId: { value: DEMO.storeId, locked: true }, kiosk: { locked: true } } };

test.slow(); // a till start and the console per test on a shared machine

// Only this file's tills read the policy: the worker runs other spec files after it (their
// in-process web hosts would otherwise lock the store id too).
const policyBefore = process.env.TILL_POLICY;
test.beforeAll(() => {
  process.env.TILL_POLICY = POLICY_FILE;
});
test.afterAll(() => {
  if (policyBefore === undefined) delete process.env.TILL_POLICY;
  else process.env.TILL_POLICY = policyBefore;
});

test.beforeEach(() => {
  writeFileSync(POLICY_FILE, JSON.stringify(LOCKING));
});

test('a locked store id is marked as managed and cannot be changed', async ({ till }) => {
  const { page } = till;
  await openManager(page, till.managerPin);
  await manager(page).tab('Settings').click();
  await expect(page.getByTestId('setting-storeId-managed')).toHaveText('Managed by your organisation');
  await expect(page.getByTestId('setting-storeId')).toBeDisabled();
  await expect(page.getByTestId('setting-storeId')).toHaveValue(DEMO.storeId);
  await expect(page.getByTestId('setting-kiosk')).toBeDisabled();
  // The unlocked fields of the same section still save (the locked one is left out of the change).
  await expect(page.getByTestId('setting-tillId')).toBeEnabled();
  await page.getByTestId('setting-tillId').fill('T7');
  await page.getByTestId('settings-store-save').click();
  await expect(page.getByTestId('settings-store-status')).toHaveText('Saved.');
  // The policy's state for IT, in Support.
  await manager(page).tab('Support').click();
  await expect(page.getByTestId('support-policy')).toHaveAttribute('data-status', 'applied');
  await expect(page.getByTestId('support-policy-facts')).toContainText(POLICY_FILE);
  await expect(page.getByTestId('support-policy-facts')).toContainText('storeId, kiosk');
});

test('a bad policy file is named in a notice and changes nothing', async ({ till }) => {
  const { page } = till;
  await openManager(page, till.managerPin);
  writeFileSync(POLICY_FILE, JSON.stringify({ settings: { storeId: { value: DEMO.storeId, locked: true }, journalRetentionDays: { value: 1, locked: true } } }));
  const notice = page.locator('[data-testid="manager-notice"][data-kind="policy-rejected"]');
  // Support reads the policy state on demand: ask until the file watcher has seen the bad file.
  await manager(page).tab('Support').click();
  await expect(async () => {
    await page.getByTestId('support-policy-refresh').click();
    await expect(page.getByTestId('support-policy')).toHaveAttribute('data-status', 'rejected', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('support-policy-problem')).toContainText('settings.journalRetentionDays.value');
  // Notices are read when the console unlocks.
  await page.getByTestId('manager-lock').click();
  await page.getByTestId('pin-input').fill(till.managerPin);
  await page.getByTestId('pin-submit').click();
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('settings.journalRetentionDays.value');
  await manager(page).tab('Settings').click();
  // The last good policy stays whole: the store id is still locked, retention is not.
  await expect(page.getByTestId('setting-storeId')).toBeDisabled();
  await expect(page.getByTestId('setting-journalRetentionDays')).toBeEnabled();
  await expect(page.getByTestId('setting-journalRetentionDays')).not.toHaveValue('1');
});

test('the Support tab saves a bundle with the expected files and no secret', async ({ till }) => {
  const { page } = till;
  await openManager(page, till.managerPin);
  await manager(page).tab('Support').click();
  await page.getByTestId('support-save-bundle').click();
  const saved = page.getByTestId('support-bundle-saved');
  await expect(saved).toContainText('Saved to');
  const zipPath = /Saved to (.+\.zip) \(/.exec((await saved.textContent()) ?? '')?.[1];
  expect(zipPath, 'the saved path is shown').toBeDefined();
  const files = unzipSync(new Uint8Array(readFileSync(zipPath ?? '')));
  for (const name of ['versions.json', 'settings.json', 'policy.json', 'journal-counts.json', 'scanner-profile.json', 'api-activity.json']) expect(Object.keys(files)).toContain(name);
  expect(JSON.parse(strFromU8(files['policy.json'] ?? new Uint8Array()))).toMatchObject({});
  const everything = Object.values(files).map((f) => strFromU8(f)).join('\n');
  for (const secret of knownSecrets(till)) {
    expect(everything, 'a secret reached the bundle').not.toContain(secret);
    if (secret.length > 16) expect(everything, 'part of a secret reached the bundle').not.toContain(secret.slice(8, 24));
  }
  await expectLogScrubbed(till);
});
