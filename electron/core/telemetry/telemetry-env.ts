/**
 * Telemetry for the web host and development runs, from the environment: `TILL_OTLP_ENDPOINT`
 * (the collector) and optionally `TILL_OTLP_INTERVAL_MS`. A fleet's tills take it from policy.
 */
import { telemetryConfigSchema } from './telemetry-options.ts';

export interface EnvTelemetry {
  readonly endpoint: string;
  readonly exportIntervalMs?: number;
}

/** Null when unset; a malformed value is an error naming the variable (a typo must not silently turn metrics off). */
export function telemetryFromEnv(env: Readonly<Record<string, string | undefined>>): EnvTelemetry | null {
  const endpoint = env.TILL_OTLP_ENDPOINT;
  if (endpoint === undefined || endpoint === '') return null;
  const interval = env.TILL_OTLP_INTERVAL_MS;
  const parsed = telemetryConfigSchema.safeParse({ endpoint, ...(interval === undefined || interval === '' ? {} : { exportIntervalMs: Number(interval) }) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path[0] === 'exportIntervalMs' ? 'TILL_OTLP_INTERVAL_MS' : 'TILL_OTLP_ENDPOINT';
    throw new Error(`${name}: ${issue?.message ?? 'invalid'}`);
  }
  return { endpoint, ...(interval === undefined || interval === '' ? {} : { exportIntervalMs: parsed.data.exportIntervalMs }) };
}
