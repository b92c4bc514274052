/**
 * The CLI's own log line per run, in `logs/cli.log` beside its journal (the app's data folder
 * when the CLI shares the app's journal): which command, how it ended. Same logger, rotation and
 * scrub as the app (core/log); keys given to this run are registered as secrets. No journal, no
 * log file: the CLI's stdout/stderr contract says everything then.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import { openAppLog } from '../core/log/app-log.ts';
import type { Config } from './config.ts';
import type { ExitCode } from './errors.ts';

export async function logRun(config: Config, entry: { command: string; exitCode: ExitCode; reason?: string }, stderr: (text: string) => void): Promise<void> {
  if (config.journalPath === undefined) return;
  const log = openAppLog({
    dataDir: path.dirname(path.resolve(config.journalPath)),
    name: 'cli',
    secrets: () => [config.writeKey, config.readKey].filter((k): k is string => k !== undefined),
    stderr: new Writable({
      write(chunk: Buffer | string, _enc, done) {
        stderr(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
        done();
      },
    }),
  });
  const fields = { command: entry.command, exitCode: entry.exitCode, ...(entry.reason === undefined ? {} : { reason: entry.reason }) };
  if (entry.exitCode === 0) log.info('cli run', fields);
  else log.warn('cli run', fields);
  await log.close();
}
