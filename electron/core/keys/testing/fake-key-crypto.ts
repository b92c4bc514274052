/**
 * Key crypto for tests: the dev-only in-memory AES (real ciphertext on disk) with the knobs a
 * test needs: any backend name (to exercise the vault's tier policy), an unavailable keyring, a
 * rotated OS key on the next decrypt, and counters.
 */
import { createDevOnlyKeyCrypto } from '../dev-only-key-crypto.ts';
import type { KeyCryptoBackend, StorageBackendName } from '../key-crypto.ts';

export interface FakeKeyCrypto extends KeyCryptoBackend {
  backendName: StorageBackendName;
  available: boolean;
  /** Make the next decrypt report a rotated OS key. */
  rotateOnNextDecrypt: boolean;
  plainTextAllowed: boolean;
  encryptCalls: number;
}

export function createFakeKeyCrypto(options: { backend?: StorageBackendName; available?: boolean } = {}): FakeKeyCrypto {
  const aes = createDevOnlyKeyCrypto();
  const fake: FakeKeyCrypto = {
    backendName: options.backend ?? 'gnome_libsecret',
    available: options.available ?? true,
    rotateOnNextDecrypt: false,
    plainTextAllowed: false,
    encryptCalls: 0,
    isAvailable: () => Promise.resolve(fake.available),
    backend: () => fake.backendName,
    encrypt(plain) {
      fake.encryptCalls++;
      return aes.encrypt(plain);
    },
    async decrypt(buf) {
      const { result } = await aes.decrypt(buf);
      const shouldReEncrypt = fake.rotateOnNextDecrypt;
      fake.rotateOnNextDecrypt = false;
      return { result, shouldReEncrypt };
    },
    allowPlainText() {
      fake.plainTextAllowed = true;
    },
  };
  return fake;
}
