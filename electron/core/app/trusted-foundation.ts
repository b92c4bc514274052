/**
 * The foundation, assembled once and the same way for Electron main, the web host and the test
 * kits: the notice board, the settings file, the key vault, and manager trust over them (the
 * sealed integrity secret, the settings checked against their MAC, the manager PIN that counts a
 * missing or altered record as locked, and the till reset that clears keys and settings). The
 * host supplies only the storage it has (settings backend, key crypto); the notices tell the
 * manager what was found at start.
 */
import path from 'node:path';
import { createManagerPin, filePinStore, PinError } from '../auth/manager-pin.ts';
import type { LockState, ManagerPin, ScryptParams } from '../auth/manager-pin.ts';
import { systemSessionClock } from '../auth/session-clock.ts';
import type { SessionClock } from '../auth/session-clock.ts';
import { openTrustStore } from '../auth/till-trust.ts';
import type { TrustStore } from '../auth/till-trust.ts';
import type { KeyCryptoBackend } from '../keys/key-crypto.ts';
import { createKeyVault } from '../keys/key-vault.ts';
import type { KeyVault } from '../keys/key-vault.ts';
import { createNoticeBoard } from '../notices/notice-board.ts';
import type { NoticeBoard } from '../notices/notice-board.ts';
import { jsonFileBackend, openSettings } from '../settings/settings-file.ts';
import type { OpenSettingsBackend, SettingsService } from '../settings/settings-file.ts';
import type { AppLog } from '../log/app-log.ts';
import { isFactorySettings, sealSettings, UNTRUSTED_SETTINGS_NOTICE } from '../settings/settings-seal.ts';
import type { SealedSettings } from '../settings/settings-seal.ts';
import { frozenByPolicy, managedSettings } from '../policy/managed-settings.ts';
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';

export const TRUST_FILE = 'till-trust.json';
export const PIN_FILE = 'manager-pin.json';
export const SETTINGS_FILE = 'settings.json';
export const KEYS_FILE = 'keys.json';

export interface FoundationOptions {
  /** The till's data folder: settings, keys, trust and PIN files. */
  readonly dataDir: string;
  /** How the key vault and the trust secret are sealed (safeStorage in the app). */
  readonly crypto: KeyCryptoBackend;
  /** How `settings.json` is read and written (default: a plain JSON file; the app uses electron-store). */
  readonly settingsBackend?: OpenSettingsBackend;
  readonly log?: AppLog;
  readonly now?: () => Date;
  readonly clock?: SessionClock;
  readonly scrypt?: ScryptParams;
  /** A first-run set-up code was issued (print it for the operator; the app also shows it). */
  readonly onSetupCode?: (code: string) => void;
  /** The fleet policy in force (electron/core/policy): its values override the settings, its locks refuse changes. */
  readonly policy?: () => TillPolicy | null;
}

export interface Foundation extends TrustedFoundation {
  readonly notices: NoticeBoard;
  readonly vault: KeyVault;
}

