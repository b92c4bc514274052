/** The shape every CLI command has: its flags, its help, and a run that returns one JSON object. */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { CommandContext } from './context.ts';
import type { ExitCode } from './errors.ts';

export interface CommandResult {
  /** Printed as one JSON object on stdout. */
  output: Record<string, unknown>;
  exitCode: ExitCode;
  /** One line for stderr when exitCode ≠ 0. */
  reason?: string;
}

export interface Command {
  /** `award`, `export roster`, … */
  name: string;
  summary: string;
  /** Help text after the usage line. */
  help: string;
  usage: string;
  options: ParseArgsOptionsConfig;
  run(ctx: CommandContext): Promise<CommandResult>;
}

export function flag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.flags[name];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
