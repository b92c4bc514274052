/**
 * Telemetry end to end: the real app core (real sandbox over HTTP, real journal file) exports to a
 * real OTLP/HTTP receiver in this process while a cashier's flow runs; nothing leaves without an
 * endpoint; an unreachable collector costs one log line and no data.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../sandbox/server.ts';
import { createTillKit } from '../app/test-kit.ts';
import type { TillKit } from '../app/test-kit.ts';
import { formatDescription } from '../../../shared/ledger/sale-token.ts';
import { METRIC, startTelemetry } from './telemetry.ts';
import { metricsUrl } from './telemetry-options.ts';
import { startOtlpReceiver } from './testing/otlp-receiver.ts';
import type { OtlpReceiver } from './testing/otlp-receiver.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
async function receiver(port?: number): Promise<OtlpReceiver> {
  const r = await startOtlpReceiver(port);
  cleanup.push(() => r.close());
  return r;
}
async function kit(options: Parameters<typeof createTillKit>[0]): Promise<TillKit> {
  const k = await createTillKit(options);
  cleanup.push(() => k.close());
  return k;
}

/** A cashier's shift in miniature: a card, an award, a return (clawback), scans, a failed look-up, a row for the manager. */
async function runFlow(k: TillKit): Promise<void> {
  expect(await k.call('memberCard', { memberId: DEMO.goldMember })).toMatchObject({ ok: true });
  const sale = await k.call('awardSubmit', { memberId: DEMO.goldMember, posTxnId: 'TEL-1', saleTotal: '40.00' });
  expect(sale).toMatchObject({ ok: true, value: { status: 'confirmed' } });
  expect(await k.call('saleReturn', { posTxnId: 'TEL-1', returnId: 'R1', mode: 'proportional', returnedAmount: '10.00' })).toMatchObject({ ok: true, value: { status: 'confirmed' } });
  await k.call('memberCard', { memberId: 'mem_does_not_exist' }); // a 404: an error series
  for (const source of ['camera', 'wedge', 'wedge'] as const) expect(await k.call('scanSeen', { source })).toEqual({ ok: true, value: null });
  const journal = k.core.journal.journal();
  const description = formatDescription({ kind: 'purchase', storeId: DEMO.storeId, tillId: 'T1', posTxnId: 'TEL-2' });
  const { row } = journal.record({ kind: 'award', storeId: DEMO.storeId, tillId: 'T1', memberId: DEMO.platinumMember, posTxnId: 'TEL-2', amount: 7, description, token: description, nextAttemptAt: Date.now() + 3_600_000 });
  journal.transition(row.id, { from: ['queued'], to: 'needs-attention', actor: 'test', patch: { reasonCode: 'test' } });
}

describe('telemetry from the app core', () => {
  it('exports the till series, named by store, till and version, to the collector', async () => {
    const otlp = await receiver();
    const k = await kit({ telemetry: { endpoint: otlp.endpoint, sales: () => ({ total: 4, withMember: 3 }) } });
    expect(k.core.telemetry().url).toBe(`${otlp.endpoint}/v1/metrics`);
    await runFlow(k);
    await k.core.telemetry().flush();

    expect(otlp.paths).toContain('/v1/metrics');
    const names = new Set(otlp.points().map((p) => p.metric));
    for (const name of Object.values(METRIC)) expect(names).toContain(name);
    expect(otlp.latest(METRIC.awards)).toBe(1);
    expect(otlp.latest(METRIC.clawbacks)).toBe(1);
    expect(otlp.latest(METRIC.scans, { source: 'wedge' })).toBe(2);
    expect(otlp.latest(METRIC.scans, { source: 'camera' })).toBe(1);
    expect(otlp.latest(METRIC.memberShare)).toBe(0.75);
    expect(otlp.latest(METRIC.queueNeedsAttention)).toBe(1);
    expect(otlp.latest(METRIC.queueSize)).toBe(1);
    expect(otlp.latest(METRIC.queueUnknown)).toBe(0);
    expect(otlp.latest(METRIC.apiDuration, { 'http.request.method': 'POST', 'http.route': '/members/{id}/points', outcome: 'ok' })).toBe(2);
    expect(otlp.latest(METRIC.apiErrors, { 'http.route': '/members/{id}', 'error.type': 'http', 'http.response.status_code': 404 })).toBe(1);
    expect(otlp.resources().at(-1)).toMatchObject({ 'socialhub.store_id': DEMO.storeId, 'socialhub.till_id': 'T1', 'service.version': '0.1.0', 'service.name': 'socialhub-till' });

    // Which till, never who was served: no member id, name or key anywhere in what left.
    const sent = otlp.bodies.join('\n');
    const sandbox = k.sandbox();
    for (const secret of [DEMO.goldMember, DEMO.platinumMember, 'mem_does_not_exist', DEMO.goldMemberName, 'TEL-1', sandbox.keys.write, sandbox.keys.read, sandbox.adminToken]) {
      expect(sent).not.toContain(secret);
    }
  });

  it('sends nothing without an endpoint', async () => {
    const otlp = await receiver();
    const k = await kit({ telemetry: { endpoint: null } });
    expect(k.core.telemetry()).toMatchObject({ enabled: false, url: null });
    await runFlow(k);
    await k.core.telemetry().flush();
    await k.close();
    expect(otlp.bodies).toEqual([]);
  });
});

describe('an unreachable collector', () => {
  it('is one log line; the totals arrive once it answers, and the till works throughout', async () => {
    const gone = await startOtlpReceiver();
    const port = Number(new URL(gone.endpoint).port);
    await gone.close();
    const lines: string[] = [];
    const telemetry = startTelemetry({
      endpoint: gone.endpoint,
      resource: { storeId: 'st_1', tillId: 'T1', appVersion: '0.1.0' },
      journalStats: () => null,
      exportTimeoutMs: 500,
      log: { warn: (m) => lines.push(m) },
    });
    cleanup.push(() => telemetry.close());
    for (let i = 0; i < 3; i++) {
      telemetry.scan('wedge');
      await telemetry.flush();
    }
    expect(lines).toEqual([`Telemetry: the collector at http://127.0.0.1:${port} cannot be reached (${lines[0]?.match(/\((.*)\)/)?.[1] ?? ''}); totals are kept and sent when it answers.`]);
    expect(lines[0]).toMatch(/ECONNREFUSED|connect/);

    const back = await receiver(port);
    await telemetry.flush();
    expect(back.latest(METRIC.scans, { source: 'wedge' })).toBe(3);
    expect(lines.at(-1)).toBe(`Telemetry: the collector at http://127.0.0.1:${port} answers again; sending resumed.`);
  });

  it('refuses an endpoint that is not http(s) or carries credentials, naming it', () => {
    const base = { resource: { storeId: 's', tillId: 't', appVersion: '1' }, journalStats: () => null, log: { warn() {} } };
    expect(() => startTelemetry({ ...base, endpoint: 'ftp://collector:4318' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => startTelemetry({ ...base, endpoint: 'https://u:p@collector:4318' })).toThrow(/user name or password/);
    expect(metricsUrl('https://collector.example/otlp/')).toBe('https://collector.example/otlp/v1/metrics');
    expect(metricsUrl('https://collector.example/v1/metrics')).toBe('https://collector.example/v1/metrics');
  });
});
