/**
 * Key encryption for the dev/test web host, which has no OS keyring: real AES-256-GCM with a key
 * held in this process's memory, so what reaches the disk is ciphertext, but the keys die with
 * the process (unless a test hands it a key it keeps elsewhere, to stand in for a keyring that
 * outlives the process). It claims the backend name it is given (default `basic_text`, i.e.
 * unprotected). Never used by the Electron app (electron/shell/key-crypto.ts) nor in a packaged build.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyCryptoBackend, StorageBackendName } from './key-crypto.ts';

export function createDevOnlyKeyCrypto(options: { backend?: StorageBackendName; key?: Buffer } = {}): KeyCryptoBackend {
  const key = options.key ?? randomBytes(32);
  if (key.length !== 32) throw new Error('An AES-256 key is 32 bytes.');
  const backendName = options.backend ?? 'basic_text';
  return {
    isAvailable: () => Promise.resolve(true),
    backend: () => backendName,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    decrypt(buf) {
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      const result = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
      return Promise.resolve({ result, shouldReEncrypt: false });
    },
  };
}
