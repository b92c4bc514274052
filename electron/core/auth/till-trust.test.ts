import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeKeyCrypto } from '../keys/testing/fake-key-crypto.ts';
import { canonicalJson, openTrustStore } from './till-trust.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function trustFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-trust-'));
  dirs.push(dir);
  return path.join(dir, 'till-trust.json');
}

describe('the integrity secret', () => {
  it('is sealed by the OS key store, kept across starts, and MACs verify only for the same value', async () => {
    const filePath = trustFile();
    const crypto = createFakeKeyCrypto({ backend: 'gnome_libsecret' });
    const first = await openTrustStore({ filePath, crypto });
    expect(first.protection()).toBe('os-key-store');
    const mac = first.mac('purpose', { b: 1, a: 'x' });
    if (process.platform !== 'win32') expect(fs.statSync(filePath).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(filePath, 'utf8')).not.toContain('"plain"');

    const again = await openTrustStore({ filePath, crypto });
    expect(again.verify('purpose', { a: 'x', b: 1 }, mac)).toBe(true); // key order does not matter
    expect(again.verify('purpose', { a: 'x', b: 2 }, mac)).toBe(false);
    expect(again.verify('other purpose', { a: 'x', b: 1 }, mac)).toBe(false);
    expect(again.verify('purpose', { a: 'x', b: 1 }, null)).toBe(false);
  });

  it('refuses a plain secret planted where a key store exists: a new secret, old MACs void', async () => {
    const filePath = trustFile();
    const crypto = createFakeKeyCrypto({ backend: 'gnome_libsecret' });
    const real = await openTrustStore({ filePath, crypto });
    const genuine = real.mac('p', 1);
    const planted = Buffer.alloc(32, 9);
    fs.writeFileSync(filePath, JSON.stringify({ version: 1, secret: { plain: planted.toString('base64') }, settingsMacs: [], setupCodeMac: null }));
    const reopened = await openTrustStore({ filePath, crypto });
    expect(reopened.protection()).toBe('os-key-store');
    expect(reopened.verify('p', 1, genuine)).toBe(false);
    // The attacker's own MAC with the planted secret does not verify either.
    const { createHmac } = await import('node:crypto');
    const forged = createHmac('sha256', planted).update('p\n').update(canonicalJson(1)).digest('base64');
    expect(reopened.verify('p', 1, forged)).toBe(false);
  });

  it('a sealed secret the keyring cannot open: this run is untrusted, and the file is left for the next run', async () => {
    const filePath = trustFile();
    const first = await openTrustStore({ filePath, crypto: createFakeKeyCrypto({ backend: 'gnome_libsecret' }) });
    first.setSetupCodeMac(first.mac('setup-code', 'X'));
    const before = fs.readFileSync(filePath, 'utf8');
    const locked = await openTrustStore({ filePath, crypto: createFakeKeyCrypto({ backend: 'gnome_libsecret' }) }); // another keyring key
    expect(locked.protection()).toBe('this-run-only');
    expect(locked.problem()).toMatch(/could not unlock/);
    expect(locked.setupCodeMac()).toBeNull();
    locked.setSettingsMacs([locked.mac('s', 1)]);
    expect(fs.readFileSync(filePath, 'utf8')).toBe(before);
  });

  it('without a keyring (basic_text) keeps the secret in plain and says so', async () => {
    const filePath = trustFile();
    const crypto = createFakeKeyCrypto({ backend: 'basic_text' });
    const t = await openTrustStore({ filePath, crypto });
    expect(t.protection()).toBe('plain-file');
    expect(t.problem()).toMatch(/no system keyring/);
    const mac = t.mac('p', 'v');
    expect((await openTrustStore({ filePath, crypto })).verify('p', 'v', mac)).toBe(true);
  });

  it('rotate(): a new secret, nothing recorded with the old one counts', async () => {
    const filePath = trustFile();
    const crypto = createFakeKeyCrypto();
    const t = await openTrustStore({ filePath, crypto });
    const old = t.mac('p', 1);
    t.setSetupCodeMac(old);
    t.setSettingsMacs([old]);
    await t.rotate();
    expect(t.verify('p', 1, old)).toBe(false);
    expect(t.setupCodeMac()).toBeNull();
    expect(t.settingsMacs()).toEqual([]);
    expect((await openTrustStore({ filePath, crypto })).verify('p', 1, t.mac('p', 1))).toBe(true);
  });
});
