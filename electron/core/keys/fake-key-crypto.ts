/**
 * A stand-in for Electron's safeStorage in tests and in the dev/test web host: real AES-256-GCM
 * with a key held in memory, so ciphertext on disk is genuinely not the plaintext. It claims
 * whatever backend name it is given, so the vault's tier policy can be exercised.
 * Not for production: the key dies with the process.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyCryptoBackend, StorageBackendName } from './key-crypto.ts';

export interface FakeKeyCrypto extends KeyCryptoBackend {
  backendName: StorageBackendName;
  available: boolean;
  /** Make the next decrypt report a rotated OS key. */
  rotateOnNextDecrypt: boolean;
  plainTextAllowed: boolean;
  encryptCalls: number;
}

export function createFakeKeyCrypto(options: { backend?: StorageBackendName; available?: boolean } = {}): FakeKeyCrypto {
  const key = randomBytes(32);
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
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    decrypt(buf) {
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      const result = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
      const shouldReEncrypt = fake.rotateOnNextDecrypt;
      fake.rotateOnNextDecrypt = false;
      return Promise.resolve({ result, shouldReEncrypt });
    },
    allowPlainText() {
      fake.plainTextAllowed = true;
    },
  };
  return fake;
}
