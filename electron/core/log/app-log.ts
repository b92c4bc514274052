/**
 * The app's structured log: pino (JSON lines, levels, synchronous writes so nothing is lost at a
 * crash) into rotating-file-stream (rotated by size and by age, the newest N files kept) in the
 * data folder's `logs/`.
 *
 * Secrets never reach the file. pino's log formatter walks every line's fields and replaces those
 * secret by name at any depth, in any casing (secret-fields.ts); then the whole line is searched,
 * by the IPC door's rule (ipc/secret-scrub.ts), for the host's secrets (the decrypted keys, the
 * sandbox's keys and admin token) and those registered with `registerLogSecret` (POS tokens, the
 * set-up code), raw and base64-encoded, for `Authorization` values and `Bearer`/`Basic`
 * credentials, and for anything shaped like a key or a POS token (log-secrets.ts). A log folder that cannot be written gives one
 * clear line on stderr and the log goes to stderr instead: the till keeps working.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { createStream } from 'rotating-file-stream';
import type { Interval } from 'rotating-file-stream';
import type { SecretsProvider } from '../ipc/secret-scrub.ts';
import { scrubLogText } from './log-secrets.ts';
import { isSecretFieldName, redactFields } from './secret-fields.ts';

export { registerLogSecret } from './log-secrets.ts';
export { isSecretFieldName };

export const LOG_DIR = 'logs';
export const LOG_FILE = 'till.log';
/** Owner-only, as the journal: the log names stores, tills, rows and what went wrong with them. */
export const LOG_FILE_MODE = 0o600;
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

type Fields = Record<string, unknown>;

/**
 * What the till's services log through (the registry, the event publisher, the app core, the
 * settings file, the sandbox slot): warnings and errors with a few named fields. Hosts pass
 * their own (the file log below, the web host's stderr, a test's array). Fields take names and
 * codes only: never payloads or responses, which may hold what we protect.
 */
export interface AppLog {
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** The rotated, scrubbed file log a host opens once it knows its data folder. */
export interface FileLog extends AppLog {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  /** The current log file, or null when logging to stderr. */
  readonly file: string | null;
  /** The folder holding the rotated files, or null when logging to stderr. */
  readonly dir: string | null;
  /** What may never be written (the vault and sandbox secrets); set once they exist. */
  setSecrets(secrets: SecretsProvider): void;
  close(): Promise<void>;
}

export interface AppLogOptions {
  /** The app's (or the CLI's) data folder; the log goes to its `logs/`. */
  readonly dataDir: string;
  readonly level?: LogLevel;
  /** Rotate when the file reaches this size (rotating-file-stream syntax). Default 10M. */
  readonly size?: `${number}${'B' | 'K' | 'M' | 'G'}`;
  /** Rotate at least this often. Default 1d. */
  readonly interval?: Interval;
  /** Rotated files kept. Default 10. */
  readonly maxFiles?: number;
  readonly secrets?: SecretsProvider;
  /** The file's base name: `till` (the app, `till.log`) or `cli` (the CLI beside it, `cli.log`). */
  readonly name?: string;
  /** Where the fallback and the one "cannot write logs" line go. Default process.stderr. */
  readonly stderr?: NodeJS.WritableStream;
}

function stamp(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

/** Checks the folder is usable now, so the failure is reported once, at start, in words. */
function prepareDir(dir: string, file: string): string | null {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = fs.openSync(path.join(dir, file), 'a', LOG_FILE_MODE);
    try {
      fs.fchmodSync(fd, LOG_FILE_MODE); // also tightens a log an older version left readable by all
    } finally {
      fs.closeSync(fd);
    }
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
  }
}

export function openAppLog(options: AppLogOptions): FileLog {
  const stderr = options.stderr ?? process.stderr;
  let secrets: SecretsProvider = options.secrets ?? (() => []);
  const scrub = (line: string): string => {
    let list: string[];
    try {
      list = [...secrets()];
    } catch {
      return `{"level":50,"msg":"log line withheld: the secrets could not be listed"}\n`;
    }
    return scrubLogText(line, list);
  };

  const dir = path.join(options.dataDir, LOG_DIR);
  const name = options.name ?? 'till';
  const problem = prepareDir(dir, `${name}.log`);
  let file: string | null = null;
  let sink: NodeJS.WritableStream = stderr;
  let rotating: ReturnType<typeof createStream> | null = null;
  if (problem === null) {
    rotating = createStream((time) => (time === null ? `${name}.log` : `${name}-${stamp(typeof time === 'number' ? new Date(time) : time)}.log`), {
      path: dir,
      size: options.size ?? '10M',
      interval: options.interval ?? '1d',
      maxFiles: options.maxFiles ?? 10,
      mode: LOG_FILE_MODE,
    });
    file = path.join(dir, `${name}.log`);
    sink = rotating;
    rotating.on('error', (e: Error) => {
      // The disk filled or the folder went away mid-run: say so once, then carry on on stderr.
      if (sink === stderr) return;
      sink = stderr;
      file = null;
      stderr.write(`[till] Logs can no longer be written to ${dir} (${(e as NodeJS.ErrnoException).code ?? e.message}); logging to stderr instead.\n`);
    });
  } else {
    stderr.write(`[till] Logs cannot be written to ${dir} (${problem}); logging to stderr instead. The till keeps working.\n`);
  }

  const scrubbing = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      sink.write(scrub(typeof chunk === 'string' ? chunk : chunk.toString('utf8')));
      done();
    },
  });

  const logger: Logger = pino(
    {
      level: options.level ?? 'info',
      base: { app: 'socialhub-till' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Every line's fields, at any depth, before they are serialised (pino's `redact` reaches fixed paths only).
      // Errors are shaped by the walk; pino's own `err` serializer would relabel the result.
      serializers: { err: (value: unknown) => value },
      formatters: { level: (label) => ({ level: label }), log: (fields) => redactFields(fields) as Record<string, unknown> },
    },
    scrubbing,
  );
  const at =
    (level: LogLevel) =>
    (message: string, fields?: Fields): void => {
      if (fields === undefined) logger[level](message);
      else logger[level](fields, message);
    };

  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    get file() {
      return file;
    },
    get dir() {
      return file === null ? null : dir;
    },
    setSecrets(provider) {
      secrets = provider;
    },
    close() {
      return new Promise<void>((resolve) => {
        scrubbing.end(() => {
          if (rotating === null || sink !== rotating) return resolve();
          rotating.end(() => resolve());
        });
      });
    },
  };
}

/** Every log file in a folder, newest first (the current one, then the rotated ones). */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.log'));
  } catch {
    return [];
  }
  const files: { n: string; t: number }[] = [];
  for (const n of names) {
    try {
      // A plain file only: a link here could lead a bundle to any file this user (or root, for the CLI) can read.
      const st = fs.lstatSync(path.join(dir, n));
      if (st.isFile()) files.push({ n, t: st.mtimeMs });
    } catch {
      // Rotated away between the listing and the look.
    }
  }
  return files
    .sort((a, b) => (a.n === LOG_FILE ? -1 : b.n === LOG_FILE ? 1 : b.t - a.t))
    .map((x) => path.join(dir, x.n));
}
