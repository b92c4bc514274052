/**
 * The support bundle: one zip (fflate) a manager or IT sends to support, holding what is needed
 * to understand a till without reaching it — recent logs, versions, the settings and the policy
 * (masks only), journal counts by state and the rows that need attention, recent API and POS-link
 * activity, the scanner profile. Every file is scrubbed by the IPC rule (registered secrets and
 * anything key-shaped) before it goes in, so a bundle can be mailed as it is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import { JOURNAL_STATES } from '../../../shared/journal/states.ts';
import { lockedFields } from '../../../shared/policy/policy-schema.ts';
import type { TillPolicy } from '../../../shared/policy/policy-schema.ts';
import type { Journal } from '../journal/index.ts';
import { sqliteVersion } from '../journal/open.ts';
import { scrubLogText } from '../log/log-secrets.ts';
import type { SecretsProvider } from '../ipc/secret-scrub.ts';
import { logFiles } from '../log/app-log.ts';
import type { Settings } from '../settings/settings-schema.ts';
import type { PolicyState } from '../policy/policy-source.ts';

/** Logs beyond this (newest first) are left out: a bundle must stay small enough to mail. */
export const BUNDLE_LOG_BYTES = 16 * 1024 * 1024;
export const BUNDLE_API_CALLS = 500;
export const BUNDLE_ATTENTION_ROWS = 200;

export interface BundleSources {
  readonly app: { readonly name: string; readonly version: string; readonly packaged: boolean };
  /** `process.versions.electron` in the app; null in the web host and the CLI. */
  readonly electronVersion?: string | null;
  /** The settings in force (policy values laid over the stored ones), or null when there are none (the CLI). */
  readonly settings: Settings | null;
  readonly policy: PolicyState | null;
  /** Key status as masks only (never the keys). */
  readonly keys?: unknown;
  readonly journal: Journal | null;
  /** Why the journal is not available, if it is not. */
  readonly journalProblem?: string | null;
  /** The folder of the rotated logs, or null when logging to stderr. */
  readonly logDir: string | null;
  /** POS-link activity, when this build has a POS link. */
  readonly posLinkActivity?: (() => readonly unknown[]) | null;
  readonly secrets: SecretsProvider;
  readonly now?: () => Date;
}

export interface SupportBundle {
  readonly zip: Uint8Array;
  readonly entries: readonly string[];
}

/** A URL as support may see it: no user name, password or query values (tokens hide there). */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const k of [...u.searchParams.keys()]) u.searchParams.set(k, '…');
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

function maskedPolicy(policy: TillPolicy | null): unknown {
  if (policy === null) return null;
  const base = policy.settings.baseUrl;
  return {
    ...policy,
    settings: { ...policy.settings, ...(base?.value === undefined ? {} : { baseUrl: { ...base, value: maskUrl(base.value) } }) },
    ...(policy.telemetry?.otlpEndpoint === undefined ? {} : { telemetry: { ...policy.telemetry, otlpEndpoint: maskUrl(policy.telemetry.otlpEndpoint) } }),
    ...(policy.updates?.feedUrl === undefined ? {} : { updates: { ...policy.updates, feedUrl: maskUrl(policy.updates.feedUrl) } }),
  };
}

