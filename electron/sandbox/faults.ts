/**
 * Fault injection: rules that make matching requests slow, fail, vanish or hang, so the till's
 * exactly-once and unknown-outcome handling can be tested against a real socket.
 *
 * A rule matches a route key (or `*`) and optionally one path id. It fires on every match, on the
 * next `count` matches, and/or with `probability` drawn from its own seeded PRNG (reproducible).
 */
import { z } from 'zod';
import { entityId } from '../../shared/api/schemas.ts';
import { mulberry32, type Rng } from './prng.ts';
import { ROUTE_KEYS, type RouteKey } from './route-table.ts';

/** A header value Node will accept verbatim (tests send HTTP-dates and garbage on purpose). */
const headerValue = z.string().max(200).regex(/^[\x20-\x7e]*$/, 'must be printable ASCII');

const match = {
  route: z.enum(['*', ...ROUTE_KEYS]),
  /** Only requests for this member/coupon/store id. */
  id: entityId.optional(),
  /** Fire on the next N matching requests, then retire. Without it the rule stays until cleared. */
  count: z.int().min(1).optional(),
  /** Fire with this probability per matching request (seeded). */
  probability: z.number().gt(0).max(1).optional(),
  /** PRNG seed for `probability` (default: derived from the sandbox seed and the rule's position). */
  seed: z.int().optional(),
};

export const faultRuleSchema = z.discriminatedUnion('kind', [
  /** Delay before the request is applied (or, with `phase: 'afterApply'`, before the reply). */
  z.strictObject({ ...match, kind: z.literal('latency'), ms: z.int().min(0).max(600_000), jitterMs: z.int().min(0).max(600_000).optional(), phase: z.enum(['beforeApply', 'afterApply']).optional() }),
  /** Reply with a 5xx (default 503) without applying anything. */
  z.strictObject({ ...match, kind: z.literal('error5xx'), status: z.int().min(500).max(599).optional(), retryAfter: headerValue.optional() }),
  /** Apply the write, then destroy the socket: the client never learns it succeeded. */
  z.strictObject({ ...match, kind: z.literal('applyThenDrop') }),
  /** Destroy the socket without applying anything. */
  z.strictObject({ ...match, kind: z.literal('dropBeforeApply') }),
  /** Hold the request open without applying; after `ms` (default: never) drop it. */
  z.strictObject({ ...match, kind: z.literal('hang'), ms: z.int().min(1).optional() }),
  /** Forced 429 with `Retry-After` sent verbatim (default "1"; null sends no header). */
  z.strictObject({ ...match, kind: z.literal('rateLimit'), retryAfter: headerValue.nullable().optional() }),
  /** This GET .../points read hides ledger entries applied within the last `ms`. */
  z.strictObject({ ...match, kind: z.literal('ledgerLag'), ms: z.int().min(0).max(3_600_000) }),
]);

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultKind = FaultRule['kind'];
type OutcomeRule = Extract<FaultRule, { kind: 'error5xx' | 'applyThenDrop' | 'dropBeforeApply' | 'hang' | 'rateLimit' }>;

export interface FaultPlan {
  latencyBeforeMs: number;
  latencyAfterMs: number;
  lagMs: number;
  /** At most one rule decides how the request ends; the first that fires wins. */
  outcome: OutcomeRule | null;
  fired: FaultKind[];
}

export interface ActiveFault {
  rule: FaultRule;
  /** Firings left for a `count` rule, null when unlimited. */
  remaining: number | null;
}

interface Slot extends ActiveFault {
  rng: Rng;
}

/** Throws a readable error for a bad rule (used by the in-process API; admin HTTP maps it to 400). */
export function parseFaultRule(input: unknown): FaultRule {
  const result = faultRuleSchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid fault rule: ${z.prettifyError(result.error)}`);
  return result.data;
}

export class FaultEngine {
  private slots: Slot[] = [];
  private added = 0;
  private readonly baseSeed: number;

  constructor(baseSeed: number) {
    this.baseSeed = baseSeed;
  }

  set(rules: readonly unknown[]): void {
    const parsed = rules.map(parseFaultRule);
    this.clear();
    for (const rule of parsed) this.push(rule);
  }

  add(rule: unknown): void {
    this.push(parseFaultRule(rule));
  }

  clear(): void {
    this.slots = [];
    this.added = 0;
  }

  list(): ActiveFault[] {
    return this.slots.map(({ rule, remaining }) => ({ rule: { ...rule }, remaining }));
  }

  /** Decides (and consumes counts) for one request. Call once per request. */
  plan(route: RouteKey, id: string | null): FaultPlan {
    const plan: FaultPlan = { latencyBeforeMs: 0, latencyAfterMs: 0, lagMs: 0, outcome: null, fired: [] };
    for (const slot of this.slots) {
      const { rule } = slot;
      if (rule.route !== '*' && rule.route !== route) continue;
      if (rule.id !== undefined && rule.id !== id) continue;
      const isOutcome = rule.kind !== 'latency' && rule.kind !== 'ledgerLag';
      if (isOutcome && plan.outcome) continue;
      if (rule.probability !== undefined && slot.rng() >= rule.probability) continue;
      if (slot.remaining !== null) slot.remaining--;
      plan.fired.push(rule.kind);
      if (rule.kind === 'latency') {
        const ms = rule.ms + (rule.jitterMs ? Math.floor(slot.rng() * (rule.jitterMs + 1)) : 0);
        if (rule.phase === 'afterApply') plan.latencyAfterMs += ms;
        else plan.latencyBeforeMs += ms;
      } else if (rule.kind === 'ledgerLag') {
        plan.lagMs = Math.max(plan.lagMs, rule.ms);
      } else {
        plan.outcome = rule;
      }
    }
    this.slots = this.slots.filter((s) => s.remaining === null || s.remaining > 0);
    return plan;
  }

  private push(rule: FaultRule): void {
    const position = ++this.added;
    const seed = rule.seed ?? (this.baseSeed + 7919 * position) >>> 0;
    this.slots.push({ rule, remaining: rule.count ?? null, rng: mulberry32(seed) });
  }
}
