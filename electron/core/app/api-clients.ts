/**
 * Which SocialHub the till talks to, with which key, built fresh from the current settings and
 * keys so a manager's change takes effect on the next call:
 *
 * - sandbox mode: the embedded sandbox on loopback, with the sandbox's own write and read keys
 *   (they never touch the key vault or the UI);
 * - live mode: the configured base URL with the vault's keys.
 *
 * Each key is used only where it is needed: the write key for awards, clawbacks, redeems and
 * adjustments; the read-only key for the manager's views and reconciliation (READ_KEY_MISSING
 * without it). The cashier's card prefers the read key and falls back to the write key, so a
 * till with only a write key can still show cards.
 *
 * Every call is reported to `onCall` (API activity + connectivity), keys masked by the client.
 */
import { IpcError } from '../../../shared/ipc/envelope.ts';
import { createSocialHubClient } from '../api/index.ts';
import type { ApiCallRecord, SocialHubClient } from '../api/index.ts';
import type { FetchFn } from '../api/http.ts';
import type { KeyVault } from '../keys/key-vault.ts';
import { KeyVaultError } from '../keys/key-vault.ts';
import type { SettingsService } from '../settings/settings-file.ts';

export interface SandboxTarget {
  readonly url: string;
  readonly keys: { readonly write: string; readonly read: string };
}

export interface ApiClientsOptions {
  readonly settings: SettingsService;
  readonly vault: KeyVault;
  /** The running embedded sandbox, or null (not started, failed, or closed). */
  readonly sandbox: () => SandboxTarget | null;
  readonly onCall: (record: ApiCallRecord) => void;
  readonly fetch?: FetchFn;
}

export interface ApiClients {
  /** Where calls go now (also what the manager's key test uses); null when nothing is reachable. */
  baseUrl(): string | null;
  writer(): Promise<SocialHubClient>;
  cardReader(): Promise<SocialHubClient>;
  managerReader(): Promise<SocialHubClient>;
}

async function vaultKey(vault: KeyVault, kind: 'write' | 'read'): Promise<string | null> {
  try {
    return await vault.get(kind);
  } catch (e) {
    if (e instanceof KeyVaultError) throw new IpcError(e.code, e.message);
    throw e;
  }
}

export function createApiClients(options: ApiClientsOptions): ApiClients {
  const { settings, vault } = options;
  // One client per (base URL, key, timeout): clients are cheap, but reusing them keeps connections warm.
  const cache = new Map<string, SocialHubClient>();

  function clientFor(baseUrl: string, key: string): SocialHubClient {
    const timeoutMs = settings.get().requestTimeoutMs;
    const id = `${baseUrl}\n${timeoutMs}\n${key}`;
    let client = cache.get(id);
    if (client === undefined) {
      if (cache.size > 8) cache.clear(); // keys or URLs changed several times: drop the old ones
      client = createSocialHubClient({
        baseUrl,
        apiKey: key,
        timeoutMs,
        onCall: options.onCall,
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      });
      cache.set(id, client);
    }
    return client;
  }

  function sandboxOrFail(): SandboxTarget {
    const sandbox = options.sandbox();
    if (sandbox === null) throw new IpcError('API_UNAVAILABLE', 'The SocialHub sandbox is not running on this till.');
    return sandbox;
  }

  async function key(kind: 'write' | 'read'): Promise<{ baseUrl: string; key: string | null }> {
    const s = settings.get();
    if (s.mode === 'sandbox') {
      const sandbox = sandboxOrFail();
      return { baseUrl: sandbox.url, key: sandbox.keys[kind] };
    }
    return { baseUrl: s.baseUrl, key: await vaultKey(vault, kind) };
  }

  return {
    baseUrl() {
      const s = settings.get();
      return s.mode === 'live' ? s.baseUrl : (options.sandbox()?.url ?? null);
    },
    async writer() {
      const { baseUrl, key: k } = await key('write');
      if (k === null) throw new IpcError('KEY_NOT_CONFIGURED', 'No write key is configured; a manager must set one before points can be awarded or coupons redeemed.');
      return clientFor(baseUrl, k);
    },
    async cardReader() {
      const read = await key('read');
      if (read.key !== null) return clientFor(read.baseUrl, read.key);
      const write = await key('write');
      if (write.key === null) throw new IpcError('KEY_NOT_CONFIGURED', 'No API key is configured; a manager must set one before cards can be shown.');
      return clientFor(write.baseUrl, write.key);
    },
    async managerReader() {
      const { baseUrl, key: k } = await key('read');
      if (k === null) throw new IpcError('READ_KEY_MISSING', 'This needs the read-only key; a manager can set it under Keys.');
      return clientFor(baseUrl, k);
    },
  };
}
