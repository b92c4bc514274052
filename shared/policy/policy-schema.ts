/**
 * The fleet policy: a JSON file IT places in the machine-wide folder (see electron/core/policy)
 * that sets settings and may lock them, so a manager at the counter cannot change them.
 *
 * Every managed setting is `{ "value": …, "locked": true|false }`: a value overrides what the
 * manager stored (the stored one comes back when the policy drops it); `locked` refuses changes
 * through the till (main enforces it; the settings screen shows "Managed by your organisation").
 * `locked` without a value freezes whatever the till has now. Values are checked by the same
 * field schemas as the settings themselves, so a policy can never set what Settings could not.
 *
 * Rules that are not settings (where keys may go, the till-id pattern) always apply as given.
 * `telemetry` and `updates` are read by the telemetry and update modules. Pure zod: the renderer
 * shows the same names.
 */
import { z } from 'zod';
import { entityId } from '../api/schemas.ts';
import { earnRuleSchema } from '../earn/earn-rule.ts';
import { baseUrlShape, settingsPatchSchema, settingsSchema } from '../ipc/schemas/settings.ts';
import { originAllowListSchema } from '../net/origin-allow-list.ts';

/** `{ value?, locked }` around one field's schema. */
function managed<T extends z.ZodType>(value: T) {
  return z.strictObject({ value: value.optional(), locked: z.boolean().default(false) });
}

const patchFields = settingsPatchSchema.shape;

/** A till id pattern: a regular expression the whole till id must match (e.g. `^T[0-9]{2}$`). */
export const tillIdPatternSchema = z
  .string()
  .min(1)
  .max(200)
  .superRefine((s, ctx) => {
    try {
      new RegExp(s, 'u');
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a valid regular expression' });
    }
  });

/** BCP 47 language tag as the till uses it: `en`, `fr-CA`, `zh-Hant-TW`. */
export const languageTagSchema = z.string().regex(/^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/, 'must be a language tag such as en or fr-CA');
/** ISO 4217 currency code. */
export const currencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD');

/**
 * The managed settings: each maps to the settings field of the same name (`language` to the
 * nearest shipped language); `posLink` is the POS link's on/off (`posLink.enabled`) only.
 */
export const policySettingsSchema = z.strictObject({
  mode: managed(z.enum(['sandbox', 'live'])),
  baseUrl: managed(baseUrlShape),
  storeId: managed(entityId),
  earnRule: managed(earnRuleSchema),
  txnIdScope: managed(z.enum(['forever', 'business-day'])),
  businessDayStartsAt: managed(patchFields.businessDayStartsAt.unwrap()),
  journalRetentionDays: managed(patchFields.journalRetentionDays.unwrap()),
  managerAutoLockMinutes: managed(patchFields.managerAutoLockMinutes.unwrap()),
  cardFreshnessMinutes: managed(patchFields.cardFreshnessMinutes.unwrap()),
  kiosk: managed(z.boolean()),
  scanner: managed(settingsSchema.shape.scanner.unwrap()),
  posLink: managed(z.strictObject({ enabled: z.boolean() })),
  language: managed(languageTagSchema),
  currency: managed(currencyCodeSchema),
});

export const telemetryPolicySchema = z.strictObject({
  /** The chain's OTLP/HTTP collector; absent = telemetry off. */
  otlpEndpoint: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  /** How often metrics leave the till, in seconds (absent: every 60 s). */
  exportIntervalSeconds: z.number().int().min(1).max(300).optional(),
  traces: z.boolean().default(false),
});

export const updatesPolicySchema = z.strictObject({
  channel: z.enum(['stable', 'pilot']).default('stable'),
  feedUrl: z.url({ protocol: /^https$/ }).max(2048).optional(),
});

export const tillPolicySchema = z.strictObject({
  /** Lets editors validate the file; ignored by the till. */
  $schema: z.string().max(2048).optional(),
  settings: policySettingsSchema.partial().default({}),
  /** Hosts a live till may send its keys to; replaces the default `*.socialhub.ai`. */
  originAllowList: originAllowListSchema.optional(),
  /** The till id must match this regular expression (whole id). */
  tillIdPattern: tillIdPatternSchema.optional(),
  telemetry: telemetryPolicySchema.optional(),
  updates: updatesPolicySchema.optional(),
});

export type TillPolicy = z.output<typeof tillPolicySchema>;
export type PolicySettingName = keyof z.output<typeof policySettingsSchema>;
export const POLICY_SETTING_NAMES = Object.keys(policySettingsSchema.shape) as PolicySettingName[];

/** A till id checked against the policy's pattern (whole match). */
export function tillIdMatches(tillId: string, pattern: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(tillId);
  } catch {
    return false;
  }
}

/** Fields the policy locks, in schema order. */
export function lockedFields(policy: TillPolicy | null): PolicySettingName[] {
  if (policy === null) return [];
  return POLICY_SETTING_NAMES.filter((name) => policy.settings[name]?.locked === true);
}

/** Which setting a validation issue is about, as the manager reads it: `settings.earnRule.pointsPerUnit`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}
