/**
 * The channel table: every message the renderer may send to main, and every event main may push
 * to the renderer. Adding a channel is one entry here plus its implementation in main; the
 * preload, the bridge type, the registry's validation and the web host follow automatically.
 *
 * Invoke entries are keyed by the bridge method name (`window.till.settingsGet()`); the wire
 * name (`settings:get`) is what appears in logs and on ipcMain.
 */
import { z } from 'zod';
import { localizedSchema } from './envelope.ts';
import { defineChannel, defineEvent } from './define-channel.ts';
import type { EventTable, InvokeTable } from './define-channel.ts';
import { settingsPatchSchema, settingsSchema } from './schemas/settings.ts';
import { apiKeySchema, keyKindSchema } from './schemas/keys.ts';
import { reconcileProgressSchema, tillInvokeContract } from './schemas/till.ts';
import { pinSchema, setupCodeSchema } from './schemas/pin.ts';
import { policyStatusSchema, supportBundleResultSchema } from './schemas/fleet.ts';
import { cashierPosSaleSchema, posLinkInvokeContract } from './schemas/pos-link.ts';

// --- shared shapes ---

/** For channels that take nothing: `ipcRenderer.invoke(name)` delivers `undefined`. */
export const noPayload = z.undefined();
const isoTime = z.iso.datetime();

/** A mask is short by construction (8 + … + 4): a longer "mask" would be a leak, so it fails the response check. */
export const keyMaskSchema = z.string().max(16);

export const STORAGE_BACKENDS = ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'keychain', 'dpapi', 'basic_text', 'unknown'] as const;
export const storageTierSchema = z.object({
  /** Which OS facility encrypts the keys (Electron's `safeStorage` backend, or the OS name on macOS/Windows). */
  backend: z.enum(STORAGE_BACKENDS),
  /** False for `basic_text` (a built-in, publicly known password) and `unknown`. */
  protected: z.boolean(),
  /** Whether encryption can be used at all right now. */
  available: z.boolean(),
  optedInPlainText: z.boolean(),
  optedInAt: isoTime.nullable(),
  /** A plain-language warning for the manager when the tier is not protected, else null. */
  warning: z.string().nullable(),
});

const keySlotSchema = z.object({
  configured: z.boolean(),
  mask: keyMaskSchema.nullable(),
  setAt: isoTime.nullable(),
  /** The API origin the key is sealed to: it is sent nowhere else. */
  origin: z.string().max(300).nullable().optional(),
});

export const keysStatusSchema = z.object({
  write: keySlotSchema,
  read: keySlotSchema,
  storage: storageTierSchema,
});

export const keyTestResultSchema = z.object({
  kind: keyKindSchema,
  /** accepted = 2xx; rejected = 401; forbidden = 403 (key valid, scope missing); unreachable = no HTTP answer. */
  outcome: z.enum(['accepted', 'rejected', 'forbidden', 'unreachable', 'unexpected']),
  httpStatus: z.number().int().nullable(),
  /** English (logs); the manager is shown `localized` in the till's language. */
  message: z.string(),
  localized: localizedSchema,
});

export const lockStateSchema = z.object({
  configured: z.boolean(),
  unlocked: z.boolean(),
  /** When the manager session auto-locks if nothing else happens. */
  unlockExpiresAt: isoTime.nullable(),
  /** Set while too many wrong PINs keep the manager functions closed. */
  lockedOutUntil: isoTime.nullable(),
  failedAttempts: z.number().int().nonnegative(),
  autoLockMinutes: z.number().int().positive(),
  /**
   * `configured`: a PIN is set and its record is intact. `first-run`: the till holds nothing to
   * protect yet; the first PIN needs the set-up code shown below. `reset-required`: the PIN record
   * is missing, empty or altered while keys or settings exist, so manager functions stay locked
   * until a new PIN is set with the set-up code, or the keys and settings are cleared.
   */
  setup: z.enum(['configured', 'first-run', 'reset-required']),
  /** The set-up code to show, on a first run only (it is stored only as a MAC). */
  setupCode: z.string().max(20).nullable(),
  /** Whether a set-up code recorded on this till can still reset the PIN. */
  setupCodeUsable: z.boolean(),
});

export const pinVerifyResultSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('unlocked'), state: lockStateSchema }),
  z.object({ result: z.literal('wrong'), attemptsLeft: z.number().int().nonnegative(), state: lockStateSchema }),
  z.object({ result: z.literal('locked-out'), retryAt: isoTime, state: lockStateSchema }),
  z.object({ result: z.literal('not-set'), state: lockStateSchema }),
]);

export const noticeSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['settings-quarantined', 'settings-unwritable', 'keys-unreadable', 'keys-not-sent', 'keys-cleared', 'settings-untrusted', 'pin-untrusted', 'trust-unavailable', 'till-reset', 'policy-rejected', 'till-id-off-pattern']),
  at: isoTime,
  message: z.string(),
  localized: localizedSchema,
});

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  packaged: z.boolean(),
  /** Which SocialHub the till talks to: the embedded sandbox (fl_test_ keys) or the live API. */
  mode: z.enum(['sandbox', 'live']),
  storage: storageTierSchema,
  /** Things the manager must see (a settings file moved aside, …); dismissed with `appDismissNotice`. */
  notices: z.array(noticeSchema),
});

