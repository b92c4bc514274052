/**
 * Whether a policy file's text can be applied, all or nothing: the shared schema first, then what
 * only main knows — the base URL's transport rule and whether keys may go there under the
 * policy's own allow-list, the telemetry and update modules' own rules for the collector and feed
 * addresses (one rule each: a policy that passes here never makes them refuse to start), and that
 * the values together still make valid settings.
 */
import type { z } from 'zod';
import { issuePath, tillPolicySchema } from '../../../shared/policy/policy-schema.ts';
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';
import { checkLiveOrigin, DEFAULT_ORIGIN_ALLOW_LIST } from '../api/index.ts';
import { defaultSettings, settingsSchema } from '../settings/settings-schema.ts';
import { otlpEndpointSchema } from '../telemetry/telemetry-options.ts';
import { updateFeedUrlSchema } from '../update/update-feed.ts';
import { policyOverlay } from './managed-settings.ts';

export type PolicyCheck = { ok: true; policy: TillPolicy } | { ok: false; field: string; message: string };

export function checkPolicyText(text: string, options: { releaseBuild: boolean }): PolicyCheck {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, field: '(file)', message: 'is not valid JSON' };
  }
  const parsed = tillPolicySchema.safeParse(json);
  if (!parsed.success) return firstIssue(parsed.error);
  const policy = parsed.data;
  // Applied to factory settings, the values must still make valid settings (main's stricter base-URL rule included).
  const merged = settingsSchema.safeParse(policyOverlay(defaultSettings(), policy));
  if (!merged.success) return firstIssue(merged.error, 'settings');
  const baseUrl = policy.settings.baseUrl?.value;
  if (baseUrl !== undefined) {
    const check = checkLiveOrigin(baseUrl, { allowList: policy.originAllowList ?? DEFAULT_ORIGIN_ALLOW_LIST, releaseBuild: options.releaseBuild });
    if (!check.ok) return { ok: false, field: 'settings.baseUrl.value', message: check.message };
  }
  // The modules' own rules for the addresses they use, so a policy that passes here is one they take.
  const addresses: [string, string | undefined, z.ZodType][] = [
    ['telemetry.otlpEndpoint', policy.telemetry?.otlpEndpoint, otlpEndpointSchema],
    ['updates.feedUrl', policy.updates?.feedUrl, updateFeedUrlSchema],
  ];
  for (const [field, value, schema] of addresses) {
    if (value === undefined) continue;
    const checked = schema.safeParse(value);
    if (!checked.success) return { ok: false, field, message: checked.error.issues[0]?.message ?? 'is not a valid address' };
  }
  return { ok: true, policy };
}

function firstIssue(error: z.ZodError, prefix?: string): PolicyCheck {
  const issue = error.issues[0];
  if (issue === undefined) return { ok: false, field: '(file)', message: 'was not accepted' };
  if (prefix === undefined) return { ok: false, field: issuePath(issue.path) || '(file)', message: issue.message };
  const [name, ...rest] = issue.path;
  return { ok: false, field: issuePath([prefix, name ?? '(file)', 'value', ...rest]), message: issue.message };
}
