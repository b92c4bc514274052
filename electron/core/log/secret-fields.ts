/**
 * Field values that are secret by their name, at any depth: a log line's fields are walked before
 * they are written (pino's `redact` paths reach fixed depths only, and match names exactly).
 *
 * A name is secret when, split into words (camelCase, snake_case, kebab-case), its last word is
 * one of SECRET_WORDS (`pin`, `newPin`, `posToken`, `x-api-key`, `Authorization`…) or the whole
 * name is one of SECRET_NAMES (`setupCode`). Case never matters. Booleans and null are kept
 * (`hasPin: true` says nothing secret).
 *
 * The walk is bounded: cycles, depth and the number of values visited are capped, so a huge or
 * self-referencing object costs a marker, not the log.
 */
import { REDACTED } from '../ipc/secret-scrub.ts';

const SECRET_WORDS = new Set([
  'pin',
  'pins',
  'key',
  'keys',
  'token',
  'tokens',
  'password',
  'passwords',
  'passphrase',
  'secret',
  'secrets',
  'authorization',
  'credential',
  'credentials',
  'cookie',
]);
const SECRET_NAMES = new Set(['setupcode', 'apikey', 'writekey', 'readkey', 'setcookie']);

export const MAX_DEPTH = 8;
export const MAX_VALUES = 2_000;
export const MAX_ARRAY_ITEMS = 100;

/** True when a field of this name holds a secret whatever its value. */
export function isSecretFieldName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const last = words.at(-1);
  if (last === undefined) return false;
  return SECRET_WORDS.has(last) || SECRET_NAMES.has(words.join(''));
}

/**
 * A copy of `value` fit to log: secret-named fields replaced by `[redacted]` at any depth, errors
 * as `{ type, message, stack }`, and markers for cycles and for what is too deep or too large.
 */
export function redactFields(value: unknown): unknown {
  let budget = MAX_VALUES;
  const ancestors = new Set<object>();

  const walk = (v: unknown, depth: number): unknown => {
    if (budget-- <= 0) return '[truncated]';
    if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' ? `[${typeof v}]` : typeof v === 'bigint' ? v.toString() : v;
    if (ancestors.has(v)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `[binary ${v.byteLength} bytes]`;
    ancestors.add(v);
    try {
      if (Array.isArray(v)) {
        const items = v.slice(0, MAX_ARRAY_ITEMS).map((item: unknown) => walk(item, depth + 1));
        if (v.length > MAX_ARRAY_ITEMS) items.push(`[${v.length - MAX_ARRAY_ITEMS} more]`);
        return items;
      }
      const source = fieldsOf(v);
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(source)) {
        out[name] = isSecretFieldName(name) && field !== null && field !== undefined && typeof field !== 'boolean' ? REDACTED : walk(field, depth + 1);
      }
      return out;
    } finally {
      ancestors.delete(v);
    }
  };
  return walk(value, 0);
}

/** What an object says as fields: an Error its type, message, stack and cause too; a Map its entries; a Set its values. */
function fieldsOf(v: object): Record<string, unknown> {
  if (v instanceof Error) {
    const cause: unknown = v.cause;
    return { type: v.name, message: v.message, stack: v.stack, ...(cause === undefined ? {} : { cause }), ...ownEntries(v) };
  }
  if (v instanceof Map) return Object.fromEntries([...(v as Map<unknown, unknown>)].map(([k, value]) => [String(k), value]));
  if (v instanceof Set) return { values: [...(v as Set<unknown>)] };
  return ownEntries(v);
}

/** Own enumerable fields; a throwing getter is a marker, not a lost line. */
function ownEntries(v: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(v)) {
    try {
      out[name] = (v as Record<string, unknown>)[name];
    } catch {
      out[name] = '[unreadable]';
    }
  }
  return out;
}
