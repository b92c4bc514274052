/**
 * The API keys at rest: two slots (write, read), each stored only as ciphertext from the injected
 * crypto backend, in one JSON file (mode 0600, replaced atomically). Nothing here returns a key
 * except `get()`, which is for main-process callers (the API client) and never wired to IPC.
 *
 * Each key is sealed together with the origin it may be sent to (and its slot), so editing a
 * file cannot re-point a key: the origin that `get()` returns comes from inside the ciphertext
 * (see key-seal.ts), and a slot whose plain copy disagrees with it is refused as tampered.
 *
 * Storage tier honesty: where the backend is `basic_text` (Linux without a keyring, so the
 * "encryption" uses a publicly known password), storing is refused until the manager explicitly
 * opts in; the opt-in is recorded with its time and reported by `status()` from then on.
 */
import fs from 'node:fs/promises';
import { z } from 'zod';
import { maskKey } from '../../../shared/api/key-mask.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import { openSeal, seal } from './key-seal.ts';
import { apiKeySchema } from './key-format.ts';
import type { KeyKind } from './key-format.ts';
import { isProtectedBackend } from './key-crypto.ts';
import type { KeyCryptoBackend, StorageBackendName } from './key-crypto.ts';
import { LocalizedCodedError } from '../coded-error.ts';
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { englishText, localize } from '../../../shared/i18n/translator.ts';

const slotSchema = z.object({
  /** base64 of the backend's ciphertext. */
  ciphertext: z.string().min(1),
  mask: z.string().max(16),
  setAt: z.iso.datetime(),
  /** The backend that encrypted it: a changed backend explains a failed decrypt. */
  backend: z.string(),
  /** Where the key may be sent, for display; the authoritative copy is sealed in the ciphertext. Absent in files from before origin binding. */
  origin: z.string().max(300).optional(),
});

const fileSchema = z.object({
  version: z.literal(1),
  write: slotSchema.nullable().default(null),
  read: slotSchema.nullable().default(null),
  plainTextOptIn: z.object({ at: z.iso.datetime() }).nullable().default(null),
});
type VaultFile = z.output<typeof fileSchema>;

export const PLAIN_TEXT_WARNING =
  'This computer has no system keyring, so keys can only be stored with a built-in password that is publicly known: anyone who can read this user’s files can recover them. Use a desktop session with a keyring (GNOME Keyring or KWallet) if you can.';

export type VaultErrorCode = 'KEYRING_UNAVAILABLE' | 'KEYRING_UNPROTECTED' | 'KEY_INVALID' | 'KEY_NOT_CONFIGURED' | 'KEYS_UNREADABLE';

/** A refusal the UI can explain; the message never contains a key. `localized`: the same for people, by catalogue id. */
export class KeyVaultError extends LocalizedCodedError<VaultErrorCode> {
  override readonly name = 'KeyVaultError';
}

export const KEY_VAULT_MESSAGES = defineMessages({
  fileUnreadable: { id: 'keys.vault.fileUnreadable', defaultMessage: 'The key file could not be read.', description: 'Settings → Keys: the stored key file cannot be read' },
  fileDamaged: { id: 'keys.vault.fileDamaged', defaultMessage: 'The key file is damaged; set the keys again.', description: 'Settings → Keys: the stored key file is damaged' },
  notReady: { id: 'keys.vault.notReady', defaultMessage: 'The system keyring is not ready; try again in a moment.', description: 'Settings → Keys: OS keyring not ready, nothing stored' },
  unprotected: {
    id: 'keys.vault.unprotected',
    defaultMessage:
      'Keys were not stored. This computer has no system keyring, so keys can only be stored with a built-in password that is publicly known: anyone who can read this user’s files can recover them. Use a desktop session with a keyring (GNOME Keyring or KWallet) if you can. A manager can explicitly allow storing them anyway.',
    description: 'Settings → Keys: refused to store keys without an OS keyring until a manager allows it',
  },
  noEncryption: { id: 'keys.vault.noEncryption', defaultMessage: 'Encryption is not available on this computer right now; keys were not stored.', description: 'Settings → Keys: OS encryption unavailable' },
  notAKey: { id: 'keys.vault.notAKey', defaultMessage: 'That is not a valid SocialHub API key.', description: 'Settings → Keys: the typed key is malformed' },
  noRoundTrip: { id: 'keys.vault.noRoundTrip', defaultMessage: 'Encryption did not round-trip; keys were not stored.', description: 'Settings → Keys: encrypting then decrypting the key failed' },
  cannotOpen: {
    id: 'keys.vault.cannotOpen',
    defaultMessage: 'The {kind, select, write {write} other {read}} key cannot be opened on this computer. A manager must set it again.',
    description: 'Settings → Keys: a stored key cannot be decrypted or its record was altered',
  },
});

