#!/usr/bin/env node
/**
 * `socialhub-till` entry point (`node electron/cli/main.ts …`, `npm run till -- …`, or the bin).
 * The OMS/ERP's way in and a test driver for the exactly-once engine: Electron-free.
 */
import { EXIT, redactKeys } from './errors.ts';

// The journal is node:sqlite, unflagged from Node.js 22.13 / 23.4: on an older one (or with it turned
// off) say so in one line, rather than the loader's stack trace before anything else runs.
try {
  await import('node:sqlite');
} catch {
  process.stderr.write(`socialhub-till: this Node.js (${process.version}) has no node:sqlite, which the journal needs. Use Node.js 22.13 or later (23.4 or later on 23), or start it with --experimental-sqlite.\n`);
  process.exit(EXIT.failed);
}
const { runCli } = await import('./run.ts');

const controller = new AbortController();
let interrupted = 0;
const onSignal = (): void => {
  // First signal: stop cleanly (exports keep their checkpoint). Second: leave now.
  if (++interrupted > 1) process.exit(EXIT.interrupted);
  controller.abort(new Error('interrupted'));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Last line of defence: never a stack trace, always one line and a non-zero exit.
process.on('uncaughtException', (err) => {
  process.stderr.write(`socialhub-till: ${redactKeys(err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err))}\n`);
  process.exit(EXIT.failed);
});

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
});