export async function openFoundation(options: FoundationOptions): Promise<Foundation> {
  const { dataDir, crypto, log, now } = options;
  const notices = createNoticeBoard(now);
  const settingsPath = path.join(dataDir, SETTINGS_FILE);
  const stored = openSettings({
    filePath: settingsPath,
    open: options.settingsBackend ?? jsonFileBackend(settingsPath),
    ...(log === undefined ? {} : { log }),
    ...(now === undefined ? {} : { now }),
  });
  for (const n of stored.notices) notices.raise(n.kind, n.message, n.at);
  const vault = createKeyVault({ filePath: path.join(dataDir, KEYS_FILE), crypto, ...(now === undefined ? {} : { now }) });
  await vault.status().catch((e: unknown) => {
    // A damaged key file is not fatal (the manager re-enters the keys), but it must be seen.
    notices.raise('keys-unreadable', e instanceof Error ? e.message : 'The key file could not be read; set the keys again.');
  });
  const trusted = await openTrustedFoundation({
    dataDir,
    crypto,
    settings: stored,
    vault,
    notices,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.scrypt === undefined ? {} : { scrypt: options.scrypt }),
    ...(options.onSetupCode === undefined ? {} : { onSetupCode: options.onSetupCode }),
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  return { ...trusted, notices, vault };
}

interface TrustedFoundationOptions {
  readonly dataDir: string;
  /** The same crypto the key vault uses (safeStorage in the app). */
  readonly crypto: KeyCryptoBackend;
  /** The settings as opened from disk; the foundation hands back the checked view of them. */
  readonly settings: SettingsService;
  readonly vault: KeyVault;
  readonly notices: NoticeBoard;
  readonly clock?: SessionClock;
  readonly scrypt?: ScryptParams;
  /** A first-run set-up code was issued (print it for the operator; the app also shows it). */
  readonly onSetupCode?: (code: string) => void;
  /** The fleet policy in force (electron/core/policy): its values override the settings, its locks refuse changes. */
  readonly policy?: () => TillPolicy | null;
}

export interface TrustedFoundation {
  readonly trust: TrustStore;
  readonly settings: SealedSettings;
  readonly pin: ManagerPin;
  /** Clear both keys and all settings, then start over as on a first run. Refused while a trusted PIN exists. */
  readonly resetTill: () => Promise<LockState>;
}

async function openTrustedFoundation(options: TrustedFoundationOptions): Promise<TrustedFoundation> {
  const { vault, notices } = options;
  const trust = await openTrustStore({ filePath: path.join(options.dataDir, TRUST_FILE), crypto: options.crypto });
  if (trust.protection() === 'this-run-only') notices.raise('trust-unavailable', trust.problem() ?? 'The manager PIN and settings cannot be protected on this computer right now.');

  // The policy sits over the checked settings, so the PIN's auto-lock and everything after see its values.
  const policy = options.policy ?? (() => null);
  const settings = managedSettings(sealSettings(options.settings, trust), policy);
  if (!settings.trusted()) notices.raise('settings-untrusted', UNTRUSTED_SETTINGS_NOTICE);

  const holdsAssets = async (): Promise<boolean> => {
    const status = await vault.status(); // an unreadable key file throws, which counts as "holds keys"
    // What a policy freezes survives a reset, so it does not count as the till holding settings.
    const stored = settings.stored();
    return status.write.configured || status.read.configured || !isFactorySettings(stored, frozenByPolicy(stored, policy()));
  };

  const pin = createManagerPin({
    store: filePinStore(path.join(options.dataDir, PIN_FILE)),
    clock: options.clock ?? systemSessionClock,
    trust,
    holdsAssets,
    autoLockMinutes: () => settings.get().managerAutoLockMinutes,
    ...(options.onSetupCode === undefined ? {} : { onSetupCode: options.onSetupCode }),
    ...(options.scrypt === undefined ? {} : { scrypt: options.scrypt }),
  });
  const first = await pin.state();
  if (first.setup === 'reset-required') {
    notices.raise(
      'pin-untrusted',
      pin.recordProblem() === 'missing'
        ? 'The manager PIN record was missing at start although this till holds keys or settings, so the manager functions were locked until the PIN was set again.'
        : 'The manager PIN record was damaged or altered outside the till, so the manager functions were locked until the PIN was set again.',
      undefined,
      { problem: pin.recordProblem() === 'missing' ? 'missing' : 'damaged' },
    );
  }

  return {
    trust,
    settings,
    pin,
    resetTill: async () => {
      if ((await pin.state()).setup === 'configured') {
        throw new PinError('RESET_NOT_ALLOWED', 'A manager PIN is set on this till: enter it, or set a new one with the set-up code.');
      }
      // The PIN only looks untrusted because the keyring is locked this run: a reset now would
      // wipe a working till for good. IT can remove the trust file if the keyring is gone for ever.
      if (trust.sealedSecretLocked()) {
        throw new PinError('RESET_NOT_ALLOWED', "The system keyring is locked, so this till cannot check its manager PIN right now. Nothing was cleared: unlock the keyring (sign in to the computer again) and restart the till. If the keyring is gone for good, IT can remove till-trust.json from the till's data folder, then reset.");
      }
      await vault.clear('write');
      await vault.clear('read');
      // A new secret: the old set-up code and every earlier MAC stop counting.
      await trust.rotate();
      settings.resetToFactory();
      await pin.forgetForReset();
      notices.raise('till-reset', 'The keys and settings were cleared at the till because the manager PIN could not be trusted. Set the mode, store and keys again.');
      return pin.state();
    },
  };
}
