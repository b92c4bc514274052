/**
 * Request paths from endpoint templates. Ids come from scans and the network, so each one is
 * checked against ID_PATTERN before it goes near a URL: a scanned `../stores` or `a%2Fb` can
 * never change which resource is addressed.
 */
import { ID_PATTERN, PAGE_LIMIT_MAX } from '../../../shared/api/schemas.ts';

export type PathResult = { ok: true; path: string } | { ok: false; message: string };

/** Fills `{name}` placeholders in `template` (e.g. `/members/{id}/points`) with validated ids. */
export function buildPath(template: string, ids: Readonly<Record<string, unknown>>): PathResult {
  let problem: string | undefined;
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = ids[name];
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
      problem ??= `invalid ${name} ${describeId(value)}: must be 1–64 characters of A–Z, a–z, 0–9, _ or -`;
      return '';
    }
    // A no-op for anything ID_PATTERN accepts; kept so a loosened pattern still cannot inject.
    return encodeURIComponent(value);
  });
  return problem === undefined ? { ok: true, path } : { ok: false, message: problem };
}

/** Safe to put in a message: length only for long or odd values, never raw control characters. */
function describeId(value: unknown): string {
  if (typeof value !== 'string') return `(${value === null ? 'null' : typeof value})`;
  if (value.length === 0) return '(empty)';
  if (value.length > 64) return `(${value.length} characters)`;
  return JSON.stringify(value);
}

export interface PageParams {
  limit: number;
  offset: number;
}

/** limit 1..PAGE_LIMIT_MAX and offset ≥ 0, both integers: the API answers 400 otherwise. */
export function checkPage(page: PageParams): string | undefined {
  const { limit, offset } = page;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT_MAX) {
    return `invalid limit ${String(limit)}: must be a whole number from 1 to ${PAGE_LIMIT_MAX}`;
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    return `invalid offset ${String(offset)}: must be a whole number ≥ 0`;
  }
  return undefined;
}

/** `?a=1&b=2` from defined values only, in the given order. */
export function queryString(params: Readonly<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const s = search.toString();
  return s === '' ? '' : `?${s}`;
}
