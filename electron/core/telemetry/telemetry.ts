/**
 * Metrics to the chain's own OpenTelemetry collector over OTLP/HTTP. Off unless an endpoint is
 * given; then every series carries the store, till and app version and nothing about the members
 * served: routes are endpoint templates, never paths with ids.
 *
 * Fed from what the till already does: the journal's counts (read at export), each API call as
 * the client records it, journal rows reaching `confirmed`, scans reported by the page, and the
 * POS link's sales (a callback, since the link owns them).
 */
import type { Attributes, Counter, Histogram } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { JournalStats } from '../../../shared/journal/row.ts';
import type { JournalKind, JournalState } from '../../../shared/journal/states.ts';
import type { ApiCallRecord } from '../api/index.ts';
import { metricsUrl, telemetryConfigSchema, telemetryResourceSchema } from './telemetry-options.ts';
import type { TelemetryConfig, TelemetryResource } from './telemetry-options.ts';
import { reportingExporter } from './reporting-exporter.ts';
import type { ExportLog } from './reporting-exporter.ts';

export const METRIC = {
  queueSize: 'till.queue.size',
  queueUnknown: 'till.queue.unknown',
  queueNeedsAttention: 'till.queue.needs_attention',
  apiDuration: 'till.api.duration',
  apiErrors: 'till.api.errors',
  awards: 'till.awards',
  clawbacks: 'till.clawbacks',
  memberShare: 'till.sales.member_share',
  scans: 'till.scans',
} as const;

export const SCAN_SOURCES = ['camera', 'wedge', 'typed'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];

/** Sales the POS link has seen since it started: how many carried a member. */
export interface SalesTally {
  readonly total: number;
  readonly withMember: number;
}

export interface TelemetryOptions extends TelemetryConfig {
  readonly resource: TelemetryResource;
  /** The journal's unfinished counts, or null while it is unavailable (the gauges then report nothing). */
  readonly journalStats: () => JournalStats | null;
  /** The POS link's sales; absent or null = the gauge reports nothing. */
  readonly sales?: () => SalesTally | null;
  readonly log: ExportLog;
}

export interface Telemetry {
  readonly enabled: boolean;
  /** Where metrics go (the exporter's URL), or null when off. */
  readonly url: string | null;
  /** How often metrics are exported (ms), or null when off. */
  readonly intervalMs: number | null;
  apiCall(record: ApiCallRecord): void;
  /** A journal row as it is now; each row counts once, when first seen confirmed. */
  rowSeen(row: { readonly id: number; readonly kind: JournalKind; readonly state: JournalState }): void;
  scan(source: ScanSource): void;
  /** Export now (tests, and before quitting). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Rows already counted; a row is only ever confirmed once, so forgetting the oldest is harmless. */
const COUNTED_MAX = 10_000;

const OFF: Telemetry = Object.freeze({
  enabled: false,
  url: null,
  intervalMs: null,
  apiCall: () => undefined,
  rowSeen: () => undefined,
  scan: () => undefined,
  flush: () => Promise.resolve(),
  close: () => Promise.resolve(),
});

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const config = telemetryConfigSchema.parse({ endpoint: options.endpoint, exportIntervalMs: options.exportIntervalMs, exportTimeoutMs: options.exportTimeoutMs });
  if (config.endpoint === null) return OFF;
  const resource = telemetryResourceSchema.parse(options.resource);
  const url = metricsUrl(config.endpoint);

