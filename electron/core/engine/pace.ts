/** Waits for a pacing slot (background work only; the cashier's calls use tryReserve). */
import type { Ctx } from './context.ts';

export async function paced(ctx: Ctx): Promise<void> {
  const wait = ctx.pacer?.reserve() ?? 0;
  if (wait > 0) await ctx.sleep(wait);
}
