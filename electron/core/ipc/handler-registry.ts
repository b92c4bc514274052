/**
 * The door between the renderer and main: every call goes through `dispatch`, which
 *
 *   1. checks the sender (our own top-level frame, on our own origin — an injected policy),
 *   2. finds the channel in the contract (unknown → typed error),
 *   3. checks access (manager channels need an unlocked manager session — an injected authoriser),
 *   4. parses the payload with the channel's schema (bad payload → typed error; the impl never runs),
 *   5. runs the impl (an IpcError or a TillError is passed on as a typed error; anything else becomes INTERNAL),
 *   6. parses the response with the channel's response schema (a mismatch is our bug → INTERNAL, logged),
 *   7. scrubs: if the outgoing JSON contains registered secret material, it is replaced by an error.
 *
 * `dispatch` never throws and never rejects. It knows nothing about Electron: ipcMain and the
 * web host's HTTP route both hand it (channel name, raw payload, sender info).
 */
import { err, IpcError, issuesOf, ok } from '../../../shared/ipc/envelope.ts';
import { TillError } from '../till-error.ts';
import type { AppLog } from '../log/app-log.ts';
import type { Envelope } from '../../../shared/ipc/envelope.ts';
import type { Access, ImplResultOf, InvokeChannel, InvokeTable, ParsedRequestOf, ResponseOf } from '../../../shared/ipc/define-channel.ts';
import { containsSecret, serialiseForScan } from './secret-scrub.ts';
import type { SecretsProvider } from './secret-scrub.ts';
import type { SenderInfo, SenderPolicy } from './sender-policy.ts';

export interface CallContext {
  readonly channel: string;
  readonly sender: SenderInfo;
}

export type ChannelImpl<C extends InvokeChannel> = (request: ParsedRequestOf<C>, ctx: CallContext) => ImplResultOf<C> | Promise<ImplResultOf<C>>;

export interface RegistryOptions {
  readonly senderPolicy: SenderPolicy;
  /** Secret strings that must never leave main (the decrypted API keys). */
  readonly secrets: SecretsProvider;
  /** Decides whether a channel with this access level may run now (e.g. manager session unlocked). */
  readonly authorise: (access: Access, ctx: CallContext) => boolean | Promise<boolean>;
  readonly log: AppLog;
}

export interface HandlerRegistry<T extends InvokeTable> {
  handle<K extends keyof T & string>(key: K, impl: ChannelImpl<T[K]>): void;
  dispatch(channelName: string, rawPayload: unknown, sender: SenderInfo): Promise<Envelope<unknown>>;
  /** Typed convenience for in-process callers and tests (same path as `dispatch`). */
  call<K extends keyof T & string>(key: K, rawPayload: unknown, sender: SenderInfo): Promise<Envelope<ResponseOf<T[K]>>>;
  /** Contract keys that have no implementation yet: main refuses to start while this is non-empty. */
  missing(): string[];
  /** The wire names of every channel in the contract (what ipcMain registers). */
  channelNames(): string[];
}

