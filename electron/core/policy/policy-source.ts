/**
 * The fleet policy as the running till holds it: read at start, then again whenever the file (or
 * its folder) changes — fs.watch on the folder, so a file replaced by rename is seen too, with a
 * short debounce because editors and deployment tools write in several steps. A policy deployed
 * as a symlink (config management swapping the link, or rewriting its target elsewhere) is
 * followed: the target's folder is watched too, and any change in the link's folder counts. A
 * poll of the file's identity (through the link) backs the watchers up — they miss changes on
 * some file systems — and is how a folder that does not exist yet is seen once it does.
 *
 * All or nothing: a file that fails its check changes nothing. The till keeps the last policy
 * that passed (or none: its own settings, sandbox by default) and reports the field at fault
 * through `onRejected` (the app core turns it into a notice for the manager and a log line).
 * A file that is removed means no policy. A file over MAX_POLICY_BYTES, or not a plain file, is
 * refused without being read whole: a policy is a few kilobytes, and main must not be made to
 * hold or parse megabytes (or wait on a pipe).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';
import { checkPolicyText } from './policy-check.ts';

export type PolicyStatus = 'none' | 'applied' | 'rejected';

export interface PolicyState {
  readonly path: string;
  /** `rejected`: the file on disk failed its check; `policy` is still the last good one (or null). */
  readonly status: PolicyStatus;
  readonly policy: TillPolicy | null;
  /** The field at fault and why, while `rejected`. */
  readonly problem: { readonly field: string; readonly message: string } | null;
  /** When the policy in force was read (ISO), or null. */
  readonly appliedAt: string | null;
}

export interface PolicySource {
  current(): TillPolicy | null;
  state(): PolicyState;
  /** Called after every reload that changed the state. Returns an unsubscribe. */
  subscribe(fn: (state: PolicyState) => void): () => void;
  /** Reads the file now (the watcher calls this). */
  reload(): PolicyState;
  close(): void;
}

export interface PolicySourceOptions {
  readonly path: string;
  /** A release build never lets a policy point keys at loopback. */
  readonly releaseBuild: boolean;
  /**
   * Take a policy only from a file, and folders, that root owns and no one else can write (a release
   * build on macOS and Linux): one the till's own user could change would let it lift every lock.
   */
  readonly rootOwnedOnly?: boolean;
  readonly debounceMs?: number;
  /** How often the file's identity (and a missing folder) is looked at, behind the watchers. */
  readonly pollMs?: number;
  readonly watch?: boolean;
  readonly now?: () => Date;
}

const DEBOUNCE_MS = 250;
const POLL_MS = 10_000;
/** Far above any real policy (a few kB), far below what could hurt main. */
export const MAX_POLICY_BYTES = 256 * 1024;

type FileRead = { kind: 'absent' } | { kind: 'text'; text: string } | { kind: 'refused'; message: string };

const tooLarge = `is too large (over ${MAX_POLICY_BYTES / 1024} kB; a policy is a few kB), so it was not read`;

/** The file's text, reading at most MAX_POLICY_BYTES (+1, to see that it is over). */
/** Why the file, the folder it is in, or the folder it leads to could be changed by someone other than root; null if none. */
function notRootOwned(file: string): string | null {
  const real = fs.realpathSync(file);
  for (const p of new Set([real, path.dirname(real), path.dirname(file)])) {
    const st = fs.statSync(p);
    if (st.uid !== 0 || (st.mode & 0o022) !== 0) {
      return `is not protected: ${p} must be owned by root and writable by no one else (owner ${st.uid}, mode ${(st.mode & 0o777).toString(8)}), so it was not applied`;
    }
  }
  return null;
}

