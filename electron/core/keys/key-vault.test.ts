import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyVault, KEY_VAULT_MESSAGES, KeyVaultError } from './key-vault.ts';
import { createTranslator, englishText } from '../../../shared/i18n/translator.ts';
import { createFakeKeyCrypto } from './testing/fake-key-crypto.ts';

const WRITE_KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const READ_KEY = 'fl_live_Rd2Xy8Uo4Ie6Wq1Tz9Lp3Mn7Bv5Cx0A';
const ORIGIN = 'https://flash.socialhub.ai';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-vault-'));
  file = path.join(dir, 'keys.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('key vault', () => {
  it('round-trips keys, storing only ciphertext, mode 0600', async () => {
    const crypto = createFakeKeyCrypto();
    const vault = createKeyVault({ filePath: file, crypto, now: () => new Date('2026-11-25T10:00:00Z') });
    const status = await vault.set('write', WRITE_KEY, ORIGIN);
    await vault.set('read', READ_KEY, ORIGIN);

    expect(status.write).toEqual({ configured: true, mask: 'fl_live_…Hj0K', setAt: '2026-11-25T10:00:00.000Z', origin: ORIGIN });
    const onDisk = fs.readFileSync(file);
    expect(onDisk.includes(Buffer.from(WRITE_KEY))).toBe(false);
    expect(onDisk.includes(Buffer.from(READ_KEY))).toBe(false);
    expect(onDisk.includes(Buffer.from(WRITE_KEY.slice(8, 30)))).toBe(false);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // A fresh vault over the same file (same OS key) decrypts them.
    const again = createKeyVault({ filePath: file, crypto });
    expect(await again.get('write')).toEqual({ key: WRITE_KEY, origin: ORIGIN });
    expect(await again.get('read')).toEqual({ key: READ_KEY, origin: ORIGIN });
    expect(again.secrets().sort()).toEqual([READ_KEY, WRITE_KEY].sort());
  });

  it('reports status without ever returning a key', async () => {
    const vault = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto() });
    await vault.set('write', WRITE_KEY, ORIGIN);
    const json = JSON.stringify(await vault.status());
    expect(json).not.toContain(WRITE_KEY);
    expect(json).toContain('fl_live_…Hj0K');
    expect(JSON.parse(json)).toMatchObject({ read: { configured: false, mask: null }, storage: { backend: 'gnome_libsecret', protected: true, available: true, optedInPlainText: false } });
  });

  it('rejects malformed keys before encrypting', async () => {
    const crypto = createFakeKeyCrypto();
    const vault = createKeyVault({ filePath: file, crypto });
    for (const bad of ['', 'sk_live_' + 'a'.repeat(30), 'fl_live_short', 'fl_live_' + 'a'.repeat(30) + ' ', 'fl_live_' + 'a'.repeat(30) + '\r\nX-Evil: 1', 'fl_prod_' + 'a'.repeat(30)]) {
      await expect(vault.set('write', bad, ORIGIN)).rejects.toMatchObject({ code: 'KEY_INVALID' });
    }
    expect(crypto.encryptCalls).toBe(0);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses basic_text storage until the manager opts in, then records the opt-in time', async () => {
    const crypto = createFakeKeyCrypto({ backend: 'basic_text' });
    let now = new Date('2026-11-25T10:00:00Z');
    const vault = createKeyVault({ filePath: file, crypto, now: () => now });

    const before = await vault.status();
    expect(before.storage).toMatchObject({ backend: 'basic_text', protected: false, optedInPlainText: false, optedInAt: null });
    expect(before.storage.warning).toMatch(/publicly known/);

    const refused = await vault.set('write', WRITE_KEY, ORIGIN).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KeyVaultError);
    expect((refused as KeyVaultError).code).toBe('KEYRING_UNPROTECTED');
    expect((refused as KeyVaultError).message).not.toContain(WRITE_KEY);
    // The same refusal for people in the till's language; the English message stays for logs.
    expect((refused as KeyVaultError).message).toBe(englishText(KEY_VAULT_MESSAGES.unprotected));
    expect((refused as KeyVaultError).localized).toEqual({ messageId: 'keys.vault.unprotected' });
    expect(createTranslator('de').text({ messageId: 'keys.vault.unprotected' })).toMatch(/^Schlüssel wurden nicht gespeichert\./);
    expect(fs.existsSync(file)).toBe(false);
    expect(crypto.encryptCalls).toBe(0);

    now = new Date('2026-11-25T10:05:00Z');
    const opted = await vault.allowPlainText();
    expect(opted.storage).toMatchObject({ protected: false, optedInPlainText: true, optedInAt: '2026-11-25T10:05:00.000Z' });
    expect(crypto.plainTextAllowed).toBe(true);

    const stored = await vault.set('write', WRITE_KEY, ORIGIN);
    // Honest tier: still reported as unprotected after the opt-in.
    expect(stored.storage).toMatchObject({ backend: 'basic_text', protected: false, optedInPlainText: true });
    expect(stored.write.configured).toBe(true);
  });

  it('refuses when the keyring is unavailable or not ready', async () => {
    const unavailable = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto({ available: false }) });
    await expect(unavailable.set('write', WRITE_KEY, ORIGIN)).rejects.toMatchObject({ code: 'KEYRING_UNAVAILABLE' });
    const unknown = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto({ backend: 'unknown' }) });
    await expect(unknown.set('write', WRITE_KEY, ORIGIN)).rejects.toMatchObject({ code: 'KEYRING_UNAVAILABLE' });
  });

  it('re-encrypts when the OS says the key rotated', async () => {
    const crypto = createFakeKeyCrypto();
    const vault = createKeyVault({ filePath: file, crypto });
    await vault.set('write', WRITE_KEY, ORIGIN);
    const before = JSON.parse(fs.readFileSync(file, 'utf8')) as { write: { ciphertext: string } };
    crypto.rotateOnNextDecrypt = true;
    expect(await vault.get('write')).toEqual({ key: WRITE_KEY, origin: ORIGIN });
    const after = JSON.parse(fs.readFileSync(file, 'utf8')) as { write: { ciphertext: string } };
    expect(after.write.ciphertext).not.toBe(before.write.ciphertext);
    expect(await vault.get('write')).toEqual({ key: WRITE_KEY, origin: ORIGIN });
  });

  it('clears a slot, and forgets the plaintext', async () => {
    const vault = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto() });
    await vault.set('write', WRITE_KEY, ORIGIN);
    const status = await vault.clear('write');
    expect(status.write).toEqual({ configured: false, mask: null, setAt: null, origin: null });
    expect(await vault.get('write')).toBeNull();
    expect(vault.secrets()).toEqual([]);
  });

  it('reports a damaged file as unreadable, and can clear it', async () => {
    fs.writeFileSync(file, '{"version":1,"write":');
    const vault = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto() });
    await expect(vault.status()).rejects.toMatchObject({ code: 'KEYS_UNREADABLE' });
    await expect(vault.clear('write')).resolves.toMatchObject({ write: { configured: false } });
  });

  it('reports a ciphertext from another machine or backend as unreadable', async () => {
    const vault = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto() });
    await vault.set('write', WRITE_KEY, ORIGIN);
    const otherMachine = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto() });
    await expect(otherMachine.get('write')).rejects.toMatchObject({ code: 'KEYS_UNREADABLE' });
  });

  it('serialises concurrent updates so none is lost', async () => {
    const vault = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto() });
    await Promise.all([vault.set('write', WRITE_KEY, ORIGIN), vault.set('read', READ_KEY, ORIGIN)]);
    const status = await vault.status();
    expect(status.write.configured && status.read.configured).toBe(true);
  });

  it('clears both slots at once', async () => {
    const vault = createKeyVault({ filePath: file, crypto: createFakeKeyCrypto() });
    await vault.set('write', WRITE_KEY, ORIGIN);
    await vault.set('read', READ_KEY, ORIGIN);
    const status = await vault.clearAll();
    expect([status.write.configured, status.read.configured]).toEqual([false, false]);
    expect(await vault.get('write')).toBeNull();
    expect(vault.secrets()).toEqual([]);
  });
});

