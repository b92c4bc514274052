/**
 * What a command can ask for — the journal, a read or write client — created on first use from
 * the resolved configuration and closed once at the end. Missing configuration is a usage error
 * (exit 2) naming the flag and the environment variable.
 */
import { randomBytes } from 'node:crypto';
import { createSocialHubClient } from '../core/api/index.ts';
import type { ApiCallRecord, SocialHubClient } from '../core/api/index.ts';
import { openJournal } from '../core/journal/index.ts';
import type { Journal } from '../core/journal/index.ts';
import type { Config, Flags } from './config.ts';
import { needed } from './config.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Aborted on SIGINT/SIGTERM. */
  signal?: AbortSignal;
  now?: () => number;
}

export interface CommandContext {
  config: Config;
  /** The command's own flags (global ones included). */
  flags: Flags;
  io: CliIo;
  /** Opens the journal; `mustExist` for commands that only read it. */
  journal(options?: { mustExist?: boolean }): Journal;
  writeClient(): SocialHubClient;
  readClient(): SocialHubClient;
  storeId(): string;
  tillId(): string;
  /** Unique per process, for journal leases. */
  readonly owner: string;
  /** Registers cleanup (engine stop) run before the journal closes. */
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export function createContext(config: Config, flags: Flags, io: CliIo): CommandContext {
  let journal: Journal | undefined;
  const closers: (() => Promise<void> | void)[] = [];
  // API activity goes to the journal when one is open, as the app does (keys already masked).
  const onCall = (record: ApiCallRecord): void => {
    try {
      journal?.recordApiCall(record);
    } catch {
      // Activity is diagnostics: never worth failing a write over.
    }
  };
  const client = (apiKey: string): SocialHubClient => createSocialHubClient({ baseUrl: config.baseUrl, apiKey, timeoutMs: config.timeoutMs, onCall });

  return {
    config,
    flags,
    io,
    owner: `cli:${process.pid}:${randomBytes(4).toString('hex')}`,
    journal(options = {}) {
      const path = needed(config.journalPath, 'the journal file is required: --journal <file> or TILL_JOURNAL');
      // Other processes (the app, more CLI runs) may hold the lock a while: wait, then exit 75.
      journal ??= openJournal({ path, mustExist: options.mustExist ?? false, busyTimeoutMs: config.busyTimeoutMs });
      return journal;
    },
    writeClient: () => client(needed(config.writeKey, 'a write-scoped API key is required: SOCIALHUB_API_KEY or --key-file FILE (- for stdin)')),
    readClient: () =>
      client(needed(config.readKey, 'a read-only API key is required for this command: SOCIALHUB_READ_KEY or --read-key-file FILE (- for stdin; least privilege: not the write key)')),
    storeId: () => needed(config.storeId, 'the store id is required: --store or TILL_STORE_ID'),
    tillId: () => needed(config.tillId, 'the till id is required: --till or TILL_ID'),
    onClose(fn) {
      closers.push(fn);
    },
    async close() {
      for (const fn of closers.reverse()) await fn();
      journal?.close();
    },
  };
}
