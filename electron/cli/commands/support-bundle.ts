/**
 * `support-bundle [--out file]`: the same zip as the manager's "Save a support bundle", from what
 * the CLI can see — its journal (counts, rows needing attention, API activity), the logs beside
 * it (the app's and the CLI's), the fleet policy of this machine, versions. Keys given to the CLI
 * are scrubbed from every file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../../core/fs/atomic-write.ts';
import { LOG_DIR } from '../../core/log/app-log.ts';
import { openPolicySource } from '../../core/policy/policy-source.ts';
import { policyPath } from '../../core/policy/policy-path.ts';
import { bundleFileName, buildSupportBundle } from '../../core/support/bundle.ts';
import { flag } from '../command.ts';
import type { Command, CommandResult } from '../command.ts';
import type { CommandContext } from '../context.ts';
import { EXIT, failure, usageError } from '../errors.ts';

/**
 * The version of the package the CLI ships in: the nearest `socialhub-till` package.json above
 * this file, which sits at a different depth in the sources and in the packed `dist/cli/…`.
 */
export function cliVersion(fromDir: string = import.meta.dirname): string {
  for (let dir = fromDir, up = 0; up < 8; dir = path.dirname(dir), up++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'socialhub-till' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here (or not readable): look one folder up.
    }
    if (path.dirname(dir) === dir) break;
  }
  return '0.0.0';
}

export const supportBundleCommand: Command = {
  name: 'support-bundle',
  summary: 'write a support bundle (zip: logs, versions, policy, journal counts and activity; no secrets)',
  usage: 'socialhub-till support-bundle [--out file] [--journal file]',
  help: 'Writes the zip to --out (default: socialhub-till-support-<till>-<time>.zip in the current folder). With --journal, includes its counts, rows needing attention and API activity, and the logs in its folder\'s logs/.',
  options: { out: { type: 'string' } },
  run(ctx) {
    try {
      return Promise.resolve(writeBundle(ctx));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  },
};

function writeBundle(ctx: CommandContext): CommandResult {
  const now = new Date((ctx.io.now ?? Date.now)());
  // A bundle never replaces a file: a mistyped --out must not destroy the journal or anything else.
  const out = path.resolve(flag(ctx, 'out') ?? bundleFileName(ctx.config.tillId ?? null, now));
  if (fs.existsSync(out)) throw usageError(`--out ${out} already exists; a support bundle never replaces a file (choose a new name)`);
  const journalPath = ctx.config.journalPath;
  const journal = journalPath === undefined ? null : ctx.journal({ mustExist: true });
  const logDir = journalPath === undefined ? null : path.join(path.dirname(path.resolve(journalPath)), LOG_DIR);
  const policy = openPolicySource({ path: policyPath(process.platform, process.env), releaseBuild: false, watch: false });
  try {
    const bundle = buildSupportBundle({
      app: { name: 'socialhub-till (CLI)', version: cliVersion(), packaged: false },
      settings: null,
      policy: policy.state(),
      journal,
      journalProblem: journal === null ? 'No journal was given (--journal or TILL_JOURNAL).' : null,
      logDir: logDir !== null && fs.existsSync(logDir) ? logDir : null,
      secrets: () => [ctx.config.writeKey, ctx.config.readKey].filter((k): k is string => k !== undefined),
      now: () => now,
    });
    try {
      writeFileAtomicSync(out, bundle.zip, { mode: 0o600 });
    } catch (e) {
      throw failure(`the support bundle could not be written to ${out} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    return { output: { ok: true, path: out, bytes: bundle.zip.byteLength, entries: bundle.entries }, exitCode: EXIT.ok };
  } finally {
    policy.close();
  }
}
