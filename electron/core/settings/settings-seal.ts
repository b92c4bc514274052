/**
 * The settings that decide where keys go — mode, base URL, store — carry an HMAC (till-trust.ts),
 * written by the till whenever a manager changes them. A file whose protected fields do not match
 * (edited by hand, copied from another till, its protection key replaced) is read with those
 * fields at their safe values: sandbox mode, the default base URL, no store. In sandbox mode the
 * stored keys are never used, so nothing is sent with a key until a manager sets them again.
 * The other settings (timeouts, scanner, earn rule, …) are taken as they are.
 */
import { DEFAULT_BASE_URL, applySettingsPatch, defaultSettings } from './settings-schema.ts';
import type { Settings, SettingsPatch } from './settings-schema.ts';
import type { SettingsService } from './settings-file.ts';
import type { TrustStore } from '../auth/till-trust.ts';
import { canonicalJson } from '../auth/till-trust.ts';

const SETTINGS_MAC = 'protected-settings';

type ProtectedFields = Pick<Settings, 'mode' | 'baseUrl' | 'storeId'>;

/** Where a till with untrusted settings stands: no live API, no store, so no key leaves. */
export const SAFE_PROTECTED_FIELDS: Readonly<ProtectedFields> = Object.freeze({ mode: 'sandbox', baseUrl: DEFAULT_BASE_URL, storeId: null });

export const UNTRUSTED_SETTINGS_NOTICE =
  'The mode, base URL or store in the settings file do not match what this till recorded: they were changed outside the till. The till is running in sandbox mode with no store and will not use the stored keys until a manager sets the mode, base URL and store again under Settings.';

function protectedOf(s: Settings): ProtectedFields {
  return { mode: s.mode, baseUrl: s.baseUrl, storeId: s.storeId };
}

function isSafe(p: ProtectedFields): boolean {
  return p.mode === SAFE_PROTECTED_FIELDS.mode && p.baseUrl === SAFE_PROTECTED_FIELDS.baseUrl && p.storeId === SAFE_PROTECTED_FIELDS.storeId;
}

export interface SealedSettings extends SettingsService {
  /** False when the file's protected fields failed their MAC at start (until a manager sets them again). */
  trusted(): boolean;
  /** The settings exactly as stored, untrusted fields included (to judge whether the till holds anything). */
  stored(): Settings;
  /** Back to factory settings, MACed under the current secret (the till reset); `keep` is laid over them (what a fleet policy freezes). */
  resetToFactory(keep?: SettingsPatch): Settings;
}

/** Factory settings, or factory settings with `keep` over them (what a reset keeps: a policy's frozen fields). */
export function isFactorySettings(s: Settings, keep: SettingsPatch = {}): boolean {
  return canonicalJson(s) === canonicalJson(applySettingsPatch(defaultSettings(), keep));
}

export function sealSettings(inner: SettingsService, trust: TrustStore): SealedSettings {
  const verifies = (s: Settings): boolean => trust.settingsMacs().some((mac) => trust.verify(SETTINGS_MAC, protectedOf(s), mac));
  const atStart = protectedOf(inner.get());
  let trusted = isSafe(atStart) || verifies(inner.get());
  // Safe values need no proof; record their MAC so the first change has a predecessor to keep.
  if (trusted && !verifies(inner.get())) trust.setSettingsMacs([trust.mac(SETTINGS_MAC, atStart)]);

  let seenRaw: Settings | null = null;
  let effective: Settings | null = null;
  function get(): Settings {
    const raw = inner.get();
    if (trusted) return raw;
    if (raw !== seenRaw || effective === null) {
      seenRaw = raw;
      effective = { ...raw, ...SAFE_PROTECTED_FIELDS };
    }
    return effective;
  }

  function update(patch: SettingsPatch): Settings {
    // While untrusted, the stored values are never carried over: a change starts from the safe ones.
    const full: SettingsPatch = trusted ? patch : { ...SAFE_PROTECTED_FIELDS, ...patch };
    const next = applySettingsPatch(inner.get(), full); // throws as inner.update would, before anything is written
    const previous = trusted ? [trust.mac(SETTINGS_MAC, protectedOf(inner.get()))] : [];
    // The MAC goes first and the one before it stays valid: a crash between the two writes leaves a file that still verifies.
    trust.setSettingsMacs([trust.mac(SETTINGS_MAC, protectedOf(next)), ...previous]);
    const saved = inner.update(full);
    trusted = true;
    return saved;
  }

  return {
    get,
    update,
    get persistent() {
      return inner.persistent;
    },
    get notices() {
      return inner.notices;
    },
    trusted: () => trusted,
    stored: () => inner.get(),
    resetToFactory(keep = {}) {
      trusted = false; // so the update below starts from the safe values whatever the file says
      const d = defaultSettings();
      return update({ ...d, earnRule: d.earnRule, scanner: d.scanner, camera: d.camera, ...keep });
    },
  };
}
