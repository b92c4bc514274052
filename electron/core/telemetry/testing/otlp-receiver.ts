/**
 * A collector for tests: a real HTTP server taking OTLP/HTTP JSON metrics exports (what
 * @opentelemetry/exporter-metrics-otlp-http sends) and keeping the raw bodies, decoded just enough
 * to read metric names, resource attributes and data points.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface AnyValue {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
}
interface KeyValue {
  key: string;
  value: AnyValue;
}
interface DataPoint {
  attributes?: KeyValue[];
  asInt?: number | string;
  asDouble?: number;
  count?: number | string;
  sum?: number;
}
interface Metric {
  name: string;
  gauge?: { dataPoints: DataPoint[] };
  sum?: { dataPoints: DataPoint[] };
  histogram?: { dataPoints: DataPoint[] };
}
interface ExportRequest {
  resourceMetrics: { resource?: { attributes?: KeyValue[] }; scopeMetrics: { metrics: Metric[] }[] }[];
}

export interface ReceivedPoint {
  readonly metric: string;
  readonly attributes: Record<string, string | number | boolean>;
  /** Gauge/sum value, or a histogram's count. */
  readonly value: number;
}

export interface OtlpReceiver {
  /** Base endpoint, as a fleet policy would give it (`/v1/metrics` is appended by the till). */
  readonly endpoint: string;
  /** Raw request bodies, in order. */
  readonly bodies: string[];
  readonly paths: string[];
  resources(): Record<string, string | number | boolean>[];
  points(): ReceivedPoint[];
  /** Latest value per metric name (+ attribute filter). */
  latest(metric: string, where?: Record<string, string | number | boolean>): number | undefined;
  close(): Promise<void>;
}

function scalar(v: AnyValue): string | number | boolean {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  return v.boolValue ?? '';
}
function attrs(list: KeyValue[] | undefined): Record<string, string | number | boolean> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, scalar(kv.value)]));
}

/** `port`: reuse a port (a collector coming back); default any free one. */
export async function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const bodies: string[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(req.url ?? '');
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  const requests = (): ExportRequest[] => bodies.map((b) => JSON.parse(b) as ExportRequest);
  const points = (): ReceivedPoint[] =>
    requests().flatMap((r) =>
      r.resourceMetrics.flatMap((rm) =>
        rm.scopeMetrics.flatMap((sm) =>
          sm.metrics.flatMap((m) =>
            (m.gauge ?? m.sum ?? m.histogram)?.dataPoints.map((p) => ({
              metric: m.name,
              attributes: attrs(p.attributes),
              value: m.histogram !== undefined ? Number(p.count ?? 0) : Number(p.asInt ?? p.asDouble ?? 0),
            })) ?? [],
          ),
        ),
      ),
    );
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    bodies,
    paths,
    resources: () => requests().flatMap((r) => r.resourceMetrics.map((rm) => attrs(rm.resource?.attributes))),
    points,
    latest(metric, where = {}) {
      const matching = points().filter((p) => p.metric === metric && Object.entries(where).every(([k, v]) => p.attributes[k] === v));
      return matching.at(-1)?.value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
