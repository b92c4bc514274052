/**
 * A POS sale body → what the journal keeps: whole minor units, the earn base (lines with `earns:false`
 * left out), and a canonical text so a replay is recognised byte for byte and a different body
 * can be told apart field by field.
 */
import { parseSaleAmount } from '../../../shared/earn/earn-rule.ts';
import type { SaleLine, SalePut } from '../../../shared/pos/schemas.ts';
import { formatMoneyMachine } from '../../../shared/money.ts';
import { PosLinkError } from './errors.ts';

export interface SaleFigures {
  totalMinor: number;
  /** What earns points: the total, or with lines the earning lines' sum (never above the total). */
  earnBaseMinor: number;
}

/** "19.99" in the sale's currency → minor units (0 decimals for JPY, 3 for KWD). */
export function minorUnits(text: string, what: string, currency: string): number {
  const m = parseSaleAmount(text, what, currency);
  if (!m.ok) throw new PosLinkError(400, 'bad-request', m.message);
  return m.minor;
}

/** Sum of the lines that earn points, in minor units. */
export function earningMinor(lines: readonly SaleLine[], currency: string): number {
  return lines.reduce((sum, l, i) => sum + (l.earns ? minorUnits(l.amount, `amount of line ${i + 1}`, currency) : 0), 0);
}

/**
 * Returned lines with the sale's own `earns` flag where the sale listed the sku: what earned at the
 * sale decides what a return takes back, not how the return labels it (a gift card stays a gift card).
 */
export function returnedAsSold(returned: readonly SaleLine[], storedBody: string): SaleLine[] {
  let sold: readonly SaleLine[] = [];
  try {
    sold = (JSON.parse(storedBody) as SalePut).lines ?? [];
  } catch {
    // An unreadable stored body: the return's own flags stand.
  }
  return returned.map((l) => {
    const same = sold.filter((s) => s.sku === l.sku);
    return same.length === 0 ? l : { ...l, earns: same.some((s) => s.earns) };
  });
}

export function saleFigures(body: SalePut): SaleFigures {
  const totalMinor = minorUnits(body.total, 'total', body.currency);
  const earnBaseMinor = body.lines === undefined ? totalMinor : Math.min(totalMinor, earningMinor(body.lines, body.currency));
  return { totalMinor, earnBaseMinor };
}

/**
 * JSON with keys in a fixed order and every amount in the currency's own form ("19.9" → "19.90"),
 * so equal sales are equal text however the POS wrote them.
 */
export function canonicalBody(body: SalePut): string {
  const amount = (text: string): string => formatMoneyMachine(minorUnits(text, 'amount', body.currency), body.currency);
  const normal: SalePut = { ...body, total: amount(body.total), ...(body.lines === undefined ? {} : { lines: body.lines.map((l) => ({ ...l, amount: amount(l.amount) })) }) };
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sorted(normal));
}

/** A stored body in today's canonical form (one stored before amounts were normalised is re-read). */
function recanonical(storedText: string): string {
  try {
    return canonicalBody(JSON.parse(storedText) as SalePut);
  } catch {
    return storedText;
  }
}

/** True when the stored body and a replay's canonical text are the same sale. */
export function sameBody(storedText: string, sentCanonical: string): boolean {
  return storedText === sentCanonical || recanonical(storedText) === sentCanonical;
}

export interface BodyDifference {
  field: string;
  stored: unknown;
  sent: unknown;
}

/** The top-level fields (and, for lines, each differing line) where a replayed body differs from the stored one. */
export function bodyDifferences(storedText: string, sent: SalePut): BodyDifference[] {
  const stored = JSON.parse(recanonical(storedText)) as Record<string, unknown>;
  const now = JSON.parse(canonicalBody(sent)) as Record<string, unknown>;
  const out: BodyDifference[] = [];
  for (const field of [...new Set([...Object.keys(stored), ...Object.keys(now)])].sort()) {
    const a = stored[field];
    const b = now[field];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (field === 'lines' && Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) out.push({ field: `lines[${i}]`, stored: a[i] ?? null, sent: b[i] ?? null });
      }
      continue;
    }
    out.push({ field, stored: a ?? null, sent: b ?? null });
  }
  return out;
}
