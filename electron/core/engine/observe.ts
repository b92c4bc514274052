/** Every API result passes through here: connectivity tracking and the retry delay it implies. */
import type { ApiFailure, ApiResult } from '../api/index.ts';
import type { AttemptOutcome } from '../journal/index.ts';
import { retryDelayMs } from './backoff.ts';
import type { Ctx } from './context.ts';

/** What the attempt's audit line says about a failure. */
export function failureOutcome(f: ApiFailure): AttemptOutcome {
  return { ...(f.status !== undefined && { httpStatus: f.status }), latencyMs: f.latencyMs, reason: f.reason, message: f.message.slice(0, 1000) };
}

/** Delay for a not-applied failure, also telling the connectivity tracker about it. */
export function observeFailure(ctx: Ctx, result: ApiResult<unknown>, attempt: number): number {
  const delay = result.ok ? 0 : retryDelayMs(result.failure, Math.max(attempt, ctx.link.consecutiveFailures), ctx.backoff, ctx.random);
  ctx.link.observe(result, delay);
  return delay;
}

