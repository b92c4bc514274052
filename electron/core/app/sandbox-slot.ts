/**
 * The embedded SocialHub sandbox a till without keys runs against: on loopback, its demo data
 * persisted in the user-data folder, its keys and admin token used internally only (they are
 * added to the IPC scrubber's secrets like the vault's keys). Started at launch in sandbox mode,
 * or on first use if a manager switches to sandbox mode while the till runs.
 */
import { startSandbox } from '../../sandbox/server.ts';
import type { SandboxHandle, SandboxOptions } from '../../sandbox/server.ts';
import type { AppLog } from '../log/app-log.ts';

export type SandboxStartOptions = Pick<SandboxOptions, 'port' | 'seed' | 'adminToken' | 'rateLimit' | 'ledgerLagMs' | 'quiet' | 'logger'>;

export interface SandboxSlot {
  start(): Promise<SandboxHandle | null>;
  /** The running sandbox, or null (then a start is begun in the background, unless one failed). */
  ensure(): SandboxHandle | null;
  handle(): SandboxHandle | null;
  /** Why the sandbox is not running, when it failed to start. */
  failure(): string | null;
  secrets(): string[];
  close(): Promise<void>;
}

export function createSandboxSlot(config: { persistPath: string; options: SandboxStartOptions; log: AppLog }): SandboxSlot {
  let handle: SandboxHandle | null = null;
  let starting: Promise<SandboxHandle | null> | null = null;
  let failure: string | null = null;
  let closed = false;

  function start(): Promise<SandboxHandle | null> {
    if (closed) return Promise.resolve(null);
    starting ??= startSandbox({ quiet: true, ...config.options, persistPath: config.persistPath }).then(
      (h) => {
        if (closed) {
          void h.close();
          return null;
        }
        handle = h;
        return h;
      },
      (e: unknown) => {
        failure = `The SocialHub sandbox could not start (${e instanceof Error ? e.message : String(e)}).`;
        config.log.error('Sandbox failed to start', { error: e instanceof Error ? e.message : String(e) });
        return null;
      },
    );
    return starting;
  }

  return {
    start,
    ensure() {
      if (handle === null && failure === null) void start();
      return handle;
    },
    handle: () => handle,
    failure: () => failure,
    secrets: () => (handle === null ? [] : [handle.keys.write, handle.keys.read, handle.keys.otherTenant, handle.adminToken]),
    async close() {
      closed = true;
      await starting;
      await handle?.close();
      handle = null;
    },
  };
}
