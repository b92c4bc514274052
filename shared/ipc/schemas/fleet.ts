/**
 * Channels for fleet operations: what the fleet policy manages (so the settings screen can show
 * "Managed by your organisation" and disable those fields) and the manager's "Save a support
 * bundle". Main enforces the locks itself; this is what the views read.
 */
import { z } from 'zod';
import { currencyCodeSchema, languageTagSchema, POLICY_SETTING_NAMES } from '../../policy/policy-schema.ts';
import type { PolicySettingName } from '../../policy/policy-schema.ts';

const isoTime = z.iso.datetime();
const policySettingName = z.enum(POLICY_SETTING_NAMES as [PolicySettingName, ...PolicySettingName[]]);

export const policyStatusSchema = z.object({
  /** `none`: no policy file; `applied`: in force; `rejected`: the file failed its check and the last good policy (or none) stays in force. */
  status: z.enum(['none', 'applied', 'rejected']),
  /** Where the till looks for the policy (a machine-wide path, never a home folder). */
  path: z.string().max(1024),
  /** Settings the policy locks: shown as "Managed by your organisation", refused by settings:update. */
  locked: z.array(policySettingName),
  /** Settings whose value comes from the policy (locked or not). */
  managed: z.array(policySettingName),
  /** Fleet values that are not settings. */
  fleet: z.object({
    posLinkEnabled: z.boolean().nullable(),
    language: languageTagSchema.nullable(),
    currency: currencyCodeSchema.nullable(),
  }),
  /** A till id must match this pattern, or null. */
  tillIdPattern: z.string().max(200).nullable(),
  /** The field at fault while `rejected`. */
  problem: z.object({ field: z.string().max(300), message: z.string().max(500) }).nullable(),
  appliedAt: isoTime.nullable(),
  /** The sentence the settings screen shows beside a locked field. */
  lockedLabel: z.string(),
});
export type PolicyStatusView = z.output<typeof policyStatusSchema>;

export const supportBundleResultSchema = z.discriminatedUnion('saved', [
  z.object({
    saved: z.literal(true),
    /** Where the zip was written (Electron: where the manager chose; web host: its downloads folder). */
    path: z.string().max(4096),
    bytes: z.number().int().nonnegative(),
    /** The files inside the zip. */
    entries: z.array(z.string().max(200)).max(200),
  }),
  /** The manager cancelled the save dialog. */
  z.object({ saved: z.literal(false) }),
]);
export type SupportBundleResult = z.output<typeof supportBundleResultSchema>;
