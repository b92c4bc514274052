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
import { telemetryEndpointFor } from './telemetry-source.ts';
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
