/**
 * The OTLP exporter, wrapped so a collector that cannot be reached is one clear log line (and one
 * more when it answers again), not a line per export. Nothing is queued here: counters and
 * histograms are cumulative, so the next export that gets through carries every total.
 */
import type { PushMetricExporter } from '@opentelemetry/sdk-metrics';

type ExportCallback = Parameters<PushMetricExporter['export']>[1];
/** `ExportResultCode.SUCCESS` (the enum lives in @opentelemetry/core, which this app does not depend on). */
const SUCCESS = 0;

export interface ExportLog {
  warn(message: string, detail?: Record<string, unknown>): void;
}

export function reportingExporter(inner: PushMetricExporter, url: string, log: ExportLog): PushMetricExporter & { failing(): boolean } {
  let failing = false;
  const temporality = inner.selectAggregationTemporality?.bind(inner);
  const aggregation = inner.selectAggregation?.bind(inner);
  const where = new URL(url).origin;
  return {
    failing: () => failing,
    export(metrics, done: ExportCallback) {
      inner.export(metrics, (result) => {
        const ok = (result.code as number) === SUCCESS;
        if (!ok && !failing) {
          failing = true;
          const reason = result.error?.message.split('\n')[0] ?? 'no answer';
          log.warn(`Telemetry: the collector at ${where} cannot be reached (${reason}); totals are kept and sent when it answers.`);
        } else if (ok && failing) {
          failing = false;
          log.warn(`Telemetry: the collector at ${where} answers again; sending resumed.`);
        }
        done(result);
      });
    },
    forceFlush: () => inner.forceFlush(),
    shutdown: () => inner.shutdown(),
    ...(temporality === undefined ? {} : { selectAggregationTemporality: temporality }),
    ...(aggregation === undefined ? {} : { selectAggregation: aggregation }),
  };
}
