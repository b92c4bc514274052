/**
 * The till's integrity anchor: a random 32-byte secret, sealed with the OS key store (Electron's
 * safeStorage through the key vault's KeyCryptoBackend), that keys HMAC-SHA256 over what an OS
 * user could otherwise rewrite in the data folder: the manager PIN record, the security-relevant
 * settings and the set-up code. Deleting or replacing this file does not help an attacker: a new
 * secret makes every earlier MAC fail, which reads as "altered", i.e. locked.
 *
 * The file (0600) holds the sealed secret, the MACs of the trusted settings and the set-up code's
 * MAC. Where the OS has no key store (`basic_text`) the secret can only be kept in plain, and a
 * plain secret is refused wherever a real key store exists (or anyone could plant their own).
 * If the sealed secret cannot be unsealed (keyring locked or reset), this run uses a throwaway
 * secret and leaves the file alone: everything reads as untrusted, nothing is destroyed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomicSync } from '../fs/atomic-write.ts';
import { isProtectedBackend } from '../keys/key-crypto.ts';
import type { KeyCryptoBackend } from '../keys/key-crypto.ts';

export type TrustProtection = 'os-key-store' | 'plain-file' | 'this-run-only';

export interface TrustStore {
  /** HMAC-SHA256 (base64) of `value` for one purpose; canonical JSON, so key order never matters. */
  mac(purpose: string, value: unknown): string;
  /** Constant-time check of a MAC found on disk (anything that is not a string fails). */
  verify(purpose: string, value: unknown, mac: unknown): boolean;
  readonly protection: () => TrustProtection;
  /** Why the secret is weaker than the OS key store, for the manager; null when it is sealed. */
  readonly problem: () => string | null;
  /** True while the file holds a sealed secret this run's keyring could not open (a locked or changed keyring). */
  readonly sealedSecretLocked: () => boolean;
  /** MACs of the settings' protected fields: the current one and, for a crash mid-update, the one before. */
  settingsMacs(): readonly string[];
  setSettingsMacs(macs: readonly string[]): void;
  setupCodeMac(): string | null;
  setSetupCodeMac(mac: string | null): void;
  /** A new secret, and nothing recorded with the old one: every earlier MAC stops verifying. */
  rotate(): Promise<void>;
}

export interface TrustStoreOptions {
  readonly filePath: string;
  readonly crypto: KeyCryptoBackend;
}

const fileSchema = z.object({
  version: z.literal(1),
  secret: z.union([z.object({ sealed: z.string().min(1), backend: z.string() }), z.object({ plain: z.string().min(1) })]).nullable(),
  settingsMacs: z.array(z.string().max(64)).max(2),
  setupCodeMac: z.string().max(64).nullable(),
});
type TrustFile = z.output<typeof fileSchema>;

/** JSON with object keys sorted at every level: the same value always MACs the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function readTrustFile(filePath: string): { file: TrustFile | null; damaged: boolean } {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { file: null, damaged: false };
    return { file: null, damaged: true };
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    return parsed.success ? { file: parsed.data, damaged: false } : { file: null, damaged: true };
  } catch {
    return { file: null, damaged: true };
  }
}

async function cryptoReady(crypto: KeyCryptoBackend): Promise<boolean> {
  try {
    return isProtectedBackend(crypto.backend()) && (await crypto.isAvailable());
  } catch {
    return false;
  }
}

export async function openTrustStore(options: TrustStoreOptions): Promise<TrustStore> {
  const { filePath, crypto } = options;
  let secret: Buffer = randomBytes(32);
  let protection: TrustProtection = 'this-run-only';
  let problem: string | null = null;
  let state: TrustFile = { version: 1, secret: null, settingsMacs: [], setupCodeMac: null };
  /** False while running on a throwaway secret over a sealed one we could not open: never overwrite that. */
  let ownsSecret = true;

  const write = (): void => writeFileAtomicSync(filePath, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });

  /** Seal a fresh secret with the best protection this machine has. */
  async function fresh(): Promise<void> {
    secret = randomBytes(32);
    if (await cryptoReady(crypto)) {
      const sealed = await crypto.encrypt(secret.toString('base64'));
      state = { version: 1, secret: { sealed: sealed.toString('base64'), backend: crypto.backend() }, settingsMacs: [], setupCodeMac: null };
      protection = 'os-key-store';
      problem = null;
    } else if (crypto.backend() === 'basic_text') {
      state = { version: 1, secret: { plain: secret.toString('base64') }, settingsMacs: [], setupCodeMac: null };
      protection = 'plain-file';
      problem = 'This computer has no system keyring, so the key that protects the manager PIN and the settings against edits is kept in a plain file.';
    } else {
      state = { version: 1, secret: null, settingsMacs: [], setupCodeMac: null };
      protection = 'this-run-only';
      problem = 'The system keyring is not available, so the manager PIN and the settings cannot be protected across restarts; they will need setting again.';
    }
    ownsSecret = true;
    write();
  }

  const { file } = readTrustFile(filePath);
  const stored = file?.secret ?? null;
  if (file === null || stored === null) {
    // First start, or a damaged/emptied file: a new secret. Whatever was MACed before no longer verifies.
    await fresh();
  } else if ('plain' in stored) {
    if (crypto.backend() === 'basic_text') {
      secret = Buffer.from(stored.plain, 'base64');
      state = file;
      protection = 'plain-file';
      problem = 'This computer has no system keyring, so the key that protects the manager PIN and the settings against edits is kept in a plain file.';
    } else {
      // A plain secret where a key store exists is not ours: anyone could have written it.
      await fresh();
    }
  } else {
    try {
      const opened = await crypto.decrypt(Buffer.from(stored.sealed, 'base64'));
      secret = Buffer.from(opened.result, 'base64');
      if (secret.length !== 32) throw new Error('wrong length');
      state = file;
      protection = 'os-key-store';
      if (opened.shouldReEncrypt) {
        state = { ...state, secret: { sealed: (await crypto.encrypt(opened.result)).toString('base64'), backend: crypto.backend() } };
        write();
      }
    } catch {
      secret = randomBytes(32);
      state = { ...file, settingsMacs: [], setupCodeMac: null };
      ownsSecret = false;
      protection = 'this-run-only';
      problem = `The system keyring could not unlock the key that protects the manager PIN and the settings (it was sealed with ${stored.backend}). Manager functions and live settings stay locked for this run; restart once the keyring is unlocked, or reset the till.`;
    }
  }

  const macOf = (purpose: string, value: unknown): Buffer => createHmac('sha256', secret).update(`${purpose}\n`).update(canonicalJson(value)).digest();

  const persist = (): void => {
    // On a throwaway secret the file keeps its sealed secret and its MACs: they may verify again next run.
    if (ownsSecret) write();
  };

  return {
    mac: (purpose, value) => macOf(purpose, value).toString('base64'),
    verify(purpose, value, mac) {
      if (typeof mac !== 'string') return false;
      const expected = macOf(purpose, value);
      const given = Buffer.from(mac, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    protection: () => protection,
    problem: () => problem,
    sealedSecretLocked: () => !ownsSecret,
    settingsMacs: () => state.settingsMacs,
    setSettingsMacs(macs) {
      state = { ...state, settingsMacs: macs.slice(0, 2) };
      persist();
    },
    setupCodeMac: () => state.setupCodeMac,
    setSetupCodeMac(mac) {
      state = { ...state, setupCodeMac: mac };
      persist();
    },
    rotate: () => fresh(),
  };
}