function journalSection(journal: Journal | null, problem: string | null): { journal: unknown; attention: unknown; api: unknown } {
  if (journal === null) {
    const why = problem ?? 'The journal is not open.';
    return { journal: { available: false, problem: why }, attention: { available: false, problem: why, rows: [] }, api: { available: false, problem: why, calls: [] } };
  }
  const attempt = <T>(fn: () => T): T | { error: string } => {
    try {
      return fn();
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  };
  return {
    journal: {
      available: true,
      info: attempt(() => journal.info()),
      countsByState: attempt(() => Object.fromEntries(JOURNAL_STATES.map((s) => [s, journal.count({ states: [s] })]))),
      stats: attempt(() => journal.stats()),
    },
    attention: attempt(() => {
      const rows = journal.query({ states: ['needs-attention'], limit: BUNDLE_ATTENTION_ROWS }).rows;
      return { available: true, rows: rows.map((r) => ({ ...r, events: journal.events(r.id) })) };
    }),
    api: attempt(() => ({ available: true, calls: journal.apiCalls({ limit: BUNDLE_API_CALLS }) })),
  };
}

export function buildSupportBundle(sources: BundleSources): SupportBundle {
  const now = (sources.now ?? (() => new Date()))();
  const secrets = [...sources.secrets()];
  const clean = (text: string): string => scrubLogText(text, secrets);
  const files: Record<string, string> = {};
  const json = (name: string, value: unknown): void => {
    files[name] = JSON.stringify(value, null, 2) + '\n';
  };

  json('versions.json', {
    createdAt: now.toISOString(),
    app: { name: sources.app.name, version: sources.app.version, packaged: sources.app.packaged },
    electron: sources.electronVersion ?? null,
    node: process.versions.node,
    v8: process.versions.v8,
    sqlite: (() => {
      try {
        return sqliteVersion();
      } catch {
        return null;
      }
    })(),
    os: { platform: process.platform, release: os.release(), arch: process.arch, version: typeof os.version === 'function' ? os.version() : null },
  });

  const settings = sources.settings;
  json('settings.json', {
    settings: settings === null ? null : { ...settings, baseUrl: maskUrl(settings.baseUrl) },
    lockedByPolicy: lockedFields(sources.policy?.policy ?? null),
    keys: sources.keys ?? null,
  });
  json('policy.json', sources.policy === null ? { status: 'not-read' } : { ...sources.policy, policy: maskedPolicy(sources.policy.policy) });
  json('scanner-profile.json', settings === null ? { available: false, problem: 'No till settings here (CLI).' } : { scanner: settings.scanner, camera: settings.camera });

  const j = journalSection(sources.journal, sources.journalProblem ?? null);
  json('journal-counts.json', j.journal);
  json('journal-needs-attention.json', j.attention);
  json('api-activity.json', j.api);
  json(
    'pos-link-activity.json',
    sources.posLinkActivity == null
      ? { available: false, note: 'This build records no POS-link activity (no POS link in this build, or it is switched off).', entries: [] }
      : { available: true, entries: sources.posLinkActivity() },
  );

  const logNames: string[] = [];
  let budget = BUNDLE_LOG_BYTES;
  for (const file of sources.logDir === null ? [] : logFiles(sources.logDir)) {
    const tail = readTail(file, budget); // the newest part of a file larger than what is left
    if (tail === null) continue;
    const text = tail.text;
    budget -= tail.bytes;
    const name = `logs/${path.basename(file)}`;
    files[name] = text;
    logNames.push(name);
    if (budget <= 0) break;
  }

  files['README.txt'] = [
    `SocialHub Till support bundle, ${now.toISOString()}`,
    '',
    'versions.json                 app, Electron, Node, SQLite and OS versions',
    'settings.json                 the settings in force (masks only) and what the fleet policy locks',
    'policy.json                   the fleet policy file state and the policy in force (URLs masked)',
    'scanner-profile.json          the scanner and camera set-up',
    'journal-counts.json           journal rows by state',
    'journal-needs-attention.json  rows waiting for a person, with their history',
    'api-activity.json             recent SocialHub calls (keys as masks)',
    'pos-link-activity.json        recent POS-link calls',
    `logs/                         ${logNames.length === 0 ? 'no log files (logging to stderr)' : 'the newest log files'}`,
    '',
    'Secrets (API keys, tokens, PINs) are removed from every file.',
    '',
  ].join('\n');

  const zippable: Zippable = {};
  for (const [name, text] of Object.entries(files)) zippable[name] = strToU8(clean(text));
  const zip = zipSync(zippable, { level: 6, mtime: now });
  return { zip, entries: Object.keys(files).sort() };
}

/**
 * The last `maxBytes` of a file, read from its end (a log grown to gigabytes is never read whole),
 * starting at a line when cut; null when it cannot be read.
 */
function readTail(file: string, maxBytes: number): { text: string; bytes: number } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - maxBytes);
    const buf = Buffer.alloc(Math.min(size, maxBytes));
    let n = 0;
    while (n < buf.length) {
      const got = fs.readSync(fd, buf, n, buf.length - n, start + n);
      if (got === 0) break;
      n += got;
    }
    let bytes = buf.subarray(0, n);
    if (start > 0) bytes = bytes.subarray(bytes.indexOf(0x0a) + 1); // no half line (or half character) at the cut
    return { text: bytes.toString('utf8'), bytes: n };
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}

/** `socialhub-till-support-<till>-<time>.zip` */
export function bundleFileName(tillId: string | null, now: Date): string {
  return `socialhub-till-support-${tillId ?? 'till'}-${now.toISOString().replace(/[:.]/g, '-')}.zip`;
}
