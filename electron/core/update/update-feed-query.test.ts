/**
 * A feed address with a query string: a blob store's signed URL (`?sv=…&sig=…`) is how many
 * chains publish a static folder. The channel/platform/arch path is appended to the address, so a
 * query would end up in the middle of it (a feed that can never be read), and the feed's address
 * is logged whenever it cannot be read, signature and all. Refused by the feed's one rule, in the
 * policy and from the environment.
 */
import { describe, expect, it } from 'vitest';
import { checkPolicyText } from '../policy/policy-check.ts';
import { updateConfigFromEnv } from './update-feed.ts';

const signed = 'https://tillfeed.blob.core.example/releases?sv=2024-01-01&sig=Zx9Qm2Lk7Wp4Rt8Yv3Nb6Hc1Gf5Dj0Sa';

describe('an update feed address with a query string or fragment', () => {
  it('is refused by the policy check, naming the field, and from the environment', () => {
    expect(checkPolicyText(JSON.stringify({ updates: { feedUrl: signed } }), { releaseBuild: true })).toMatchObject({ ok: false, field: 'updates.feedUrl', message: 'must not carry a query string or fragment' });
    expect(checkPolicyText(JSON.stringify({ updates: { feedUrl: 'https://updates.chain.example/till#pilot' } }), { releaseBuild: true })).toMatchObject({ ok: false, field: 'updates.feedUrl' });
    expect(() => updateConfigFromEnv({ TILL_UPDATE_FEED_URL: signed })).toThrow('TILL_UPDATE_FEED_URL: must not carry a query string or fragment');
  });

  it('holds: a plain https folder is taken', () => {
    expect(checkPolicyText(JSON.stringify({ updates: { feedUrl: 'https://updates.chain.example/till/', channel: 'pilot' } }), { releaseBuild: true })).toMatchObject({ ok: true });
  });
});
