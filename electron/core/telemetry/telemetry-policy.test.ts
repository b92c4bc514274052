/**
 * The fleet policy drives telemetry: its collector turns metrics on (over the host's own, which a
 * release build does not have), and a change to the policy file moves, starts or stops the export
 * while the till runs. Real app core, real policy file, real OTLP/HTTP receivers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTillKit } from '../app/testing/till-kit.ts';
import type { TillKit } from '../app/testing/till-kit.ts';
import { openPolicySource } from '../policy/policy-source.ts';
import type { PolicySource } from '../policy/policy-source.ts';
import { METRIC } from './telemetry.ts';
import { telemetryEndpointFor, telemetryIntervalFor } from './telemetry-source.ts';
import { tillPolicySchema } from '../../../shared/policy/policy-schema.ts';
import { startOtlpReceiver } from './testing/otlp-receiver.ts';
import type { OtlpReceiver } from './testing/otlp-receiver.ts';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
async function receiver(): Promise<OtlpReceiver> {
  const r = await startOtlpReceiver();
  cleanup.push(() => r.close());
  return r;
}
function policyFile(): { file: string; source: PolicySource; write(value: unknown): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-telemetry-policy-'));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'policy.json');
  const source = openPolicySource({ path: file, releaseBuild: false, watch: false });
  cleanup.push(() => source.close());
  return {
    file,
    source,
    write(value) {
      fs.writeFileSync(file, JSON.stringify(value));
      source.reload();
    },
  };
}
async function kit(options: Parameters<typeof createTillKit>[0]): Promise<TillKit> {
  const k = await createTillKit(options);
  cleanup.push(() => k.close());
  return k;
}
async function scan(k: TillKit): Promise<void> {
  expect(await k.call('scanSeen', { source: 'wedge' })).toEqual({ ok: true, value: null });
  await k.core.telemetry().flush();
}

describe('which collector', () => {
  it('is the policy’s when it names one, else the host’s, else none', () => {
    const policy = { settings: {}, telemetry: { otlpEndpoint: 'https://otel.chain.example', traces: false } };
    expect(telemetryEndpointFor(policy, 'http://127.0.0.1:4318')).toBe('https://otel.chain.example');
    expect(telemetryEndpointFor({ settings: {} }, 'http://127.0.0.1:4318')).toBe('http://127.0.0.1:4318');
    expect(telemetryEndpointFor(null, null)).toBeNull();
  });
});

describe('a policy change while the till runs', () => {
  it('turns metrics on, moves them to the new collector, and turns them off, without a restart', async () => {
    const first = await receiver();
    const second = await receiver();
    const policy = policyFile();
    // As a release build starts: no collector from the host.
    const k = await kit({ policy: policy.source, telemetry: { endpoint: null } });
    expect(k.core.telemetry().enabled).toBe(false);
    await scan(k);
    expect(first.bodies).toEqual([]);

    policy.write({ telemetry: { otlpEndpoint: first.endpoint } });
    expect(k.core.telemetry().url).toBe(`${first.endpoint}/v1/metrics`);
    await scan(k);
    expect(first.latest(METRIC.scans, { source: 'wedge' })).toBe(1);
    expect(first.resources().at(-1)).toMatchObject({ 'socialhub.store_id': 'st_nyc_01', 'socialhub.till_id': 'T1' });

    policy.write({ telemetry: { otlpEndpoint: second.endpoint } });
    expect(k.core.telemetry().url).toBe(`${second.endpoint}/v1/metrics`);
    await scan(k);
    expect(second.latest(METRIC.scans, { source: 'wedge' })).toBe(1);
    // The old export's last flush may still land; it carries nothing counted after the move.
    expect(first.latest(METRIC.scans, { source: 'wedge' })).toBe(1);

    policy.write({ settings: {} });
    expect(k.core.telemetry().enabled).toBe(false);
    await scan(k);
    await k.close();
    expect(second.latest(METRIC.scans, { source: 'wedge' })).toBe(1);
    expect(first.latest(METRIC.scans, { source: 'wedge' })).toBe(1);
  });

  it('overrides the host’s collector, and a rejected policy keeps the one in force', async () => {
    const host = await receiver();
    const fleet = await receiver();
    const policy = policyFile();
    const k = await kit({ policy: policy.source, telemetry: { endpoint: host.endpoint } });
    expect(k.core.telemetry().url).toBe(`${host.endpoint}/v1/metrics`);

    policy.write({ telemetry: { otlpEndpoint: fleet.endpoint } });
    await scan(k);
    expect(fleet.latest(METRIC.scans, { source: 'wedge' })).toBe(1);

    policy.write({ telemetry: { otlpEndpoint: 'ftp://not-a-collector' } });
    expect(policy.source.state().status).toBe('rejected');
    expect(k.core.telemetry().url).toBe(`${fleet.endpoint}/v1/metrics`);
  });
});

describe('the export interval a policy sets', () => {
  const withInterval = (exportIntervalSeconds: unknown): unknown => ({ telemetry: { otlpEndpoint: 'https://otel.chain.example', exportIntervalSeconds } });

  it('is whole seconds from 1 to 300, and optional', () => {
    for (const ok of [1, 15, 300]) expect(tillPolicySchema.parse(withInterval(ok)).telemetry?.exportIntervalSeconds).toBe(ok);
    expect(tillPolicySchema.parse({ telemetry: { otlpEndpoint: 'https://otel.chain.example' } }).telemetry?.exportIntervalSeconds).toBeUndefined();
    for (const bad of [0, -5, 301, 3600, 1.5, '10', null]) {
      const parsed = tillPolicySchema.safeParse(withInterval(bad));
      expect(parsed.success, `exportIntervalSeconds ${JSON.stringify(bad)}`).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['telemetry', 'exportIntervalSeconds']);
    }
  });

  it('is the policy’s (in ms) over the host’s, else the host’s, else the default', () => {
    const policy = tillPolicySchema.parse(withInterval(5));
    expect(telemetryIntervalFor(policy, 30_000)).toBe(5_000);
    expect(telemetryIntervalFor({ settings: {} }, 30_000)).toBe(30_000);
    expect(telemetryIntervalFor(null, undefined)).toBeUndefined();
  });

  it('paces the export, follows a change without a restart, and a rejected value keeps the one in force', async () => {
    const r = await receiver();
    const policy = policyFile();
    policy.write({ telemetry: { otlpEndpoint: r.endpoint } });
    const k = await kit({ policy: policy.source, telemetry: { endpoint: null } });
    expect(k.core.telemetry().intervalMs).toBe(60_000);

    policy.write({ telemetry: { otlpEndpoint: r.endpoint, exportIntervalSeconds: 2 } });
    const paced = k.core.telemetry();
    expect(paced.intervalMs).toBe(2_000);
    await scan(k);
    expect(r.latest(METRIC.scans, { source: 'wedge' })).toBe(1);

    policy.write({ telemetry: { otlpEndpoint: r.endpoint, exportIntervalSeconds: 0 } });
    expect(policy.source.state()).toMatchObject({ status: 'rejected' });
    expect(policy.source.state().problem?.field).toBe('telemetry.exportIntervalSeconds');
    expect(k.core.telemetry()).toBe(paced);
  });
});