describe('key vault: origin binding (a file edit cannot re-point a key)', () => {
  type Slot = { ciphertext: string; origin?: string };
  const edit = (fn: (f: { write: Slot | null; read: Slot | null }) => void): void => {
    const f = JSON.parse(fs.readFileSync(file, 'utf8')) as { write: Slot | null; read: Slot | null };
    fn(f);
    fs.writeFileSync(file, JSON.stringify(f));
  };

  it('the origin comes from the sealed ciphertext: editing the plain copy makes the key unusable, not re-pointed', async () => {
    const crypto = createFakeKeyCrypto();
    const vault = createKeyVault({ filePath: file, crypto });
    await vault.set('write', WRITE_KEY, ORIGIN);
    edit((f) => {
      f.write!.origin = 'https://evil.example';
    });
    const fresh = createKeyVault({ filePath: file, crypto });
    const refused = await fresh.get('write').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'KEYS_UNREADABLE' });
    expect((refused as Error).message).toMatch(/altered/);
    expect((refused as Error).message).not.toContain(WRITE_KEY);
  });

  it('a ciphertext moved into the other slot is refused (the slot is sealed too)', async () => {
    const crypto = createFakeKeyCrypto();
    const vault = createKeyVault({ filePath: file, crypto });
    await vault.set('write', WRITE_KEY, ORIGIN);
    edit((f) => {
      f.read = f.write;
    });
    await expect(createKeyVault({ filePath: file, crypto }).get('read')).rejects.toMatchObject({ code: 'KEYS_UNREADABLE' });
  });

  it('a key stored before origin binding (a bare key in the ciphertext) must be set again', async () => {
    const crypto = createFakeKeyCrypto();
    const legacy = { version: 1, write: { ciphertext: (await crypto.encrypt(WRITE_KEY)).toString('base64'), mask: 'fl_live_…Hj0K', setAt: '2026-11-25T10:00:00.000Z', backend: 'gnome_libsecret' }, read: null, plainTextOptIn: null };
    fs.writeFileSync(file, JSON.stringify(legacy));
    const vault = createKeyVault({ filePath: file, crypto });
    expect((await vault.status()).write).toMatchObject({ configured: true, origin: null });
    await expect(vault.get('write')).rejects.toThrow(/older version.*set it again/);
    expect(vault.secrets()).toEqual([]);
  });
});
