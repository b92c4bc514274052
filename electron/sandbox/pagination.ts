/** limit/offset parsing with the contract's bounds; every rejection names the parameter and the rule. */
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../../shared/api/schemas.ts';

export interface Page {
  limit: number;
  offset: number;
}

export type PageResult = { ok: true; page: Page } | { ok: false; message: string };

function single(query: URLSearchParams, name: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const values = query.getAll(name);
  if (values.length > 1) return { ok: false, message: `${name} must be given at most once` };
  return { ok: true, value: values[0] ?? null };
}

export function parsePage(query: URLSearchParams): PageResult {
  const limit = single(query, 'limit');
  if (!limit.ok) return limit;
  const offset = single(query, 'offset');
  if (!offset.ok) return offset;

  let page: Page = { limit: PAGE_LIMIT_DEFAULT, offset: 0 };
  if (limit.value !== null) {
    if (!/^\d+$/.test(limit.value)) return { ok: false, message: `limit must be a whole number between 1 and ${PAGE_LIMIT_MAX} (got "${clip(limit.value)}")` };
    const n = Number(limit.value);
    if (n < 1 || n > PAGE_LIMIT_MAX) return { ok: false, message: `limit must be between 1 and ${PAGE_LIMIT_MAX} (got ${clip(limit.value)})` };
    page = { ...page, limit: n };
  }
  if (offset.value !== null) {
    if (!/^\d+$/.test(offset.value) || !Number.isSafeInteger(Number(offset.value))) {
      return { ok: false, message: `offset must be a whole number of 0 or more (got "${clip(offset.value)}")` };
    }
    page = { ...page, offset: Number(offset.value) };
  }
  return { ok: true, page };
}

export function slicePage<T>(items: readonly T[], page: Page): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}

/** Echoed input is clipped so a hostile query cannot balloon the error body. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
