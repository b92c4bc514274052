/**
 * Which SocialHub the till talks to, with which key, built fresh from the current settings and
 * keys so a manager's change takes effect on the next call:
 *
 * - sandbox mode: the embedded sandbox on loopback, with the sandbox's own write and read keys
 *   (they never touch the key vault or the UI);
 * - live mode: the configured base URL with the vault's keys.
 *
 * Each key is used only where it is needed: the write key for awards, clawbacks, redeems and
 * adjustments; the read-only key for cards, the manager's views and reconciliation
 * (READ_KEY_MISSING without it — the write key never looks anything up).
 *
 * Live keys go only where they were sealed to go: the base URL must pass the live-origin policy
 * (allow-list, https; loopback only in a development build), and its origin must equal the one
 * sealed with the key in the vault. Both are checked before a key is read for sending, and the
 * client re-checks the origin at the point of sending.
 *
 * Every call is reported to `onCall` (API activity + connectivity), keys masked by the client.
 */
import { TillError } from '../till-error.ts';
import { checkLiveOrigin, createSocialHubClient } from '../api/index.ts';
import type { ApiCallRecord, LiveOriginPolicy, SocialHubClient } from '../api/index.ts';
import type { FetchFn } from '../api/http.ts';
import type { KeyVault, SealedKey } from '../keys/key-vault.ts';
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
  /** Where a live till may send its keys. */
  readonly originPolicy: LiveOriginPolicy;
  readonly fetch?: FetchFn;
}

export interface ApiClients {
  /** Where calls go now (also what the manager's key test uses); null when nothing is reachable. */
  baseUrl(): string | null;
  writer(): Promise<SocialHubClient>;
  cardReader(): Promise<SocialHubClient>;
  managerReader(): Promise<SocialHubClient>;
  /** Why the live keys would not be sent right now (one sentence per problem); empty when all is well or in sandbox mode. */
  liveKeyProblems(): Promise<string[]>;
}

async function vaultKey(vault: KeyVault, kind: 'write' | 'read'): Promise<SealedKey | null> {
  try {
    return await vault.get(kind);
  } catch (e) {
    if (e instanceof KeyVaultError) throw new TillError(e.code, e.message, e.localized);
    throw e;
  }
}

export function createApiClients(options: ApiClientsOptions): ApiClients {
  const { settings, vault } = options;
  // One client per (base URL, key, timeout): clients are cheap, but reusing them keeps connections warm.
  const cache = new Map<string, SocialHubClient>();

  function clientFor(baseUrl: string, key: string, keyOrigin: string): SocialHubClient {
    const timeoutMs = settings.get().requestTimeoutMs;
    const id = `${baseUrl}\n${timeoutMs}\n${keyOrigin}\n${key}`;
    let client = cache.get(id);
    if (client === undefined) {
      if (cache.size > 8) cache.clear(); // keys or URLs changed several times: drop the old ones
      client = createSocialHubClient({
        baseUrl,
        apiKey: key,
        keyOrigin,
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
    if (sandbox === null) throw new TillError('API_UNAVAILABLE', 'The SocialHub sandbox is not running on this till.');
    return sandbox;
  }

  interface Target {
    baseUrl: string;
    key: string | null;
    keyOrigin: string;
  }

  async function key(kind: 'write' | 'read'): Promise<Target> {
    const s = settings.get();
    if (s.mode === 'sandbox') {
      const sandbox = sandboxOrFail();
      return { baseUrl: sandbox.url, key: sandbox.keys[kind], keyOrigin: new URL(sandbox.url).origin };
    }
    const allowed = checkLiveOrigin(s.baseUrl, options.originPolicy);
    if (!allowed.ok) throw new TillError('BASE_URL_NOT_ALLOWED', `${allowed.message} Nothing was sent; a manager must correct the API address in Settings.`);
    const sealed = await vaultKey(vault, kind);
    if (sealed === null) return { baseUrl: s.baseUrl, key: null, keyOrigin: allowed.origin };
    if (sealed.origin !== allowed.origin) {
      throw new TillError(
        'KEY_ORIGIN_MISMATCH',
        `The ${kind} key was set for ${sealed.origin} but the till now points at ${allowed.origin}, so it was not sent. A manager must restore the API address or set the keys again.`,
      );
    }
    return { baseUrl: s.baseUrl, key: sealed.key, keyOrigin: sealed.origin };
  }

  return {
    baseUrl() {
      const s = settings.get();
      return s.mode === 'live' ? s.baseUrl : (options.sandbox()?.url ?? null);
    },
    async writer() {
      const { baseUrl, key: k, keyOrigin } = await key('write');
      if (k === null) throw new TillError('KEY_NOT_CONFIGURED', 'No write key is configured; a manager must set one before points can be awarded or coupons redeemed.');
      return clientFor(baseUrl, k, keyOrigin);
    },
    async cardReader() {
      // Never the write key: a lookup must not need (or expose) the key that can move points.
      const { baseUrl, key: k, keyOrigin } = await key('read');
      if (k === null) throw new TillError('READ_KEY_MISSING', 'Set a read key: cards are looked up with the read-only key, never the write key. A manager can set it under Settings → Keys.');
      return clientFor(baseUrl, k, keyOrigin);
    },
    async managerReader() {
      const { baseUrl, key: k, keyOrigin } = await key('read');
      if (k === null) throw new TillError('READ_KEY_MISSING', 'This needs the read-only key; a manager can set it under Keys.');
      return clientFor(baseUrl, k, keyOrigin);
    },
    async liveKeyProblems() {
      if (settings.get().mode !== 'live') return [];
      const problems: string[] = [];
      for (const kind of ['write', 'read'] as const) {
        try {
          await key(kind);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (!problems.includes(message)) problems.push(message);
        }
      }
      return problems;
    },
  };
}
