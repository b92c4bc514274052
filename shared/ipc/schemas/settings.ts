/**
 * The till's settings as they cross the IPC door: what the manager can change, with a default for
 * every field, so that `settingsSchema.parse({})` is a complete, working configuration (the
 * sandbox) and a file written by an older version still loads. Pure zod: the renderer's settings
 * screen validates with this same schema.
 *
 * Field rules owned elsewhere are reused, not copied: the earn rule (shared/earn) and the custom
 * scan pattern check (shared/scan). The base URL is only checked for shape here; main adds its
 * transport policy (https, or http to loopback only) in electron/core/settings/settings-schema.ts.
 */
import { z } from 'zod';
import { entityId } from '../../api/schemas.ts';
import { DEFAULT_NO_RESEND_WINDOW_MS } from '../../api/server-assumptions.ts';
import { earnRuleSchema } from '../../earn/earn-rule.ts';
import { compileScanPattern } from '../../scan/scan-parser.ts';
import { DAY_START_PATTERN, DEFAULT_DAY_START } from '../../time/business-day.ts';
import { compileReceiptCodePattern } from '../../pos/receipt-code.ts';
import { SUPPORTED_LOCALES } from '../../i18n/locales.ts';

export const DEFAULT_BASE_URL = 'https://flash.socialhub.ai/api/v2';

/** A shipped language (shared/i18n/locales), or null to follow the OS locale. */
const language = z
  .string()
  .refine((s) => SUPPORTED_LOCALES.includes(s), 'must be one of the till’s languages')
  .nullable();

/** ISO 4217, as this runtime's Intl knows it (it gives the minor units: JPY 0, EUR 2, KWD 3). */
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
  .refine((c) => Intl.supportedValuesOf('currency').includes(c), 'is not a currency this till knows');

const noResendWindowMs = z.number().int().min(2_000).max(3_600_000);

/** Shape only (an absolute http(s) URL, no credentials); main applies the full policy. */
export const baseUrlShape = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL without a user name or password');

/** `HH:MM`, 24-hour: when the business day rolls over (used when txn ids restart daily). */
const clockTime = z.string().regex(DAY_START_PATTERN, 'must be a time as HH:MM (00:00–23:59)');

/** The shared earn rule (shared/earn), defaulted as a whole: one point per currency unit, rounded down. */
export const earnRuleSettingsSchema = earnRuleSchema.prefault({ pointsPerUnit: 1, rounding: 'floor', applyTierMultiplier: true });

/** Characters a scanner may be set to send around the payload: printable, no control codes. */
const affix = z.string().max(8).regex(/^[\x20-\x7e]*$/, 'must be printable ASCII');

/** The tenant's own code format (see shared/scan: a regex source with a `member`/`coupon` group), or null. */
const customPatternSchema = z
  .string()
  .max(200)
  .superRefine((s, ctx) => {
    // The scan parser's own rules (named group, no catastrophic backtracking), checked at the door.
    const compiled = compileScanPattern(s);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.message });
  })
  .nullable();

// Field schemas without defaults: a patch must say only what it changes (zod applies an inner
// default even under .optional(), which would silently reset the fields a patch left out).
const scannerFields = {
  /** Longest gap between keystrokes that still counts as one scan (scanners type in ~5–30 ms). */
  maxGapMs: z.number().int().min(5).max(500),
  prefix: affix,
  suffix: affix,
  terminator: z.enum(['enter', 'tab', 'none']),
  minLength: z.number().int().min(1).max(256),
  customPattern: customPatternSchema,
};
const cameraFields = {
  /** A `MediaDeviceInfo.deviceId`, or null for the system's default camera. */
  deviceId: z.string().max(512).nullable(),
};

export const scannerSettingsSchema = z
  .object({
    maxGapMs: scannerFields.maxGapMs.default(50),
    prefix: scannerFields.prefix.default(''),
    suffix: scannerFields.suffix.default(''),
    terminator: scannerFields.terminator.default('enter'),
    minLength: scannerFields.minLength.default(4),
    customPattern: scannerFields.customPattern.default(null),
  })
  .prefault({});

/** Receipt barcode/QR format for a POS without the link: a regex with named groups `txn` and `total`, or null. */
const receiptCodePatternSchema = z
  .string()
  .max(300)
  .superRefine((s, ctx) => {
    const compiled = compileReceiptCodePattern(s);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.message });
  })
  .nullable();