export function createHandlerRegistry<T extends InvokeTable>(contract: T, options: RegistryOptions): HandlerRegistry<T> {
  const byName = new Map<string, { key: string; channel: InvokeChannel }>();
  for (const [key, channel] of Object.entries(contract)) {
    if (byName.has(channel.name)) throw new Error(`Duplicate channel name in contract: ${channel.name}`);
    byName.set(channel.name, { key, channel });
  }
  const impls = new Map<string, (request: unknown, ctx: CallContext) => unknown>();
  const { log } = options;

  function scrub(channel: string, envelope: Envelope<unknown>): Envelope<unknown> {
    const json = serialiseForScan(envelope);
    if (json === null) {
      log.error('IPC response could not be serialised; replaced with an error', { channel });
      return err('INTERNAL', 'Internal error.');
    }
    let secrets: Iterable<string>;
    try {
      secrets = options.secrets();
    } catch {
      // If we cannot tell what is secret, we cannot tell that this is safe.
      log.error('IPC secrets provider failed; response withheld', { channel });
      return err('INTERNAL', 'Internal error.');
    }
    if (containsSecret(json, secrets)) {
      log.error('SECURITY: IPC response contained key material and was blocked', { channel });
      return err('INTERNAL', 'Internal error.');
    }
    return envelope;
  }

  async function run(channelName: string, rawPayload: unknown, sender: SenderInfo): Promise<Envelope<unknown>> {
    let allowed = false;
    try {
      allowed = options.senderPolicy(sender);
    } catch {
      allowed = false;
    }
    if (!allowed) {
      log.warn('IPC call from a foreign sender refused', { channel: String(channelName).slice(0, 64) });
      return err('FORBIDDEN', 'This caller may not use the till bridge.');
    }
    const entry = typeof channelName === 'string' ? byName.get(channelName) : undefined;
    if (entry === undefined) return err('UNKNOWN_CHANNEL', 'No such channel.');
    const { channel } = entry;
    const ctx: CallContext = { channel: channel.name, sender };

    if (channel.access !== 'cashier') {
      let authorised = false;
      try {
        authorised = await options.authorise(channel.access, ctx);
      } catch {
        authorised = false;
      }
      if (!authorised) return err('LOCKED', 'Unlock the manager functions with the manager PIN first.');
    }

    const parsed = channel.request.safeParse(rawPayload);
    if (!parsed.success) return err('INVALID_PAYLOAD', 'The request was not valid.', issuesOf(parsed.error));

    const impl = impls.get(channel.name);
    if (impl === undefined) {
      log.error('IPC channel has no implementation', { channel: channel.name });
      return err('INTERNAL', 'Internal error.');
    }

    let result: unknown;
    try {
      result = await impl(parsed.data, ctx);
    } catch (e) {
      if (e instanceof IpcError) return err(e.code, e.message, e.issues, e.localized);
      if (e instanceof TillError) return err(e.code, e.message, undefined, e.localized);
      log.error('IPC implementation threw', { channel: channel.name, error: e instanceof Error ? e.name : typeof e });
      return err('INTERNAL', 'Internal error.');
    }

    const checked = channel.response.safeParse(result);
    if (!checked.success) {
      log.error('IPC response did not match its schema (a bug); withheld', {
        channel: channel.name,
        issues: checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`),
      });
      return err('INTERNAL', 'Internal error.');
    }
    return ok(checked.data);
  }

  async function dispatch(channelName: string, rawPayload: unknown, sender: SenderInfo): Promise<Envelope<unknown>> {
    let envelope: Envelope<unknown>;
    try {
      envelope = await run(channelName, rawPayload, sender);
    } catch {
      // Only a bug in this file gets here; still answer, never reject into the renderer.
      log.error('IPC dispatch failed unexpectedly', { channel: String(channelName).slice(0, 64) });
      envelope = err('INTERNAL', 'Internal error.');
    }
    return scrub(String(channelName).slice(0, 64), envelope);
  }

  return {
    handle(key, impl) {
      const channel = contract[key];
      if (channel === undefined) throw new Error(`No channel ${key} in the contract`);
      if (impls.has(channel.name)) throw new Error(`Channel ${channel.name} already has an implementation`);
      impls.set(channel.name, impl as (request: unknown, ctx: CallContext) => unknown);
    },
    dispatch,
    async call(key, rawPayload, sender) {
      const channel = contract[key];
      if (channel === undefined) return err('UNKNOWN_CHANNEL', 'No such channel.');
      return (await dispatch(channel.name, rawPayload, sender)) as Envelope<ResponseOf<T[typeof key]>>;
    },
    missing() {
      return Object.entries(contract)
        .filter(([, c]) => !impls.has(c.name))
        .map(([k]) => k);
    },
    channelNames() {
      return [...byName.keys()];
    },
  };
}
