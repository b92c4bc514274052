/**
 * Settings under a fleet policy: what the till reads is the stored settings with the policy's
 * values laid over them (the stored ones come back when the policy drops a value), and a change
 * to a locked field is refused here, in main, whoever asks — the settings screen, a forged IPC
 * call or the web host. The wrapper passes everything else to the settings it wraps.
 */
import { lockedFields, POLICY_FLEET_ONLY, tillIdMatches } from '../../../shared/policy/policy-schema.ts';
import type { PolicySettingName, TillPolicy } from '../../../shared/policy/policy-schema.ts';
import { matchLocale } from '../../../shared/i18n/locales.ts';
import type { Settings, SettingsPatch } from '../settings/settings-schema.ts';
import type { SettingsService } from '../settings/settings-file.ts';

/** A change the policy forbids; `fields` names what was refused. */
export class PolicyLockedError extends Error {
  override name = 'PolicyLockedError';
  readonly fields: readonly string[];
  constructor(fields: readonly string[], message: string) {
    super(message);
    this.fields = fields;
  }
}

export const MANAGED_MESSAGE = 'Managed by your organisation';

type SettingsField = Exclude<PolicySettingName, 'posLink'>;

/** The stored settings with the policy's values in force (not re-validated: the policy was checked as a whole when loaded). */
export function policyOverlay(stored: Settings, policy: TillPolicy | null): Settings {
  if (policy === null) return stored;
  const out: Record<string, unknown> = { ...stored };
  for (const [name, entry] of Object.entries(policy.settings)) {
    if (entry?.value === undefined || (POLICY_FLEET_ONLY as readonly string[]).includes(name)) continue;
    // A fleet names a language (`de-AT`); the till runs the nearest one it ships, or follows the OS.
    out[name as SettingsField] = name === 'language' ? matchLocale(entry.value as string) : entry.value;
  }
  return out as unknown as Settings;
}

/** Fields of a patch the policy refuses, and why (locked, or a till id off the pattern). */
export function policyRefusal(patch: SettingsPatch, policy: TillPolicy | null): PolicyLockedError | null {
  if (policy === null) return null;
  const locked = lockedFields(policy).filter((name) => (patch as Record<string, unknown>)[name] !== undefined);
  if (locked.length > 0) {
    return new PolicyLockedError(locked, `${locked.join(', ')} ${locked.length === 1 ? 'is' : 'are'} managed by your organisation and cannot be changed at the till.`);
  }
  const pattern = policy.tillIdPattern;
  if (pattern !== undefined && typeof patch.tillId === 'string' && !tillIdMatches(patch.tillId, pattern)) {
    return new PolicyLockedError(['tillId'], `Your organisation requires till ids to match ${pattern}; "${patch.tillId}" does not.`);
  }
  return null;
}

export function managedSettings<S extends SettingsService>(inner: S, policy: () => TillPolicy | null): S {
  let seen: { stored: Settings; policy: TillPolicy | null; effective: Settings } | null = null;
  const get = (): Settings => {
    const stored = inner.get();
    const p = policy();
    // Same object while nothing changed, as callers compare settings by identity.
    if (seen === null || seen.stored !== stored || seen.policy !== p) seen = { stored, policy: p, effective: policyOverlay(stored, p) };
    return seen.effective;
  };
  const wrapper = Object.create(inner) as S;
  Object.defineProperties(wrapper, {
    get: { value: get },
    update: {
      value(patch: SettingsPatch): Settings {
        const refusal = policyRefusal(patch, policy());
        if (refusal !== null) throw refusal;
        inner.update(patch);
        return get();
      },
    },
  });
  return wrapper;
}
