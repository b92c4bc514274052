/**
 * The key vault's crypto backend over Electron's asynchronous safeStorage API (the synchronous one
 * is deprecated). On macOS the keys are protected by the Keychain and on Windows by DPAPI; on
 * Linux the backend is whatever Chromium selected, and `basic_text` means no keyring at all.
 */
import { safeStorage } from 'electron';
import type { SafeStorage } from 'electron';
import { normaliseBackendName } from '../core/keys/key-crypto.ts';
import type { KeyCryptoBackend, StorageBackendName } from '../core/keys/key-crypto.ts';

export function safeStorageCrypto(storage: SafeStorage = safeStorage, platform: NodeJS.Platform = process.platform): KeyCryptoBackend {
  return {
    isAvailable: () => storage.isAsyncEncryptionAvailable(),
    backend(): StorageBackendName {
      if (platform === 'darwin') return 'keychain';
      if (platform === 'win32') return 'dpapi';
      // Linux only (the API does not exist elsewhere); 'unknown' before the app is ready.
      return normaliseBackendName(storage.getSelectedStorageBackend());
    },
    encrypt: (plain) => storage.encryptStringAsync(plain),
    decrypt: (ciphertext) => storage.decryptStringAsync(ciphertext),
    // Only ever called after the manager's recorded opt-in (see key-vault.ts).
    allowPlainText: () => storage.setUsePlainTextEncryption(true),
  };
}