function vaultError(code: VaultErrorCode, message: MessageDescriptor & { id: string }, values?: Record<string, string | number>): KeyVaultError {
  return new KeyVaultError(code, englishText(message, values), localize(message, values));
}

export interface SlotStatus {
  configured: boolean;
  mask: string | null;
  setAt: string | null;
  /** The origin the key is bound to (null when none is stored, or a key from before origin binding). */
  origin: string | null;
}

/** A key and the one origin it may be sent to. */
export interface SealedKey {
  readonly key: string;
  readonly origin: string;
}

export interface VaultStatus {
  write: SlotStatus;
  read: SlotStatus;
  storage: {
    backend: StorageBackendName;
    protected: boolean;
    available: boolean;
    optedInPlainText: boolean;
    optedInAt: string | null;
    warning: string | null;
  };
}

export interface KeyVault {
  status(): Promise<VaultStatus>;
  /** Store `key`, sealed to `origin` (e.g. `https://flash.socialhub.ai`): it will be sent nowhere else. */
  set(kind: KeyKind, key: string, origin: string): Promise<VaultStatus>;
  clear(kind: KeyKind): Promise<VaultStatus>;
  /** Both slots emptied at once (the API origin changed). */
  clearAll(): Promise<VaultStatus>;
  /** Record the manager's explicit opt-in to unprotected storage (only meaningful on `basic_text`). */
  allowPlainText(): Promise<VaultStatus>;
  /** Main-process only: the decrypted key and its sealed origin, or null when the slot is empty. Never cross IPC with this. */
  get(kind: KeyKind): Promise<SealedKey | null>;
  /** Plaintext keys currently held in memory: the IPC scrubber's list of what must never leave main. */
  secrets(): string[];
}

export interface KeyVaultOptions {
  readonly filePath: string;
  readonly crypto: KeyCryptoBackend;
  readonly now?: () => Date;
}

const EMPTY: VaultFile = { version: 1, write: null, read: null, plainTextOptIn: null };

