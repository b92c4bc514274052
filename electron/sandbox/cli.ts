/**
 * `npm run sandbox -- --port 0 [--seed N] [--persist <file>] [--rate <capacity>:<perSecond>]
 *                     [--admin-token T] [--ledger-lag <ms>] [--quiet]`
 *
 * Prints `SANDBOX_URL=…`, `SANDBOX_WRITE_KEY=…`, `SANDBOX_READ_KEY=…`, `SANDBOX_OTHER_TENANT_KEY=…`
 * and `SANDBOX_ADMIN_TOKEN=…` on stdout (one per line, nothing before them) so scripts can `eval`
 * or parse them; logs go to stderr. Serves until SIGINT/SIGTERM. Bad flags exit 2.
 */
import { parseArgs } from 'node:util';
import type { SandboxHandle, SandboxOptions } from './server.ts';

const USAGE = 'usage: sandbox [--port N] [--seed N] [--persist FILE] [--rate CAPACITY:PER_SECOND] [--admin-token TOKEN] [--ledger-lag MS] [--quiet]';

/** Parses CLI flags into start options; throws an Error with a one-line message on bad input. */
export function parseCliArgs(argv: string[]): SandboxOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      persist: { type: 'string' },
      rate: { type: 'string' },
      'admin-token': { type: 'string' },
      'ledger-lag': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const opts: SandboxOptions & { help?: boolean } = {};
  if (values.help) opts.help = true;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535) throw new Error(`--port must be 0–65535 (got "${values.port}")`);
    opts.port = Number(values.port);
  }
  if (values.seed !== undefined) {
    if (!/^-?\d{1,15}$/.test(values.seed)) throw new Error(`--seed must be an integer (got "${values.seed}")`);
    opts.seed = Number(values.seed);
  }
  if (values.persist !== undefined) {
    if (values.persist.trim() === '') throw new Error('--persist needs a file path');
    opts.persistPath = values.persist;
  }
  if (values.rate !== undefined) {
    const match = /^(\d+):(\d+(?:\.\d+)?)$/.exec(values.rate);
    const capacity = Number(match?.[1]);
    const refillPerSecond = Number(match?.[2]);
    if (!match || capacity < 1 || refillPerSecond <= 0) throw new Error(`--rate must be CAPACITY:PER_SECOND, e.g. 200:100 (got "${values.rate}")`);
    opts.rateLimit = { capacity, refillPerSecond };
  }
  if (values['admin-token'] !== undefined) {
    if (!/^\S{8,200}$/.test(values['admin-token'])) throw new Error('--admin-token must be 8–200 non-space characters');
    opts.adminToken = values['admin-token'];
  }
  if (values['ledger-lag'] !== undefined) {
    if (!/^\d{1,7}$/.test(values['ledger-lag'])) throw new Error(`--ledger-lag must be a whole number of ms (got "${values['ledger-lag']}")`);
    opts.ledgerLagMs = Number(values['ledger-lag']);
  }
  if (values.quiet) opts.quiet = true;
  return opts;
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, ' ');
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseCliArgs>;
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`sandbox: ${oneLine(err)}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { help: _help, ...startOpts } = opts;
  let sandbox: SandboxHandle;
  try {
    // Loaded only now, so a bad flag is reported without paying for the server's imports.
    const { startSandbox } = await import('./server.ts');
    sandbox = await startSandbox(startOpts);
  } catch (err) {
    process.stderr.write(`sandbox: could not start: ${oneLine(err)}\n`);
    process.exit(1);
  }
  process.stdout.write(
    [
      `SANDBOX_URL=${sandbox.url}`,
      `SANDBOX_WRITE_KEY=${sandbox.keys.write}`,
      `SANDBOX_READ_KEY=${sandbox.keys.read}`,
      `SANDBOX_OTHER_TENANT_KEY=${sandbox.keys.otherTenant}`,
      `SANDBOX_ADMIN_TOKEN=${sandbox.adminToken}`,
    ].join('\n') + '\n',
  );
  const stop = (signal: string): void => {
    if (!opts.quiet) process.stderr.write(`[sandbox] info: ${signal}: shutting down\n`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`sandbox: error while closing: ${oneLine(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (import.meta.main) await main();
