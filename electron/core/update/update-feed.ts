/**
 * The static update feed's layout, shared by the Forge config (where releases are published and
 * what the makers' manifests point at) and the Electron update client (where it looks):
 * `<feed>/<channel>/<platform>/<arch>`. A fleet's policy picks the channel.
 */
import { z } from 'zod';
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';

export const UPDATE_CHANNELS = ['stable', 'pilot'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

/**
 * The feed's root, https only (a till must not take code over plain HTTP), and without a user name
 * or password: the feed's address is logged when it cannot be read. No query or fragment either: the
 * channel's path is appended to the address, and a signed URL's signature would be logged too.
 */
export const updateFeedUrlSchema = z
  .url({ protocol: /^https$/, error: 'must be an https:// URL' })
  .refine((u) => new URL(u).username === '' && new URL(u).password === '', 'must not carry a user name or password')
  .refine((u) => !/[?#]/.test(u), 'must not carry a query string or fragment');

export const updateConfigSchema = z.strictObject({
  channel: z.enum(UPDATE_CHANNELS).default('stable'),
  feedUrl: updateFeedUrlSchema,
});
export type UpdateConfigInput = z.input<typeof updateConfigSchema>;
export type UpdateConfig = z.output<typeof updateConfigSchema>;

export function updateFeedUrl(feedUrl: string, channel: UpdateChannel, platform: string, arch: string): string {
  return `${feedUrl.replace(/\/+$/, '')}/${channel}/${platform}/${arch}`;
}

/**
 * Until a fleet policy supplies it: `TILL_UPDATE_FEED_URL` and `TILL_UPDATE_CHANNEL`. Null when
 * no feed is set (no update checks); a malformed value is an error naming the variable.
 */
export function updateConfigFromEnv(env: Readonly<Record<string, string | undefined>>): UpdateConfig | null {
  const feedUrl = env.TILL_UPDATE_FEED_URL;
  if (feedUrl === undefined || feedUrl === '') return null;
  const channel = env.TILL_UPDATE_CHANNEL;
  const parsed = updateConfigSchema.safeParse({ feedUrl, ...(channel === undefined || channel === '' ? {} : { channel }) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path[0] === 'channel' ? 'TILL_UPDATE_CHANNEL' : 'TILL_UPDATE_FEED_URL'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The feed in force: the policy's `updates` (channel, and the feed when it names one) over the
 * host's own (the environment's). No feed anywhere: no update checks.
 */
export function updateConfigFor(policy: TillPolicy | null, host: UpdateConfig | null): UpdateConfig | null {
  const fromPolicy = policy?.updates;
  const feedUrl = fromPolicy?.feedUrl ?? host?.feedUrl;
  if (feedUrl === undefined) return null;
  return { feedUrl, channel: fromPolicy?.channel ?? host?.channel ?? 'stable' };
}
