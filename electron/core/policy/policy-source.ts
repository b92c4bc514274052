/**
 * The fleet policy as the running till holds it: read at start, then again whenever the file (or
 * its folder) changes — fs.watch on the folder, so a file replaced by rename is seen too, with a
 * short debounce because editors and deployment tools write in several steps. A missing folder is
 * looked at now and then instead, so a policy deployed after start is still picked up.
 *
 * All or nothing: a file that fails its check changes nothing. The till keeps the last policy
 * that passed (or none: its own settings, sandbox by default) and reports the field at fault
 * through `onRejected` (the app core turns it into a notice for the manager and a log line).
 * A file that is removed means no policy.
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
  readonly debounceMs?: number;
  /** How often a missing folder is looked at again. */
  readonly pollMs?: number;
  readonly watch?: boolean;
  readonly now?: () => Date;
}

const DEBOUNCE_MS = 250;
const POLL_MS = 10_000;

export function openPolicySource(options: PolicySourceOptions): PolicySource {
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(state: PolicyState) => void>();
  let state: PolicyState = { path: options.path, status: 'none', policy: null, problem: null, appliedAt: null };
  let lastText: string | null = null;

  function read(): PolicyState {
    let text: string;
    try {
      text = fs.readFileSync(options.path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { path: options.path, status: 'none', policy: null, problem: null, appliedAt: null };
      return { ...state, status: 'rejected', problem: { field: '(file)', message: `could not be read (${code ?? 'error'})` } };
    }
    if (text === lastText && state.status !== 'none') return state;
    lastText = text;
    const check = checkPolicyText(text, { releaseBuild: options.releaseBuild });
    if (!check.ok) return { ...state, status: 'rejected', problem: { field: check.field, message: check.message } };
    return { path: options.path, status: 'applied', policy: check.policy, problem: null, appliedAt: now().toISOString() };
  }

  function reload(): PolicyState {
    const next = read();
    if (next === state) return state;
    const changed = JSON.stringify(next) !== JSON.stringify(state);
    state = next;
    if (next.status === 'none') lastText = null;
    if (changed) for (const fn of listeners) fn(state);
    return state;
  }

  reload();

  // --- watching ---
  let timer: NodeJS.Timeout | null = null;
  const schedule = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      reload();
    }, options.debounceMs ?? DEBOUNCE_MS);
    timer.unref();
  };
  let watcher: fs.FSWatcher | null = null;
  let poller: NodeJS.Timeout | null = null;
  const dir = path.dirname(options.path);
  const base = path.basename(options.path);
  const fingerprint = (): string => {
    try {
      const st = fs.statSync(options.path);
      return `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      return 'absent';
    }
  };
  const watchDir = (): boolean => {
    try {
      watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name === null || name === base) schedule();
      });
      watcher.on('error', () => {
        // The folder went away (or the watch broke): fall back to looking at the path now and then.
        watcher?.close();
        watcher = null;
        poll();
        schedule();
      });
      return true;
    } catch {
      return false;
    }
  };
  // No folder to watch yet: look at the path now and then, and watch the folder once it exists.
  const poll = (): void => {
    if (poller !== null) return;
    let last = fingerprint();
    poller = setInterval(() => {
      const now = fingerprint();
      if (now !== last) {
        last = now;
        schedule();
      }
      if (watcher === null && fs.existsSync(dir) && watchDir() && poller !== null) {
        clearInterval(poller);
        poller = null;
      }
    }, options.pollMs ?? POLL_MS);
    poller.unref();
  };
  if (options.watch !== false && !watchDir()) poll();

  return {
    current: () => state.policy,
    state: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    reload,
    close() {
      if (timer !== null) clearTimeout(timer);
      watcher?.close();
      if (poller !== null) clearInterval(poller);
      listeners.clear();
    },
  };
}
