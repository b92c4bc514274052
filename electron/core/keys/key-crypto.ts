/**
 * The encryption the key vault relies on, injected so the vault runs and is tested under plain
 * Node. In the app this is Electron's async `safeStorage` (electron/shell/key-crypto.ts).
 */

export type StorageBackendName = 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'keychain' | 'dpapi' | 'basic_text' | 'unknown';

export interface KeyCryptoBackend {
  isAvailable(): Promise<boolean>;
  /** Which facility protects the data. `basic_text` = Linux without a keyring: a hardcoded password, i.e. unprotected. */
  backend(): StorageBackendName;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(ciphertext: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /**
   * Called once the manager has opted in to storing keys without a real keyring, for backends that
   * must be told (Electron's `setUsePlainTextEncryption`). Optional: a backend may need nothing.
   */
  allowPlainText?(): void;
}

const PROTECTED: ReadonlySet<StorageBackendName> = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'keychain', 'dpapi']);

/** Only a real OS secret store counts as protection; `basic_text` and `unknown` do not. */
export function isProtectedBackend(name: StorageBackendName): boolean {
  return PROTECTED.has(name);
}

export function normaliseBackendName(name: string): StorageBackendName {
  switch (name) {
    case 'gnome_libsecret':
    case 'kwallet':
    case 'kwallet5':
    case 'kwallet6':
    case 'keychain':
    case 'dpapi':
    case 'basic_text':
      return name;
    default:
      return 'unknown';
  }
}
