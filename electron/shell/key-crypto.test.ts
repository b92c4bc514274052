import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronStub, safeStorage } from './testing/electron-stub.ts';
import { safeStorageCrypto } from './key-crypto.ts';
import { createKeyVault } from '../core/keys/key-vault.ts';

beforeEach(() => electronStub.reset());

describe('safeStorage key crypto', () => {
  it('names the backend per platform', () => {
    expect(safeStorageCrypto(undefined, 'darwin').backend()).toBe('keychain');
    expect(safeStorageCrypto(undefined, 'win32').backend()).toBe('dpapi');
    safeStorage.backend = 'kwallet6';
    expect(safeStorageCrypto(undefined, 'linux').backend()).toBe('kwallet6');
    safeStorage.backend = 'basic_text';
    expect(safeStorageCrypto(undefined, 'linux').backend()).toBe('basic_text');
    safeStorage.backend = 'something_new';
    expect(safeStorageCrypto(undefined, 'linux').backend()).toBe('unknown');
  });

  it('drives the vault through the async API only (the stub throws on the sync one)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-ss-'));
    try {
      const key = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
      const vault = createKeyVault({ filePath: path.join(dir, 'keys.json'), crypto: safeStorageCrypto(undefined, 'linux') });
      await vault.set('write', key, 'https://flash.socialhub.ai');
      expect(fs.readFileSync(path.join(dir, 'keys.json'), 'utf8')).not.toContain(key);
      expect(await createKeyVault({ filePath: path.join(dir, 'keys.json'), crypto: safeStorageCrypto(undefined, 'linux') }).get('write')).toEqual({ key, origin: 'https://flash.socialhub.ai' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns on plain-text encryption only when the vault asks (after the opt-in)', async () => {
    safeStorage.backend = 'basic_text';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-ss-'));
    try {
      const vault = createKeyVault({ filePath: path.join(dir, 'keys.json'), crypto: safeStorageCrypto(undefined, 'linux') });
      await expect(vault.set('write', 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K', 'https://flash.socialhub.ai')).rejects.toMatchObject({ code: 'KEYRING_UNPROTECTED' });
      expect(safeStorage.plainTextAllowed).toBe(false);
      await vault.allowPlainText();
      expect(safeStorage.plainTextAllowed).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
