/**
 * The CLI without the process: argv + env + io → exit code. Prints exactly one JSON object on
 * stdout (also for failures: `{"ok":false,"error":…}`), and on failure one line on stderr. Never
 * a stack trace: every error becomes a message and an exit code (see errors.ts).
 */
import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { awardCommand } from './commands/award.ts';
import { clawbackCommand } from './commands/clawback.ts';
import { exportLedgerCommand, exportRosterCommand } from './commands/export.ts';
import { journalCommand } from './commands/journal.ts';
import { reconcileCommand } from './commands/reconcile.ts';
import { recoverCommand } from './commands/recover.ts';
import { redeemCommand } from './commands/redeem.ts';
import { storesCommand } from './commands/stores.ts';
import { supportBundleCommand } from './commands/support-bundle.ts';
import { logRun } from './run-log.ts';
import { GLOBAL_OPTIONS, resolveConfig } from './config.ts';
import type { Env, Flags } from './config.ts';
import { createContext } from './context.ts';
import type { CliIo, CommandContext } from './context.ts';
import { CliError, EXIT, oneLine, redactKeys } from './errors.ts';
import type { ExitCode } from './errors.ts';
import { classifyError } from './error-map.ts';
import { commandHelp, generalHelp } from './usage.ts';

export const COMMANDS: readonly Command[] = [
  awardCommand,
  clawbackCommand,
  redeemCommand,
  recoverCommand,
  journalCommand,
  reconcileCommand,
  storesCommand,
  exportRosterCommand,
  exportLedgerCommand,
  supportBundleCommand,
];

const PROGRAM = 'socialhub-till';

export async function runCli(argv: readonly string[], env: Env, io: CliIo): Promise<ExitCode> {
  const fail = (code: ExitCode, text: string): ExitCode => {
    const message = redactKeys(text); // every argument error, whatever produced it
    io.stdout(`${JSON.stringify({ ok: false, error: message, exitCode: code })}\n`);
    io.stderr(`${PROGRAM}: ${message}\n`);
    return code;
  };

  const args = [...argv];
  if (args.length === 0) return fail(EXIT.usage, `no command given; see ${PROGRAM} --help`);
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(generalHelp(COMMANDS));
    return EXIT.ok;
  }
  if (args[0] === 'export' && (args[1] === '--help' || args[1] === '-h')) {
    io.stdout(generalHelp(COMMANDS.filter((c) => c.name.startsWith('export '))));
    return EXIT.ok;
  }
  if (args[0] === 'export' && args.length === 1) return fail(EXIT.usage, `export needs a job: roster or ledger; see ${PROGRAM} export --help`);
  const { command, rest } = findCommand(args);
  if (!command) return fail(EXIT.usage, `unknown command "${oneLine(args.slice(0, 2).join(' ')).slice(0, 40)}"; see ${PROGRAM} --help`);

  let flags: Flags;
  try {
    flags = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    return fail(EXIT.usage, `${command.name}: ${oneLine(err)}`);
  }
  if (flags.help === true) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }

  let ctx: CommandContext | undefined;
  try {
    ctx = createContext(resolveConfig(flags, env), flags, io);
    const result = await command.run(ctx);
    io.stdout(`${JSON.stringify(result.output)}\n`);
    if (result.exitCode !== EXIT.ok) io.stderr(`${PROGRAM}: ${oneLine(result.reason ?? `${command.name} failed`)}\n`);
    await logRun(ctx.config, { command: command.name, exitCode: result.exitCode, ...(result.reason === undefined ? {} : { reason: oneLine(result.reason) }) }, io.stderr).catch(() => undefined);
    return result.exitCode;
  } catch (err) {
    const e = err instanceof CliError ? err : classifyError(err, io.signal);
    if (ctx !== undefined) await logRun(ctx.config, { command: command.name, exitCode: e.exitCode, reason: oneLine(e) }, io.stderr).catch(() => undefined);
    return fail(e.exitCode, `${command.name}: ${oneLine(e)}`);
  } finally {
    try {
      await ctx?.close();
    } catch {
      // Closing is best effort; the outcome is already printed.
    }
  }
}

function findCommand(args: string[]): { command: Command | undefined; rest: string[] } {
  const [first = '', second = ''] = args;
  const two = COMMANDS.find((c) => c.name === `${first} ${second}`);
  if (two) return { command: two, rest: args.slice(2) };
  if (first === 'export') return { command: undefined, rest: [] };
  return { command: COMMANDS.find((c) => c.name === first), rest: args.slice(1) };
}