// --- invoke channels ---

export const invokeContract = {
  settingsGet: defineChannel('settings:get', { request: noPayload, response: settingsSchema }),
  settingsUpdate: defineChannel('settings:update', { request: settingsPatchSchema, response: settingsSchema, access: 'manager' }),

  keysStatus: defineChannel('keys:status', { request: noPayload, response: keysStatusSchema }),
  keysSet: defineChannel('keys:set', {
    request: z.strictObject({ kind: keyKindSchema, key: apiKeySchema }),
    response: keysStatusSchema,
    access: 'manager',
  }),
  keysTest: defineChannel('keys:test', { request: z.strictObject({ kind: keyKindSchema }), response: keyTestResultSchema, access: 'manager' }),
  keysClear: defineChannel('keys:clear', { request: z.strictObject({ kind: keyKindSchema }), response: keysStatusSchema, access: 'manager' }),
  /** The manager's explicit "yes, store keys although this machine has no keyring" (recorded with the time). */
  keysAllowPlainText: defineChannel('keys:allow-plain-text', {
    request: z.strictObject({ acknowledge: z.literal(true) }),
    response: keysStatusSchema,
    access: 'manager',
  }),

  pinStatus: defineChannel('pin:status', { request: noPayload, response: lockStateSchema }),
  /**
   * First PIN, or a reset of a missing/altered/forgotten one: `setupCode` required. Changing it:
   * the current PIN is required. Wrong current PINs and wrong set-up codes count toward lockout.
   */
  pinSet: defineChannel('pin:set', {
    request: z.strictObject({ newPin: pinSchema, currentPin: pinSchema.optional(), setupCode: setupCodeSchema.optional() }),
    response: lockStateSchema,
  }),
  pinVerify: defineChannel('pin:verify', { request: z.strictObject({ pin: pinSchema }), response: pinVerifyResultSchema }),
  pinLock: defineChannel('pin:lock', { request: noPayload, response: lockStateSchema }),
  /**
   * The way out when the PIN cannot be trusted and no set-up code is at hand: both keys and all
   * settings are cleared, then the till starts over as on its first run (new set-up code). Refused
   * while a trusted PIN exists, so a cashier cannot wipe a working till from the counter.
   */
  tillReset: defineChannel('till:reset', {
    request: z.strictObject({ confirm: z.literal('clear keys and settings') }),
    response: lockStateSchema,
  }),

  appInfo: defineChannel('app:info', { request: noPayload, response: appInfoSchema }),
  appDismissNotice: defineChannel('app:dismiss-notice', {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    response: z.object({ notices: z.array(noticeSchema) }),
    access: 'manager',
  }),
  /** A code was read (camera, wedge or typed): counted for fleet telemetry, nothing else is kept. */
  scanSeen: defineChannel('scan:seen', { request: z.strictObject({ source: z.enum(['camera', 'wedge', 'typed']) }), response: z.null() }),

  /** What the fleet policy manages: the settings screen marks these "Managed by your organisation" (main refuses changes to locked ones). */
  policyStatus: defineChannel('policy:status', { request: noPayload, response: policyStatusSchema }),
  /** Writes a support bundle (logs, versions, masked settings and policy, journal counts, activity): Electron asks where, the web host uses its downloads folder. */
  supportSaveBundle: defineChannel('support:save-bundle', { request: noPayload, response: supportBundleResultSchema, access: 'manager' }),

  // Member card, award, redeem, returns, journal, reconciliation: shared/ipc/schemas/till.ts
  ...tillInvokeContract,
  // POS link: shared/ipc/schemas/pos-link.ts
  ...posLinkInvokeContract,
} as const satisfies InvokeTable;

// --- main → renderer events ---

export const eventContract = {
  /** Journal rows changed (award/redeem/clawback state moves): the UI refetches what it shows. */
  journalChanged: defineEvent(
    'event:journal-changed',
    z.object({ ids: z.array(z.string().min(1).max(128)).max(1000), at: isoTime }),
  ),
  connectivity: defineEvent('event:connectivity', z.object({ online: z.boolean(), since: isoTime, detail: z.string().max(200).nullable() })),
  queueSize: defineEvent(
    'event:queue-size',
    z.object({ pending: z.number().int().nonnegative(), unknown: z.number().int().nonnegative(), oldestPendingAt: isoTime.nullable() }),
  ),
  lockState: defineEvent('event:lock-state', lockStateSchema),
  reconcileProgress: defineEvent('event:reconcile-progress', reconcileProgressSchema),
  /** The POS sale at the till changed (arrived, awarded, cancelled, closed without a member). */
  posSale: defineEvent('event:pos-sale', cashierPosSaleSchema),
} as const satisfies EventTable;

export type InvokeContract = typeof invokeContract;
export type EventContract = typeof eventContract;
export type InvokeKey = keyof InvokeContract;
export type EventKey = keyof EventContract;

export type KeysStatus = z.output<typeof keysStatusSchema>;
export type StorageTier = z.output<typeof storageTierSchema>;
export type KeyTestResult = z.output<typeof keyTestResultSchema>;
export type LockState = z.output<typeof lockStateSchema>;
export type PinVerifyResult = z.output<typeof pinVerifyResultSchema>;
export type Notice = z.output<typeof noticeSchema>;
export type AppInfo = z.output<typeof appInfoSchema>;
