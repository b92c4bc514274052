/**
 * Settings under a fleet policy: what the till reads is the stored settings with the policy's
 * values laid over them (the stored ones come back when the policy drops a value), and a change
 * to a locked field is refused here, in main, whoever asks — the settings screen, a forged IPC
 * call, the POS link's own channel or the web host. A till reset keeps what the policy freezes.
 * The wrapper passes everything else to the settings it wraps.
 *
 * The policy's `posLink` is the POS link's on/off only: it is laid over `posLink.enabled`, and a
 * lock refuses turning the link on or off (its port and options stay the manager's).
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import { lockedFields, tillIdMatches } from '../../../shared/policy/policy-schema.ts';
import type { PolicySettingName, TillPolicy } from '../../../shared/policy/policy-schema.ts';
import { matchLocale } from '../../../shared/i18n/locales.ts';
import { defaultSettings } from '../settings/settings-schema.ts';
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

/** The refusal as the door answers it, whichever channel tried the change. */
export function policyLockedIpcError(e: PolicyLockedError): IpcError {
  return new IpcError('SETTINGS_LOCKED', e.message, e.fields.map((f) => ({ path: [f], message: MANAGED_MESSAGE })));
}

/** The stored settings with the policy's values in force (not re-validated: the policy was checked as a whole when loaded). */
export function policyOverlay(stored: Settings, policy: TillPolicy | null): Settings {
  if (policy === null) return stored;
  const out: Record<string, unknown> = { ...stored };
  for (const [name, entry] of Object.entries(policy.settings)) {
    if (entry?.value === undefined) continue;
    if (name === 'posLink') out.posLink = { ...stored.posLink, ...(entry.value as { enabled: boolean }) };
    // A fleet names a language (`de-AT`); the till runs the nearest one it ships, or follows the OS.
    else out[name] = name === 'language' ? matchLocale(entry.value as string) : entry.value;
  }
  return out as unknown as Settings;
}

/** Whether a patch's value says what is in force already (for a group: every key it gives). */
function sameAs(given: unknown, inForce: unknown): boolean {
  if (given !== null && inForce !== null && typeof given === 'object' && typeof inForce === 'object' && !Array.isArray(given)) {
    return Object.entries(given).every(([k, v]) => v === undefined || sameAs(v, (inForce as Record<string, unknown>)[k]));
  }
  return JSON.stringify(given) === JSON.stringify(inForce);
}

/**
 * Whether a patch changes what the policy's field governs (for `posLink`, only its on/off). A
 * value equal to the one in force is no change: the settings screen sends every group with each save.
 */
function touches(patch: SettingsPatch, name: PolicySettingName, inForce: Settings | null): boolean {
  const given = name === 'posLink' ? patch.posLink?.enabled : (patch as Record<string, unknown>)[name];
  if (given === undefined) return false;
  return inForce === null || !sameAs(given, name === 'posLink' ? inForce.posLink.enabled : inForce[name]);
}

/**
 * Fields of a patch the policy refuses, and why (locked, or a till id off the pattern, clearing it
 * included). Given the settings in force, a locked field sent unchanged is not refused.
 */
export function policyRefusal(patch: SettingsPatch, policy: TillPolicy | null, inForce: Settings | null = null): PolicyLockedError | null {
  if (policy === null) return null;
  const locked = lockedFields(policy).filter((name) => touches(patch, name, inForce));
  if (locked.length > 0) {
    return new PolicyLockedError(locked, `${locked.join(', ')} ${locked.length === 1 ? 'is' : 'are'} managed by your organisation and cannot be changed at the till.`);
  }
  const pattern = policy.tillIdPattern;
  if (pattern !== undefined && patch.tillId !== undefined && (patch.tillId === null || !tillIdMatches(patch.tillId, pattern))) {
    const what = patch.tillId === null ? 'it cannot be cleared' : `"${patch.tillId}" does not`;
    return new PolicyLockedError(['tillId'], `Your organisation requires till ids to match ${pattern}; ${what}.`);
  }
  return null;
}

/**
 * What a till reset must keep: the fields the policy locks without a value ("freeze what the till
 * has now"), as a patch over factory settings. Fields locked with a value need nothing: the
 * policy's value is laid over whatever is stored.
 */
export function frozenByPolicy(current: Settings, policy: TillPolicy | null): SettingsPatch {
  if (policy === null) return {};
  const keep: Record<string, unknown> = {};
  for (const name of lockedFields(policy)) {
    if (policy.settings[name]?.value !== undefined) continue;
    keep[name] = name === 'posLink' ? { ...defaultSettings().posLink, enabled: current.posLink.enabled } : current[name];
  }
  return keep;
}

/** A patch without the locked fields (sent unchanged): the manager's stored values stay for when the policy drops its own. */
function withoutLocked(patch: SettingsPatch, policy: TillPolicy | null): SettingsPatch {
  const out: Record<string, unknown> = { ...patch };
  for (const name of lockedFields(policy)) {
    if (name !== 'posLink') delete out[name];
    else if (patch.posLink !== undefined) out.posLink = Object.fromEntries(Object.entries(patch.posLink).filter(([k]) => k !== 'enabled'));
  }
  return out;
}

/** Settings that can go back to factory (the sealed settings), keeping what it is told to. */
interface Resettable {
  resetToFactory(keep?: SettingsPatch): Settings;
}
const resettable = (s: SettingsService): s is SettingsService & Resettable => typeof (s as Partial<Resettable>).resetToFactory === 'function';

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
        const p = policy();
        const refusal = policyRefusal(patch, p, get());
        if (refusal !== null) throw refusal;
        inner.update(withoutLocked(patch, p));
        return get();
      },
    },
  });
  if (resettable(inner)) {
    Object.defineProperty(wrapper, 'resetToFactory', {
      value(keep: SettingsPatch = {}): Settings {
        // One write with the frozen fields in it: a crash mid-reset never leaves them at factory values.
        inner.resetToFactory({ ...keep, ...frozenByPolicy(inner.get(), policy()) });
        return get();
      },
    });
  }
  return wrapper;
}
