/** Percentiles, formatting and machine-load lines shared by the benches. Figures only: nothing here asserts. */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentiles (NaN for an empty sample). */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), min: s[0] ?? NaN, max: s.at(-1) ?? NaN };
}

/** Milliseconds with precision that suits their size. */
export const ms = (v: number): string => (Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export const p50p95 = (s: Stats): string => `${ms(s.p50)} / ${ms(s.p95)}`;
export const p50p95p99 = (s: Stats): string => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;

export function timeSync<T>(fn: () => T): [number, T] {
  const t = performance.now();
  const r = fn();
  return [performance.now() - t, r];
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

export const loadNow = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

export const machineLine = (): string => `Node ${process.version}, ${cpus().length} CPUs, load average ${loadNow()}`;

/** A fixed-width table: first column left-aligned, the rest right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export const sleep = (msDelay: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, msDelay)));

/** The first line of an error's message, for a one-line note in a report. */
export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}
