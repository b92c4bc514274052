/**
 * Turns a zod failure into one line that names the field, so "the real server differs from our
 * assumed shape" is diagnosable from the activity log alone.
 */
import type { z } from 'zod';

/** `transactions[0].amount` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** e.g. `response field "transactions[0].amount" expected number, got string` (+ count of further issues). */
export function describeSchemaError(error: z.ZodError, data: unknown, subject = 'response'): string {
  const [first, ...rest] = error.issues;
  if (!first) return `${subject} does not match the expected shape`;
  const where = first.path.length === 0 ? `${subject} body` : `${subject} field "${formatPath(first.path)}"`;
  let what: string;
  if (first.code === 'invalid_type') {
    const actual = valueAt(data, first.path);
    what = actual === undefined ? `is missing (expected ${first.expected})` : `expected ${first.expected}, got ${typeName(actual)}`;
  } else {
    what = `invalid: ${first.message}`;
  }
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  return `${where} ${what}${more}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
