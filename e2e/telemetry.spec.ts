/**
 * Telemetry to the chain's collector, end to end on the web target: a real OTLP/HTTP receiver in
 * this test, a fleet policy naming it (with a 1 s export interval), and a cashier's flow — a
 * member scanned with the wedge and a sale awarded. The receiver gets the till's series, named by
 * store, till and app version, and nothing about the member or any key. With no collector in the
 * policy, the same flow sends nothing, not even at closing time (when a running export flushes).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { METRIC } from '../electron/core/telemetry/telemetry.ts';
import { startOtlpReceiver, type OtlpReceiver } from '../electron/core/telemetry/testing/otlp-receiver.ts';
import { DEMO } from '../electron/sandbox/demo-data.ts';
import { PROJECT_ROOT, TILL_ID } from './fixtures/web-host.ts';
import { expect, test as base, type Till } from './fixtures/till.ts';
import { awardSale, cashier, expectCard } from './support/cashier.ts';
import { knownSecrets } from './support/log-scrub.ts';
import { memberQr } from './support/y4m.ts';

const APP_VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TXN = 'E2E-TEL-1';

interface TelemetryFixtures {
  /** Whether the policy names the receiver as the collector. */
  collector: boolean;
  otlp: OtlpReceiver;
}

const test = base.extend<TelemetryFixtures>({
  collector: [true, { option: true }],
  // Started either way: with no collector in the policy it is the one that must hear nothing.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  otlp: async ({}, use) => {
    const receiver = await startOtlpReceiver();
    await use(receiver);
    await receiver.close();
  },
  // The policy IT would place on the till: the collector (or none) and a short interval for the test.
  tillPolicy: async ({ otlp, collector }, use) => {
    await use({ telemetry: { ...(collector ? { otlpEndpoint: otlp.endpoint } : {}), exportIntervalSeconds: 1 } });
  },
});

test.slow(); // a till start per test on a shared machine
test.skip(({ target }) => target !== 'web', 'the policy file is given to the web host; the electron target reads the machine-wide one');

async function cashierFlow(till: Till): Promise<void> {
  const { page } = till;
  await till.scan(memberQr(DEMO.memberWithCoupons));
  await expectCard(page, DEMO.memberWithCouponsName);
  await awardSale(page, TXN, '12.50');
  await expect(cashier(page).outcome).toHaveAttribute('data-status', 'confirmed');
}

test.describe('with the fleet’s collector in the policy', () => {
  test('the collector gets the till’s series, named by store, till and version, and nothing about the member', async ({ till, otlp }) => {
    await cashierFlow(till);
    // Exports run every second: wait for the one that carries the award.
    await expect.poll(() => otlp.latest(METRIC.awards), { message: 'the award reached the collector', timeout: 20_000 }).toBe(1);
    await till.stop(); // closing time: the last export goes out with every total

    expect(new Set(otlp.paths)).toEqual(new Set(['/v1/metrics']));
    expect(otlp.latest(METRIC.awards)).toBe(1);
    expect(otlp.latest(METRIC.clawbacks)).toBeUndefined(); // nothing returned, nothing counted
    expect(otlp.latest(METRIC.queueSize)).toBe(0); // the award is final: nothing left in the queue
    expect(otlp.latest(METRIC.queueUnknown)).toBe(0);
    expect(otlp.latest(METRIC.queueNeedsAttention)).toBe(0);
    expect(otlp.latest(METRIC.scans, { source: 'wedge' })).toBeGreaterThanOrEqual(1);
    // API latency by route: endpoint templates, never a path with the member's id.
    expect(otlp.latest(METRIC.apiDuration, { 'http.request.method': 'POST', 'http.route': '/members/{id}/points', outcome: 'ok' })).toBe(1);
    expect(otlp.latest(METRIC.apiDuration, { 'http.request.method': 'GET', 'http.route': '/members/{id}', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    const routes = new Set(otlp.points().flatMap((p) => (typeof p.attributes['http.route'] === 'string' ? [p.attributes['http.route']] : [])));
    for (const route of routes) expect(route, 'a route is a template').not.toMatch(/mb_|st_/);

    const resources = otlp.resources();
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      expect(resource).toMatchObject({ 'service.name': 'socialhub-till', 'service.version': APP_VERSION, 'socialhub.store_id': DEMO.storeId, 'socialhub.till_id': TILL_ID });
    }

    // Never a member's id or name, a key, the PIN, or the sale's own id, anywhere in what was sent.
    const sent = otlp.bodies.join('\n');
    for (const secret of [DEMO.memberWithCoupons, DEMO.memberWithCouponsName, TXN, ...knownSecrets(till)]) expect(sent.includes(secret), `"${secret}" was sent`).toBe(false);
    expect(sent).not.toMatch(/fl_(?:test|live)_/);
  });
});

test.describe('with no collector in the policy', () => {
  test.use({ collector: false });

  test('the same flow sends nothing, not even at closing time', async ({ till, otlp }) => {
    await cashierFlow(till);
    await till.stop(); // a running export would flush here, as the test above shows
    expect(otlp.bodies).toEqual([]);
  });
});
