/**
 * Refusals of callers without a valid token (a web page, another process) — and rate-limit
 * refusals — counted, not written one per request: the API activity is a bounded table shared
 * with the SocialHub calls, and anyone who can reach 127.0.0.1 could otherwise push those calls
 * out of it. Each kind of refusal (reason, method, endpoint, token mask) becomes one row per
 * window saying how many there were, and at most `rowsPerHour` such rows are written in any hour;
 * past that, counts keep adding up and are written once the hour allows, so none is lost.
 */
import type { ApiCallInput } from '../../../shared/journal/row.ts';

export interface Refusal {
  at: number;
  keyMask: string;
  method: ApiCallInput['method'];
  path: string;
  endpoint: string;
  status: number;
  /** The refusal's code (forbidden-origin, unauthorized, ...). */
  code: string;
}

export interface RefusalTallyOptions {
  write(call: ApiCallInput): void;
  now(): number;
  /** How long one row counts before it is written. Default 60 s. */
  windowMs?: number;
  /** At most this many refusal rows in any hour. Default 4 (about 100 a day, against 10,000 kept). */
  rowsPerHour?: number;
}

export interface RefusalTally {
  count(refusal: Refusal): void;
  /** Writes the counts whose window is over, within the hourly allowance; `all`: every count now (closing, tests). */
  flush(all?: boolean): void;
}

const HOUR_MS = 3_600_000;

/** `refused: forbidden-origin ×523` (the one-off case reads `refused: forbidden-origin`). */
export function refusalOutcome(code: string, count: number): string {
  return `${`refused: ${code}`.slice(0, 28)}${count > 1 ? ` ×${Math.min(count, 99_999_999)}` : ''}`;
}

export function createRefusalTally(options: RefusalTallyOptions): RefusalTally {
  const windowMs = options.windowMs ?? 60_000;
  const rowsPerHour = options.rowsPerHour ?? 4;
  const tallies = new Map<string, { first: Refusal; count: number }>();
  const written: number[] = []; // when each refusal row of the last hour was written

  const writeRow = (t: { first: Refusal; count: number }): void => {
    const { first, count } = t;
    try {
      options.write({ at: first.at, keyMask: first.keyMask, method: first.method, path: first.path, endpoint: first.endpoint, status: first.status, latencyMs: 0, outcome: refusalOutcome(first.code, count) });
    } catch {
      // The audit is diagnostics: a row that could not be written never fails anything.
    }
  };

  return {
    count(refusal) {
      const key = [refusal.code, refusal.method, refusal.endpoint, refusal.keyMask].join('\u0000');
      const t = tallies.get(key);
      if (t === undefined) tallies.set(key, { first: refusal, count: 1 });
      else t.count++;
    },
    flush(all = false) {
      const now = options.now();
      while (written.length > 0 && (written[0] ?? 0) <= now - HOUR_MS) written.shift();
      for (const [key, t] of tallies) {
        if (!all && (now - t.first.at < windowMs || written.length >= rowsPerHour)) continue;
        tallies.delete(key);
        written.push(now);
        writeRow(t);
      }
    },
  };
}