const posLinkFields = {
  /** The loopback API a POS hands sales to; off until a manager turns it on. */
  enabled: z.boolean(),
  /** 127.0.0.1 / ::1 port. */
  port: z.number().int().min(1024).max(65_535),
  /** Award as soon as the member's card is shown, without the cashier's confirm. */
  autoAwardWhenCardShown: z.boolean(),
  /** A sale waiting this long without a member shows a nudge at the till. */
  noMemberNudgeSeconds: z.number().int().min(5).max(600),
  receiptCodePattern: receiptCodePatternSchema,
};

export const posLinkSettingsSchema = z
  .object({
    enabled: posLinkFields.enabled.default(false),
    port: posLinkFields.port.default(8787),
    autoAwardWhenCardShown: posLinkFields.autoAwardWhenCardShown.default(false),
    noMemberNudgeSeconds: posLinkFields.noMemberNudgeSeconds.default(45),
    receiptCodePattern: posLinkFields.receiptCodePattern.default(null),
  })
  .prefault({});

export const cameraSettingsSchema = z.object({ deviceId: cameraFields.deviceId.default(null) }).prefault({});

export const settingsSchema = z.object({
  /** `sandbox` talks to the embedded SocialHub sandbox with fl_test_ keys; `live` to the real API. */
  mode: z.enum(['sandbox', 'live']).default('sandbox'),
  baseUrl: baseUrlShape.default(DEFAULT_BASE_URL),
  /** Null until the manager picks the store and names this till: the engine refuses to award until then. */
  storeId: entityId.nullable().default(null),
  tillId: entityId.nullable().default(null),
  /** Whether POS transaction ids are unique forever, or only within one business day. */
  txnIdScope: z.enum(['forever', 'business-day']).default('forever'),
  businessDayStartsAt: clockTime.default(DEFAULT_DAY_START),
  earnRule: earnRuleSettingsSchema,
  scanner: scannerSettingsSchema,
  camera: cameraSettingsSchema,
  posLink: posLinkSettingsSchema,
  journalRetentionDays: z.number().int().min(7).max(3650).default(90),
  managerAutoLockMinutes: z.number().int().min(1).max(240).default(5),
  /** How old a displayed member card may be before the till refetches it. */
  cardFreshnessMinutes: z.number().int().min(1).max(1440).default(10),
  kiosk: z.boolean().default(false),
  /**
   * The till's language; null follows the OS. A stored language this build no longer ships
   * falls back to null rather than rejecting the whole settings file.
   */
  language: language.default(null).catch(null),
  /** The store's currency. Settings saved before there was one are US tills: USD. */
  currency: currency.default('USD'),
  requestTimeoutMs: z.number().int().min(1000).max(120_000).default(15_000),
  /**
   * The no-resend window: after a write's outcome is unknown, the till waits this long before
   * the ledger may prove it absent and it is sent again — the longest the till assumes
   * SocialHub may take to apply a request. Never less than twice the request timeout.
   */
  noResendWindowMs: noResendWindowMs.default(DEFAULT_NO_RESEND_WINDOW_MS),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

/**
 * What `settings:update` accepts: any subset of the top-level fields; a nested group (earnRule,
 * scanner, camera, posLink) may name any of its fields and is merged field by field, so a save
 * changes only what it names and the settings screen edits one section at a time.
 * Strict, so a misspelt field is an error rather than silently ignored.
 */
export const settingsPatchSchema = z.strictObject({
  mode: z.enum(['sandbox', 'live']).optional(),
  baseUrl: baseUrlShape.optional(),
  storeId: entityId.nullable().optional(),
  tillId: entityId.nullable().optional(),
  txnIdScope: z.enum(['forever', 'business-day']).optional(),
  businessDayStartsAt: clockTime.optional(),
  /** Groups are merged field by field into the current settings. */
  earnRule: earnRuleSchema.partial().optional(),
  scanner: z.strictObject(scannerFields).partial().optional(),
  camera: z.strictObject(cameraFields).partial().optional(),
  posLink: z.strictObject(posLinkFields).partial().optional(),
  journalRetentionDays: z.number().int().min(7).max(3650).optional(),
  managerAutoLockMinutes: z.number().int().min(1).max(240).optional(),
  cardFreshnessMinutes: z.number().int().min(1).max(1440).optional(),
  kiosk: z.boolean().optional(),
  language: language.optional(),
  currency: currency.optional(),
  requestTimeoutMs: z.number().int().min(1000).max(120_000).optional(),
  noResendWindowMs: noResendWindowMs.optional(),
});
export type SettingsPatch = z.output<typeof settingsPatchSchema>;
