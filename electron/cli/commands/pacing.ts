/** The read client every ERP-style command uses: paced by the token bucket from --rate/--burst. */
import { createTokenBucket, pacedReadClient } from '../../core/export/index.ts';
import type { ReadClient } from '../../core/export/index.ts';
import type { CommandContext } from '../context.ts';

export function pacedReader(ctx: CommandContext): ReadClient {
  const bucket = createTokenBucket({ ratePerSecond: ctx.config.ratePerSecond, burst: ctx.config.burst });
  return pacedReadClient(ctx.readClient(), bucket);
}