  const exporter = reportingExporter(new OTLPMetricExporter({ url, timeoutMillis: config.exportTimeoutMs }), url, options.log);
  const provider = new MeterProvider({
    resource: resourceFromAttributes({
      'service.name': 'socialhub-till',
      'service.version': resource.appVersion,
      'service.instance.id': `${resource.storeId}/${resource.tillId}`,
      'socialhub.store_id': resource.storeId,
      'socialhub.till_id': resource.tillId,
    }),
    readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: config.exportIntervalMs, exportTimeoutMillis: Math.min(config.exportIntervalMs, config.exportTimeoutMs) })],
  });
  // The provider's own meter, not the global one: two cores in one process (tests) stay apart.
  const meter = provider.getMeter('socialhub-till');

  const queueSize = meter.createObservableGauge(METRIC.queueSize, { description: 'Journal rows not yet final (queued, sending, unknown, verifying, needs-attention)', unit: '{row}' });
  const queueUnknown = meter.createObservableGauge(METRIC.queueUnknown, { description: 'Rows whose outcome is unknown or being verified', unit: '{row}' });
  const queueAttention = meter.createObservableGauge(METRIC.queueNeedsAttention, { description: 'Rows waiting for a manager', unit: '{row}' });
  const memberShare = meter.createObservableGauge(METRIC.memberShare, { description: 'Share of POS sales that carried a member (0–1)', unit: '1' });
  meter.addBatchObservableCallback(
    (result) => {
      const stats = readSafely(options.journalStats);
      if (stats !== null) {
        result.observe(queueSize, stats.unfinished);
        result.observe(queueUnknown, stats.counts.unknown + stats.counts.verifying);
        result.observe(queueAttention, stats.counts['needs-attention']);
      }
      const sales = options.sales === undefined ? null : readSafely(options.sales);
      if (sales !== null && sales.total > 0) result.observe(memberShare, sales.withMember / sales.total);
    },
    [queueSize, queueUnknown, queueAttention, memberShare],
  );

  const apiDuration: Histogram = meter.createHistogram(METRIC.apiDuration, {
    description: 'SocialHub API call latency by route',
    unit: 'ms',
    advice: { explicitBucketBoundaries: [25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] },
  });
  const apiErrors: Counter = meter.createCounter(METRIC.apiErrors, { description: 'SocialHub API calls that failed, by route and error class', unit: '{call}' });
  const awards = meter.createCounter(METRIC.awards, { description: 'Awards confirmed by SocialHub', unit: '{award}' });
  const clawbacks = meter.createCounter(METRIC.clawbacks, { description: 'Clawbacks confirmed by SocialHub', unit: '{clawback}' });
  const scans = meter.createCounter(METRIC.scans, { description: 'Codes read, by source', unit: '{scan}' });

  const counted = new Set<number>();
  let closed = false;

  return {
    enabled: true,
    url,
    intervalMs: config.exportIntervalMs,
    apiCall(record) {
      if (closed) return;
      // The endpoint is the client's template ("POST /members/{id}/points"): no member id in it.
      const [method = record.method, route = record.endpoint] = record.endpoint.split(' ', 2);
      const attributes: Attributes = { 'http.request.method': method, 'http.route': route, outcome: record.outcome };
      apiDuration.record(record.latencyMs, attributes);
      if (record.outcome !== 'ok') {
        apiErrors.add(1, { ...attributes, 'error.type': record.outcome, ...(record.status === undefined ? {} : { 'http.response.status_code': record.status }) });
      }
    },
    rowSeen(row) {
      if (closed || row.state !== 'confirmed' || counted.has(row.id)) return;
      if (row.kind !== 'award' && row.kind !== 'clawback') return;
      counted.add(row.id);
      if (counted.size > COUNTED_MAX) counted.delete(counted.values().next().value ?? row.id);
      (row.kind === 'award' ? awards : clawbacks).add(1);
    },
    scan(source) {
      if (!closed) scans.add(1, { source });
    },
    // A failed export is reported once by the exporter; the caller has nothing to add.
    flush: () => (closed ? Promise.resolve() : provider.forceFlush().catch(() => undefined)),
    async close() {
      if (closed) return;
      closed = true;
      // A last export on the way out; a collector that is down must not hold the till's shutdown.
      await provider.shutdown().catch(() => undefined);
    },
  };
}

function readSafely<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null; // a closed or stopped journal: this export just has no queue numbers
  }
}
