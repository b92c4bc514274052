/**
 * Where metrics go, and how often: the fleet policy's collector and interval when it names them
 * (the only source a release build has), else what the host was given (`TILL_OTLP_ENDPOINT`,
 * `TILL_OTLP_INTERVAL_MS` in development and the web host). Read at each check so a policy change
 * turns telemetry on, off, elsewhere or to another pace without a restart.
 */
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';

export function telemetryEndpointFor(policy: TillPolicy | null, hostEndpoint: string | null): string | null {
  return policy?.telemetry?.otlpEndpoint ?? hostEndpoint;
}

/** The export interval in ms: the policy's (seconds) over the host's; undefined = the telemetry default. */
export function telemetryIntervalFor(policy: TillPolicy | null, hostIntervalMs: number | undefined): number | undefined {
  const seconds = policy?.telemetry?.exportIntervalSeconds;
  return seconds === undefined ? hostIntervalMs : seconds * 1000;
}
