/**
 * Configuration from flags, then environment. Keys never come from the command line, where any
 * user of the machine can read them (`/proc/<pid>/cmdline`, `ps`) and where a typo gets them
 * echoed back: only from `SOCIALHUB_API_KEY`/`SOCIALHUB_READ_KEY`, or from a key file
 * (`--key-file F`, `--read-key-file F`, `-` for stdin). They are never printed (masks only).
 */
import fs from 'node:fs';
import { checkBaseUrl } from '../core/api/index.ts';
import { earnRuleSchema, roundingMode } from '../../shared/earn/earn-rule.ts';
import type { EarnRule, RoundingMode } from '../../shared/earn/earn-rule.ts';
import { TOKEN_VALUE } from '../../shared/ledger/sale-token.ts';
import { DEFAULT_CURRENCY } from '../../shared/money.ts';
import { usageError } from './errors.ts';

export const DEFAULT_BASE_URL = 'https://flash.socialhub.ai/api/v2';

/** parseArgs specs of the flags every command accepts. */
export const GLOBAL_OPTIONS = {
  'base-url': { type: 'string' },
  'key-file': { type: 'string' },
  'read-key-file': { type: 'string' },
  // Still parsed, only to refuse them with a reason (see resolveConfig) rather than "unknown option".
  key: { type: 'string' },
  'read-key': { type: 'string' },
  journal: { type: 'string' },
  store: { type: 'string' },
  till: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'settle-ms': { type: 'string' },
  'txn-scope': { type: 'string' },
  'day-start': { type: 'string' },
  'ids-per': { type: 'string' },
  'busy-timeout-ms': { type: 'string' },
  'points-per-unit': { type: 'string' },
  rounding: { type: 'string' },
  tz: { type: 'string' },
  currency: { type: 'string' },
  rate: { type: 'string' },
  burst: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Flags = Record<string, string | boolean | undefined>;
export type Env = Readonly<Record<string, string | undefined>>;

export interface Config {
  baseUrl: string;
  writeKey: string | undefined;
  readKey: string | undefined;
  journalPath: string | undefined;
  storeId: string | undefined;
  tillId: string | undefined;
  timeoutMs: number;
  settleMs: number | undefined;
  /** Keying settings given explicitly; left out, the journal's own are used (journal keying.ts). */
  txnIdScope: 'forever' | 'business-day' | undefined;
  dayStart: string | undefined;
  idsUniquePer: 'store' | 'till' | undefined;
  /** Given explicitly with --tz/TILL_TZ (else undefined: the journal's zone). */
  explicitTimeZone: string | undefined;
  /** How long a write waits for another process's journal lock before exit 75. */
  busyTimeoutMs: number;
  earnRule: EarnRule | undefined;
  /** The store's currency (ISO 4217): amounts like --total are in it, and journaled in its minor units. */
  currency: string;
  timeZone: string;
  ratePerSecond: number;
  burst: number;
}

const str = (flags: Flags, name: string): string | undefined => {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
};

function pick(flags: Flags, env: Env, flag: string, envName: string): string | undefined {
  const value = str(flags, flag) ?? env[envName];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function positiveInt(value: string, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1 || Number(value) > max) throw usageError(`${name} must be a whole number from 1 to ${max} (got "${clip(value)}")`);
  return Number(value);
}

export function positiveNumber(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > 1_000_000) throw usageError(`${name} must be a number above 0 (got "${clip(value)}")`);
  return n;
}

export function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value.replace(/[^\x20-\x7e]/g, '?');
}

/** Reads a key file (or stdin for `-`); the content is the key, surrounding whitespace ignored. */
export type KeySource = (path: string) => string;

const readKeySource: KeySource = (path) => fs.readFileSync(path === '-' ? 0 : path, 'utf8');

function keyFrom(flags: Flags, env: Env, which: 'write' | 'read', read: KeySource): string | undefined {
  const flag = which === 'write' ? 'key' : 'read-key';
  const envName = which === 'write' ? 'SOCIALHUB_API_KEY' : 'SOCIALHUB_READ_KEY';
  if (flags[flag] !== undefined) {
    throw usageError(`--${flag} is not accepted: a key on the command line is visible to every user of this computer. Use ${envName}, --${flag}-file FILE or --${flag}-file - (stdin)`);
  }
  const file = pick(flags, env, `${flag}-file`, `${envName}_FILE`);
  if (file === undefined) {
    const fromEnv = env[envName]?.trim();
    return key(fromEnv === '' ? undefined : fromEnv, envName);
  }
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw usageError(`--${flag}-file: ${file === '-' ? 'stdin' : `"${clip(file)}"`} could not be read${code === undefined ? '' : ` (${code})`}`);
  }
  const value = text.trim();
  if (value === '') throw usageError(`--${flag}-file: ${file === '-' ? 'stdin' : `"${clip(file)}"`} holds no key`);
  return key(value, `--${flag}-file`);
}

