/**
 * What telemetry needs to start, as plain typed options: the host (or a fleet policy) supplies
 * the collector's address and the till's identity. No endpoint, no telemetry.
 */
import { z } from 'zod';

/** An OTLP/HTTP collector: its base (`…:4318`, `/v1/metrics` is appended) or the full metrics URL. */
export const otlpEndpointSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine((u) => new URL(u).username === '' && new URL(u).password === '', 'must not carry a user name or password');

/** The resource every series carries: which till, never who was served. */
export const telemetryResourceSchema = z.strictObject({
  storeId: z.string().max(64),
  tillId: z.string().max(64),
  appVersion: z.string().min(1).max(64),
});
export type TelemetryResource = z.infer<typeof telemetryResourceSchema>;

export const telemetryConfigSchema = z.strictObject({
  endpoint: otlpEndpointSchema.nullable(),
  /** How often metrics leave the till. */
  exportIntervalMs: z.number().int().min(1_000).max(3_600_000).default(60_000),
  /** How long one export may keep trying (the exporter retries a refused connection within it). */
  exportTimeoutMs: z.number().int().min(100).max(60_000).default(10_000),
});
export type TelemetryConfig = z.input<typeof telemetryConfigSchema>;

/** The exporter's URL for an endpoint as a fleet writes it. */
export function metricsUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.pathname.endsWith('/v1/metrics')) return url.href;
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/metrics`;
  return url.href;
}
