/**
 * The settings schema main enforces: the shared one (shared/ipc/schemas/settings.ts, which the
 * IPC door and the renderer use) plus the base-URL transport policy from electron/core/api —
 * plain http only to loopback, no credentials, stored normalised without a trailing slash.
 * Everything that is loaded from disk or saved goes through this stricter schema.
 */
import { z } from 'zod';
import { checkBaseUrl } from '../api/base-url-policy.ts';
import { DEFAULT_BASE_URL, settingsSchema as sharedSettingsSchema } from '../../../shared/ipc/schemas/settings.ts';
import type { SettingsPatch } from '../../../shared/ipc/schemas/settings.ts';

export { DEFAULT_BASE_URL, settingsPatchSchema } from '../../../shared/ipc/schemas/settings.ts';
export type { SettingsPatch } from '../../../shared/ipc/schemas/settings.ts';

const baseUrl = z
  .string()
  .max(2048)
  .superRefine((s, ctx) => {
    const check = checkBaseUrl(s);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
  })
  .transform((s) => {
    const check = checkBaseUrl(s);
    return check.ok ? check.url : s;
  });

export const settingsSchema = sharedSettingsSchema.extend({ baseUrl: baseUrl.default(DEFAULT_BASE_URL) });

export type Settings = z.output<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

/** Apply a patch and re-validate the whole: a patch can never produce an invalid settings object. Throws a ZodError otherwise. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    // Groups (earn rule, scanner, camera) merge field by field: a patch changes only what it names.
    const before = merged[k];
    merged[k] = isPlainObject(v) && isPlainObject(before) ? { ...before, ...v } : v;
  }
  return settingsSchema.parse(merged);
}