export function resolveConfig(flags: Flags, env: Env, readKey: KeySource = readKeySource): Config {
  if (str(flags, 'key-file') === '-' && str(flags, 'read-key-file') === '-') throw usageError('only one of --key-file and --read-key-file can read stdin');
  const baseUrl = pick(flags, env, 'base-url', 'SOCIALHUB_BASE_URL') ?? DEFAULT_BASE_URL;
  const base = checkBaseUrl(baseUrl);
  if (!base.ok) throw usageError(base.message);

  const id = (value: string | undefined, name: string): string | undefined => {
    if (value !== undefined && !TOKEN_VALUE.test(value)) throw usageError(`${name} must be 1–64 letters, digits, _ or - (got "${clip(value)}")`);
    return value;
  };
  const timeout = pick(flags, env, 'timeout-ms', 'TILL_REQUEST_TIMEOUT_MS');
  const settle = pick(flags, env, 'settle-ms', 'TILL_SETTLE_MS');
  const scope = pick(flags, env, 'txn-scope', 'TILL_TXN_SCOPE');
  if (scope !== undefined && scope !== 'forever' && scope !== 'business-day') throw usageError(`--txn-scope must be forever or business-day (got "${clip(scope)}")`);

  const ppu = pick(flags, env, 'points-per-unit', 'TILL_POINTS_PER_UNIT');
  const roundingText = pick(flags, env, 'rounding', 'TILL_ROUNDING') ?? 'floor';
  const rounding = roundingMode.safeParse(roundingText);
  if (!rounding.success) throw usageError(`--rounding must be floor, round or ceil (got "${clip(roundingText)}")`);
  let earnRule: EarnRule | undefined;
  if (ppu !== undefined) {
    const parsed = earnRuleSchema.safeParse({ pointsPerUnit: Number(ppu), rounding: rounding.data satisfies RoundingMode, applyTierMultiplier: false });
    if (!/^\d+(\.\d+)?$/.test(ppu) || !parsed.success) {
      throw usageError(`--points-per-unit must be a number from 0 to 10000 with at most 4 decimals (got "${clip(ppu)}")`);
    }
    earnRule = parsed.data;
  }

  return {
    baseUrl: base.url,
    writeKey: keyFrom(flags, env, 'write', readKey),
    readKey: keyFrom(flags, env, 'read', readKey),
    journalPath: pick(flags, env, 'journal', 'TILL_JOURNAL'),
    storeId: id(pick(flags, env, 'store', 'TILL_STORE_ID'), '--store'),
    tillId: id(pick(flags, env, 'till', 'TILL_ID'), '--till'),
    timeoutMs: timeout === undefined ? 8000 : positiveInt(timeout, '--timeout-ms', 600_000),
    settleMs: settle === undefined ? undefined : positiveInt(settle, '--settle-ms', 3_600_000),
    txnIdScope: scope,
    dayStart: dayStart(pick(flags, env, 'day-start', 'TILL_DAY_START')),
    idsUniquePer: idsPer(pick(flags, env, 'ids-per', 'TILL_IDS_PER')),
    explicitTimeZone: pick(flags, env, 'tz', 'TILL_TZ'),
    busyTimeoutMs: positiveInt(pick(flags, env, 'busy-timeout-ms', 'TILL_BUSY_TIMEOUT_MS') ?? '30000', '--busy-timeout-ms', 600_000),
    earnRule,
    currency: currency(pick(flags, env, 'currency', 'SOCIALHUB_CURRENCY')),
    timeZone: pick(flags, env, 'tz', 'TILL_TZ') ?? 'local',
    ratePerSecond: positiveNumber(pick(flags, env, 'rate', 'TILL_EXPORT_RATE') ?? '10', '--rate'),
    burst: positiveInt(pick(flags, env, 'burst', 'TILL_EXPORT_BURST') ?? '10', '--burst', 10_000),
  };
}

function currency(value: string | undefined): string {
  if (value === undefined) return DEFAULT_CURRENCY;
  const code = value.toUpperCase();
  // Intl formats any well-formed code ("XYZ"), so only its list of real ones proves a currency.
  if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf('currency').includes(code)) {
    throw usageError(`--currency must be an ISO 4217 currency code like USD, JPY or KWD (got "${clip(value)}")`);
  }
  return code;
}

function dayStart(value: string | undefined): string | undefined {
  if (value !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw usageError(`--day-start must be HH:MM, e.g. 04:00 (got "${clip(value)}")`);
  return value;
}

function idsPer(value: string | undefined): 'store' | 'till' | undefined {
  if (value !== undefined && value !== 'store' && value !== 'till') throw usageError(`--ids-per must be store or till (got "${clip(value)}")`);
  return value;
}

/** Refuses a key the client could not send, without ever echoing it. */
function key(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[\x21-\x7e]{8,512}$/.test(value)) throw usageError(`${name} is not a usable API key (8–512 printable characters, no spaces)`);
  return value;
}

export function needed<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw usageError(message);
  return value;
}
