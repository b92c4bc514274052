/**
 * Where metrics go: the fleet policy's collector when it names one (the only source a release
 * build has), else what the host was given (`TILL_OTLP_ENDPOINT` in development and the web host).
 * Read at each check so a policy change turns telemetry on, off or elsewhere without a restart.
 */
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';

export function telemetryEndpointFor(policy: TillPolicy | null, hostEndpoint: string | null): string | null {
  return policy?.telemetry?.otlpEndpoint ?? hostEndpoint;
}
