/** Flag values checked before anything is journaled or sent: a bad one is exit 2, never a write. */
import { ID_PATTERN } from '../../../shared/api/schemas.ts';
import { parseSaleAmount } from '../../../shared/earn/earn-rule.ts';
import { isBusinessDate } from '../../../shared/time/business-day.ts';
import { TOKEN_VALUE } from '../../../shared/ledger/sale-token.ts';
import { flag } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { clip, positiveInt } from '../config.ts';
import { usageError } from '../errors.ts';

export function requiredFlag(ctx: CommandContext, name: string): string {
  const v = flag(ctx, name);
  if (v === undefined) throw usageError(`--${name} is required`);
  return v;
}

export function memberId(ctx: CommandContext, name = 'member'): string {
  const v = requiredFlag(ctx, name);
  if (!ID_PATTERN.test(v)) throw usageError(`--${name} must be 1–64 letters, digits, _ or - (got "${clip(v)}")`);
  return v;
}

/** POS transaction / return ids: they go into the ledger marker. */
export function posId(ctx: CommandContext, name: string, required: true): string;
export function posId(ctx: CommandContext, name: string, required: false): string | undefined;
export function posId(ctx: CommandContext, name: string, required: boolean): string | undefined {
  const v = required ? requiredFlag(ctx, name) : flag(ctx, name);
  if (v !== undefined && !TOKEN_VALUE.test(v)) throw usageError(`--${name} must be 1–64 letters, digits, _ or - (got "${clip(v)}")`);
  return v;
}

export function points(ctx: CommandContext, name = 'points'): number | undefined {
  const v = flag(ctx, name);
  return v === undefined ? undefined : positiveInt(v, `--${name}`, 1_000_000);
}

/** Money as typed in the store's currency ("19.99" USD, "1980" JPY, "12.345" KWD) → minor units, exact. */
export function money(ctx: CommandContext, name: string): number | undefined {
  const v = flag(ctx, name);
  if (v === undefined) return undefined;
  const parsed = parseSaleAmount(v, `--${name}`, ctx.config.currency);
  if (!parsed.ok) throw usageError(parsed.message.replace(/^The /, ''));
  return parsed.minor;
}

export function businessDate(ctx: CommandContext): string | undefined {
  const v = flag(ctx, 'business-date');
  if (v !== undefined && !isBusinessDate(v)) throw usageError(`--business-date must be a real date in YYYY-MM-DD form (got "${clip(v)}")`);
  return v;
}
