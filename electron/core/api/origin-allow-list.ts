/**
 * Which origins a live till may send its keys to. The base-URL policy (base-url-policy.ts) says
 * what any API URL must look like; this adds *whose* it may be: https to a host on the allow-list
 * (default: any subdomain of socialhub.ai), or the loopback sandbox in development and QA builds only.
 *
 * The allow-list is deliberately not read from settings.json: a file anyone can edit must not be
 * able to widen where keys go. It is a value the host passes in, so a signed fleet policy can
 * supply a wider one (the shape is `originAllowListSchema`, in shared/net). No Node imports.
 */
import { isLoopbackHost } from './base-url-policy.ts';
import type { OriginAllowList } from '../../../shared/net/origin-allow-list.ts';

export { DEFAULT_ORIGIN_ALLOW_LIST, originAllowListSchema } from '../../../shared/net/origin-allow-list.ts';
export type { OriginAllowList } from '../../../shared/net/origin-allow-list.ts';

export interface LiveOriginPolicy {
  readonly allowList: OriginAllowList;
  /** A release build (packaged, not the QA build) never sends keys to loopback. */
  readonly releaseBuild: boolean;
}

export type LiveOriginCheck = { ok: true; origin: string } | { ok: false; message: string };

/** Exact match on the parsed host name: `evil-socialhub.ai` and `socialhub.ai.evil.com` do not match `*.socialhub.ai`. */
export function hostAllowed(hostname: string, allowList: OriginAllowList): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return allowList.some((entry) => {
    const e = entry.toLowerCase();
    if (!e.startsWith('*.')) return host === e;
    const suffix = e.slice(1); // ".socialhub.ai"
    return host.length > suffix.length && host.endsWith(suffix);
  });
}

/** May a live till send its keys to `baseUrl`? On success, the origin the keys are bound to. */
export function checkLiveOrigin(baseUrl: string, policy: LiveOriginPolicy): LiveOriginCheck {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { ok: false, message: 'The API address is not a valid URL.' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'The API address must not contain a user name or password.' };
  if (isLoopbackHost(url.hostname)) {
    if (policy.releaseBuild) return { ok: false, message: `The API address ${url.origin} is this computer; only a development or QA build may send keys there.` };
    if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, origin: url.origin };
  }
  if (url.protocol !== 'https:') return { ok: false, message: `The API address must use https:// (got ${url.origin}).` };
  if (!hostAllowed(url.hostname, policy.allowList)) {
    return { ok: false, message: `Keys are not sent to ${url.hostname}: only ${policy.allowList.join(', ')} ${policy.allowList.length === 1 ? 'is' : 'are'} allowed.` };
  }
  return { ok: true, origin: url.origin };
}

/** The origin a key is bound to, from a base URL (which the settings schema has already vetted). */
export function originOf(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