export function createKeyVault(options: KeyVaultOptions): KeyVault {
  const { filePath, crypto } = options;
  const now = options.now ?? (() => new Date());
  /** Decrypted keys seen in this process: never persisted, only used to scrub outgoing IPC. */
  const plaintext = new Map<KeyKind, string>();
  /** Every read-modify-write goes through this chain, so two updates cannot lose each other. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };

  async function readFile(): Promise<VaultFile> {
    let text: string;
    try {
      text = await fs.readFile(filePath, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ...EMPTY };
      throw vaultError('KEYS_UNREADABLE', KEY_VAULT_MESSAGES.fileUnreadable);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw vaultError('KEYS_UNREADABLE', KEY_VAULT_MESSAGES.fileDamaged);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw vaultError('KEYS_UNREADABLE', KEY_VAULT_MESSAGES.fileDamaged);
    return parsed.data;
  }

  async function writeFile(file: VaultFile): Promise<void> {
    await writeFileAtomic(filePath, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  }

  async function statusOf(file: VaultFile): Promise<VaultStatus> {
    const backend = crypto.backend();
    const isProtected = isProtectedBackend(backend);
    let available = false;
    try {
      available = await crypto.isAvailable();
    } catch {
      available = false;
    }
    const slot = (s: VaultFile['write']): SlotStatus =>
      s === null ? { configured: false, mask: null, setAt: null, origin: null } : { configured: true, mask: s.mask, setAt: s.setAt, origin: s.origin ?? null };
    return {
      write: slot(file.write),
      read: slot(file.read),
      storage: {
        backend,
        protected: isProtected,
        available,
        optedInPlainText: file.plainTextOptIn !== null,
        optedInAt: file.plainTextOptIn?.at ?? null,
        warning: isProtected ? null : backend === 'basic_text' ? PLAIN_TEXT_WARNING : 'The system keyring is not ready yet.',
      },
    };
  }

  /** Why storing is not allowed right now, or null. */
  async function refusal(file: VaultFile): Promise<KeyVaultError | null> {
    const backend = crypto.backend();
    if (backend === 'unknown') return vaultError('KEYRING_UNAVAILABLE', KEY_VAULT_MESSAGES.notReady);
    if (backend === 'basic_text' && file.plainTextOptIn === null) {
      return vaultError('KEYRING_UNPROTECTED', KEY_VAULT_MESSAGES.unprotected);
    }
    let available = false;
    try {
      available = await crypto.isAvailable();
    } catch {
      available = false;
    }
    if (!available) return vaultError('KEYRING_UNAVAILABLE', KEY_VAULT_MESSAGES.noEncryption);
    return null;
  }

  return {
    status: () => serial(async () => statusOf(await readFile())),

    set: (kind, key, origin) =>
      serial(async () => {
        if (!apiKeySchema.safeParse(key).success) throw vaultError('KEY_INVALID', KEY_VAULT_MESSAGES.notAKey);
        const file = await readFile();
        const refused = await refusal(file);
        if (refused !== null) throw refused;
        const sealed = seal({ kind, key, origin });
        const ciphertext = await crypto.encrypt(sealed);
        // Never write something we could not read back: a round trip proves the slot is usable.
        const check = await crypto.decrypt(ciphertext);
        if (check.result !== sealed) throw vaultError('KEYRING_UNAVAILABLE', KEY_VAULT_MESSAGES.noRoundTrip);
        const next: VaultFile = {
          ...file,
          [kind]: { ciphertext: ciphertext.toString('base64'), mask: maskKey(key), setAt: now().toISOString(), backend: crypto.backend(), origin },
        };
        await writeFile(next);
        plaintext.set(kind, key);
        return statusOf(next);
      }),

    clear: (kind) =>
      serial(async () => {
        const file = await readFile().catch((e: unknown) => {
          // A damaged file can still be cleared: that is how the manager recovers from it.
          if (e instanceof KeyVaultError && e.code === 'KEYS_UNREADABLE') return { ...EMPTY };
          throw e;
        });
        const next: VaultFile = { ...file, [kind]: null };
        await writeFile(next);
        plaintext.delete(kind);
        return statusOf(next);
      }),

    clearAll: () =>
      serial(async () => {
        const file = await readFile().catch((e: unknown) => {
          if (e instanceof KeyVaultError && e.code === 'KEYS_UNREADABLE') return { ...EMPTY };
          throw e;
        });
        const next: VaultFile = { ...file, write: null, read: null };
        await writeFile(next);
        plaintext.clear();
        return statusOf(next);
      }),

    allowPlainText: () =>
      serial(async () => {
        const file = await readFile();
        const next: VaultFile = file.plainTextOptIn === null ? { ...file, plainTextOptIn: { at: now().toISOString() } } : file;
        if (next !== file) await writeFile(next);
        crypto.allowPlainText?.();
        return statusOf(next);
      }),

    get: (kind) =>
      serial(async () => {
        const file = await readFile();
        const slot = file[kind];
        if (slot === null) return null;
        if (crypto.backend() === 'basic_text' && file.plainTextOptIn !== null) crypto.allowPlainText?.();
        let decrypted: { result: string; shouldReEncrypt: boolean };
        try {
          decrypted = await crypto.decrypt(Buffer.from(slot.ciphertext, 'base64'));
        } catch {
          throw new KeyVaultError(
            'KEYS_UNREADABLE',
            `The ${kind} key could not be decrypted (it was stored with ${slot.backend}; this session uses ${crypto.backend()}). Set it again.`,
            localize(KEY_VAULT_MESSAGES.cannotOpen, { kind }),
          );
        }
        const opened = openSeal(decrypted.result, kind);
        if (!opened.ok) throw new KeyVaultError('KEYS_UNREADABLE', `The ${kind} key ${opened.why}. A manager must set it again.`, localize(KEY_VAULT_MESSAGES.cannotOpen, { kind }));
        if (slot.origin !== opened.origin) {
          throw new KeyVaultError('KEYS_UNREADABLE', `The ${kind} key's record was altered (its address does not match the sealed one). A manager must set it again.`, localize(KEY_VAULT_MESSAGES.cannotOpen, { kind }));
        }
        plaintext.set(kind, opened.key);
        if (decrypted.shouldReEncrypt) {
          // The OS rotated its key: store a fresh ciphertext so the old one can retire.
          const ciphertext = await crypto.encrypt(decrypted.result);
          await writeFile({ ...file, [kind]: { ...slot, ciphertext: ciphertext.toString('base64'), backend: crypto.backend() } });
        }
        return { key: opened.key, origin: opened.origin };
      }),

    secrets: () => [...plaintext.values()],
  };
}