function readPolicyFile(file: string, rootOwnedOnly: boolean): FileRead {
  let fd: number;
  try {
    const st = fs.statSync(file); // through a symlink: the file it leads to
    if (!st.isFile()) return { kind: 'refused', message: 'is not a plain file' };
    const unprotected = rootOwnedOnly ? notRootOwned(file) : null;
    if (unprotected !== null) return { kind: 'refused', message: unprotected };
    if (st.size > MAX_POLICY_BYTES) return { kind: 'refused', message: tooLarge };
    fd = fs.openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'refused', message: `could not be read (${code ?? 'error'})` };
  }
  try {
    const buf = Buffer.alloc(MAX_POLICY_BYTES + 1);
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      n += got;
      if (got === 0 || n === buf.length) break;
    }
    // It grew between the look and the read: the same refusal.
    if (n > MAX_POLICY_BYTES) return { kind: 'refused', message: tooLarge };
    return { kind: 'text', text: decodePolicyBytes(buf.subarray(0, n)) };
  } catch (e) {
    return { kind: 'refused', message: `could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * UTF-8 (a BOM is dropped later), or UTF-16 when the file starts with its byte-order mark: what
 * Windows PowerShell 5.1's `Out-File` and `>` write by default, and Notepad's "Unicode".
 */
export function decodePolicyBytes(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1))); // a stray odd byte cannot make JSON valid
    return body.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

export function openPolicySource(options: PolicySourceOptions): PolicySource {
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(state: PolicyState) => void>();
  let state: PolicyState = { path: options.path, status: 'none', policy: null, problem: null, appliedAt: null };
  let lastText: string | null = null;

  function read(): PolicyState {
    const file = readPolicyFile(options.path, options.rootOwnedOnly === true);
    if (file.kind === 'absent') return { path: options.path, status: 'none', policy: null, problem: null, appliedAt: null };
    if (file.kind === 'refused') {
      lastText = null;
      return { ...state, status: 'rejected', problem: { field: '(file)', message: file.message } };
    }
    if (file.text === lastText && state.status !== 'none') return state;
    lastText = file.text;
    const check = checkPolicyText(file.text, { releaseBuild: options.releaseBuild });
    if (!check.ok) return { ...state, status: 'rejected', problem: { field: check.field, message: check.message } };
    return { path: options.path, status: 'applied', policy: check.policy, problem: null, appliedAt: now().toISOString() };
  }

  function reload(): PolicyState {
    const next = read();
    followTarget();
    if (next === state) return state;
    const changed = JSON.stringify(next) !== JSON.stringify(state);
    state = next;
    if (next.status === 'none') lastText = null;
    if (changed) for (const fn of listeners) fn(state);
    return state;
  }

  // --- watching ---
  const watching = options.watch !== false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const schedule = (): void => {
    if (closed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      reload();
    }, options.debounceMs ?? DEBOUNCE_MS);
    timer.unref();
  };
  const dir = path.dirname(options.path);
  const base = path.basename(options.path);
  const isLink = (): boolean => {
    try {
      return fs.lstatSync(options.path).isSymbolicLink();
    } catch {
      return false;
    }
  };
  /** Where the path leads through its links, or null while nothing is there. */
  const resolved = (): string | null => {
    try {
      return fs.realpathSync(options.path);
    } catch {
      return null;
    }
  };
  const fingerprint = (): string => {
    try {
      const st = fs.statSync(options.path);
      return `${resolved() ?? ''}:${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return 'absent';
    }
  };
  /** Watches a folder; a broken watch drops itself (the poll stays) and triggers a look. */
  const watchFolder = (folder: string, wanted: (name: string | null) => boolean, dropped: () => void): fs.FSWatcher | null => {
    try {
      const w = fs.watch(folder, { persistent: false }, (_event, name) => {
        if (wanted(name)) schedule();
      });
      w.on('error', () => {
        w.close();
        dropped();
        schedule();
      });
      return w;
    } catch {
      return null;
    }
  };
  let dirWatcher: fs.FSWatcher | null = null;
  const watchDir = (): void => {
    // Through a link, a change under another name here (a swapped `..data` link) changes what the path reads.
    dirWatcher = watchFolder(dir, (name) => name === null || name === base || isLink(), () => (dirWatcher = null));
  };
  let target: { real: string; watcher: fs.FSWatcher | null } | null = null;
  /** A symlinked policy: watch the folder it leads to as well, and move that watch when the link moves. */
  function followTarget(): void {
    if (!watching || closed) return;
    const real = isLink() ? resolved() : null;
    if ((target?.real ?? null) === real) return;
    target?.watcher?.close();
    target = null;
    if (real === null) return;
    const realBase = path.basename(real);
    const t: { real: string; watcher: fs.FSWatcher | null } = { real, watcher: null };
    t.watcher = watchFolder(path.dirname(real), (name) => name === null || name === realBase, () => (t.watcher = null));
    target = t;
  }
  let poller: NodeJS.Timeout | null = null;
  if (watching) {
    watchDir();
    let last = fingerprint();
    poller = setInterval(() => {
      const fp = fingerprint();
      if (fp !== last) {
        last = fp;
        schedule();
      }
      if (dirWatcher === null && fs.existsSync(dir)) watchDir();
    }, options.pollMs ?? POLL_MS);
    poller.unref();
  }

  reload();

  return {
    current: () => state.policy,
    state: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    reload,
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      dirWatcher?.close();
      target?.watcher?.close();
      target = null;
      if (poller !== null) clearInterval(poller);
      listeners.clear();
    },
  };
}
