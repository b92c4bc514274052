/**
 * The one place a scan (keyboard wedge, webcam or typed) becomes a member or coupon id.
 *
 * A scan is untrusted data: whatever it says, the result is either an id that matches
 * `ID_PATTERN` (so it cannot alter a request path) or an error with a sentence the cashier can
 * act on. Nothing here opens, fetches or follows a URL; URLs are only read for the id they carry.
 */
import { ID_PATTERN } from '../api/schemas.ts';
import { englishText } from '../i18n/translator.ts';
import { SCAN_MESSAGES } from './scan-messages.ts';

export type ScanErrorCode =
  | 'empty'
  | 'too_long'
  | 'control_chars'
  | 'whitespace'
  | 'path_trick'
  | 'unsafe_url'
  | 'host_not_allowed'
  | 'product_barcode'
  | 'invalid_id'
  | 'ambiguous'
  | 'caps_lock'
  | 'unrecognised'
  | 'bad_config';

export type ScanResult =
  | { kind: 'member'; memberId: string }
  | { kind: 'coupon'; couponId: string }
  /** `message` is English (logs); the cashier is shown `messageId` with `values` in the till's language. */
  | { kind: 'error'; code: ScanErrorCode; message: string; messageId: string; values?: Record<string, string> };

export interface ScanParserOptions {
  /** Hostnames a scanned URL may come from (`portal.example.com` or `*.example.com`). Unset: any host. */
  allowedHosts?: readonly string[];
  /** Tenant code format: a regex source with a named group `member` and/or `coupon`; must match the whole scan. */
  customPattern?: string;
}

export type ScanParser = (raw: unknown) => ScanResult;
export type ScanParserConfig = { ok: true; parse: ScanParser } | { ok: false; code: 'bad_config'; message: string };

export const SCAN_MAX_LENGTH = 512;
/** The custom regex only ever sees this much input, so even a slow pattern stays bounded. */
export const CUSTOM_PATTERN_INPUT_MAX = 256;
export const CUSTOM_PATTERN_SOURCE_MAX = 300;
const CUSTOM_PATTERN_MAX_UNBOUNDED = 3;

/** Demo portal convention: `https://portal.socialhub.ai/m/<memberId>` and `/c/<couponId>`. */
export const PORTAL_ORIGIN = 'https://portal.socialhub.ai';
export const MEMBER_ID_PREFIX = 'mb_';
export const COUPON_ID_PREFIX = 'cp_';

const MEMBER_ROUTES = new Set(['m', 'member', 'members']);
const COUPON_ROUTES = new Set(['c', 'coupon', 'coupons']);

function fail(code: ScanErrorCode, values?: Record<string, string>): ScanResult & { kind: 'error' } {
  const descriptor = SCAN_MESSAGES[code];
  const message = code === 'bad_config' && values?.detail !== undefined ? values.detail : englishText(descriptor, values);
  const base = { kind: 'error' as const, code, message, messageId: descriptor.id };
  return values === undefined || code === 'bad_config' ? base : { ...base, values };
}

/** Build a portal URL for an id; the inverse of what the parser accepts. */
export function portalUrl(kind: 'member' | 'coupon', id: string, origin = PORTAL_ORIGIN): string {
  if (!ID_PATTERN.test(id)) throw new RangeError('id does not match ID_PATTERN');
  return `${origin}/${kind === 'member' ? 'm' : 'c'}/${id}`;
}

/**
 * Validate options once (when a manager saves settings) and get a parser bound to them.
 * A bad pattern or host list is a configuration error, reported here, not on every scan.
 */
export function createScanParser(options: ScanParserOptions = {}): ScanParserConfig {
  const hosts = compileHosts(options.allowedHosts);
  if (!hosts.ok) return { ok: false, code: 'bad_config', message: hosts.message };
  let pattern: RegExp | null = null;
  if (options.customPattern !== undefined && options.customPattern !== '') {
    const compiled = compileScanPattern(options.customPattern);
    if (!compiled.ok) return { ok: false, code: 'bad_config', message: compiled.message };
    pattern = compiled.regex;
  }
  const allowed = hosts.hosts;
  return { ok: true, parse: (raw) => parseWith(raw, allowed, pattern) };
}

let lastConfig: { key: string; config: ScanParserConfig } | null = null;

/** Convenience form of `createScanParser(options).parse(raw)`; a bad config comes back as an error result. */
export function parseScan(raw: unknown, options: ScanParserOptions = {}): ScanResult {
  const key = JSON.stringify([options.allowedHosts ?? null, options.customPattern ?? null]);
  if (lastConfig?.key !== key) lastConfig = { key, config: createScanParser(options) };
  const { config } = lastConfig;
  if (!config.ok) return fail('bad_config', { detail: config.message });
  return config.parse(raw);
}

function parseWith(raw: unknown, allowedHosts: readonly string[] | null, pattern: RegExp | null): ScanResult {
  if (typeof raw !== 'string') return fail('empty');
  // Checked before any other work so a huge paste costs nothing more than this comparison.
  if (raw.length > SCAN_MAX_LENGTH + 8) return fail('too_long');
  const text = stripScannerTerminators(raw);
  if (text.length === 0) return fail('empty');
  if (text.length > SCAN_MAX_LENGTH) return fail('too_long');
  if (hasControlChars(text)) return fail('control_chars');
  const scheme = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && isDangerousScheme(scheme)) return fail('unsafe_url');
  if (/\s/.test(text)) return fail(text.trim() === '' ? 'empty' : 'whitespace');
  // Before URL parsing, which would silently resolve `..` and hide the attempt.
  if (hasPathTrick(text)) return fail('path_trick');

  let url: URL | null = null;
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    // A tenant may use its own scheme (`acme:card:123`): only its pattern can accept that.
    if (pattern !== null) {
      const custom = matchCustom(pattern, text);
      if (custom !== null) return custom;
    }
    return fail('unsafe_url');
  }
  if (scheme !== undefined) {
    url = safeUrl(text);
    if (url === null || url.username !== '' || url.password !== '') return fail('unsafe_url');
    if (allowedHosts !== null && !hostAllowed(url.hostname, allowedHosts)) {
      return fail('host_not_allowed', { host: url.hostname.slice(0, 80) });
    }
  }

  // The tenant's own format wins over the built-in rules (e.g. 13-digit numeric member cards).
  if (pattern !== null) {
    const custom = matchCustom(pattern, text);
    if (custom !== null) return custom;
  }

  if (url !== null) return fromUrl(url);
  return fromRawId(text);
}

/** Scanners end a code with CR, LF or Tab; those are noise, anything else is content. */
function stripScannerTerminators(s: string): string {
  let end = s.length;
  // A loop rather than /[\r\n\t]+$/, which backtracks quadratically on long runs of tabs.
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x0d && c !== 0x0a && c !== 0x09) break;
    end--;
  }
  return s.slice(0, end);
}

function hasControlChars(s: string): boolean {
  // C0, DEL, C1, plus invisible format characters (zero-width, bidi overrides, BOM) that can
  // make two codes look identical on screen.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/.test(s);
}

function hasPathTrick(s: string): boolean {
  return s.includes('..') || s.includes('\\') || /%(2e|2f|5c|00)/i.test(s);
}

function isDangerousScheme(scheme: string): boolean {
  return ['javascript', 'data', 'vbscript', 'file', 'blob', 'about', 'filesystem'].includes(scheme);
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function hostAllowed(hostname: string, allowed: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return allowed.some((entry) =>
    entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry,
  );
}

function fromUrl(url: URL): ScanResult {
  const found: { kind: 'member' | 'coupon'; id: string }[] = [];
  const segments = url.pathname.split('/').filter((s) => s !== '');
  // Only the last two segments: `/m/<id>` is a member, `/m/<id>/edit` is not a code.
  const route = segments.at(-2)?.toLowerCase();
  const last = segments.at(-1);
  if (route !== undefined && last !== undefined) {
    if (MEMBER_ROUTES.has(route)) found.push({ kind: 'member', id: last });
    else if (COUPON_ROUTES.has(route)) found.push({ kind: 'coupon', id: last });
  }
  for (const [name, kind] of [['member', 'member'], ['coupon', 'coupon']] as const) {
    for (const value of url.searchParams.getAll(name)) found.push({ kind, id: value });
  }
  if (found.length === 0) return fail('unrecognised');
  const first = found[0];
  if (first === undefined || found.some((f) => f.kind !== first.kind || f.id !== first.id)) return fail('ambiguous');
  if (!ID_PATTERN.test(first.id)) return fail('invalid_id');
  // `/m/cp_…` contradicts itself: refuse rather than guess which half is right.
  const otherPrefix = first.kind === 'member' ? COUPON_ID_PREFIX : MEMBER_ID_PREFIX;
  if (first.id.startsWith(otherPrefix)) return fail('ambiguous');
  return result(first.kind, first.id);
}

function fromRawId(text: string): ScanResult {
  for (const [prefix, kind] of [[MEMBER_ID_PREFIX, 'member'], [COUPON_ID_PREFIX, 'coupon']] as const) {
    if (text.startsWith(prefix)) {
      return ID_PATTERN.test(text) && text.length > prefix.length ? result(kind, text) : fail('invalid_id');
    }
    if (text.startsWith(prefix.toUpperCase()) && ID_PATTERN.test(text)) return fail('caps_lock');
  }
  // EAN-8, UPC-A, EAN-13 and GTIN-14: all-digit retail codes.
  if (/^(?:\d{8}|\d{12,14})$/.test(text)) return fail('product_barcode');
  return fail('unrecognised');
}

function result(kind: 'member' | 'coupon', id: string): ScanResult {
  return kind === 'member' ? { kind: 'member', memberId: id } : { kind: 'coupon', couponId: id };
}

function matchCustom(pattern: RegExp, text: string): ScanResult | null {
  if (text.length > CUSTOM_PATTERN_INPUT_MAX) return null;
  const groups = pattern.exec(text)?.groups;
  if (groups === undefined) return null;
  const member = groups.member;
  const coupon = groups.coupon;
  if (member !== undefined && coupon !== undefined) return fail('ambiguous');
  const id = member ?? coupon;
  if (id === undefined) return null;
  if (!ID_PATTERN.test(id)) return fail('invalid_id');
  return result(member !== undefined ? 'member' : 'coupon', id);
}

type HostsResult = { ok: true; hosts: string[] | null } | { ok: false; message: string };

function compileHosts(hosts: readonly string[] | undefined): HostsResult {
  if (hosts === undefined) return { ok: true, hosts: null };
  if (!Array.isArray(hosts)) return { ok: false, message: 'The allowed scan hosts must be a list of host names.' };
  const out: string[] = [];
  for (const entry of hosts) {
    const host = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
    const bare = host.startsWith('*.') ? host.slice(2) : host;
    if (!/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(bare)) {
      return { ok: false, message: `"${String(entry).slice(0, 80)}" is not a valid host name for the scan allow-list.` };
    }
    out.push(host);
  }
  return { ok: true, hosts: out };
}

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; message: string };

/**
 * A tenant regex with named groups (scan patterns, receipt codes): anchored, and checked that it
 * compiles, stays under the length cap, names the groups `needs` asks for (it says what is
 * missing, or null) and avoids the constructs that make backtracking explode (nested or
 * alternated repetition, back-references). The input cap bounds whatever polynomial cost remains.
 * `what` opens every message ("The custom scan pattern").
 */
export function compileNamedPattern(source: string, what: string, needs: (names: readonly string[]) => string | null): CompiledPattern {
  const bad = (why: string): CompiledPattern => ({ ok: false, message: `${what} ${why}` });
  if (typeof source !== 'string' || source.trim() === '') return bad('is empty.');
  if (source.length > CUSTOM_PATTERN_SOURCE_MAX) return bad(`is longer than ${CUSTOM_PATTERN_SOURCE_MAX} characters.`);
  let regex: RegExp;
  let probe: RegExp;
  try {
    // Anchored so a code merely *containing* something id-like is not accepted.
    regex = new RegExp(`^(?:${source})$`);
    // The empty alternative always matches, which exposes every named group as a key.
    probe = new RegExp(`(?:${source})|`);
  } catch (err) {
    return bad(`is not a valid regular expression (${err instanceof Error ? err.message : String(err)}).`);
  }
  const missing = needs(Object.keys(probe.exec('')?.groups ?? {}));
  if (missing !== null) return bad(missing);
  const unsafe = findBacktrackingHazard(source);
  if (unsafe !== null) return bad(`${unsafe} Such patterns can freeze the till on a bad scan.`);
  return { ok: true, regex };
}

/** A tenant scan pattern: it must name a `member` or `coupon` group. */
export function compileScanPattern(source: string): CompiledPattern {
  return compileNamedPattern(source, 'The custom scan pattern', (names) =>
    !names.includes('member') && !names.includes('coupon') ? 'needs a named group (?<member>…) or (?<coupon>…) around the id.' : null,
  );
}

/** A small walk over the regex source; conservative, so some safe patterns are refused too. */
export function findBacktrackingHazard(src: string): string | null {
  type Group = { quantified: boolean; alternation: boolean };
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let lastGroup: Group | null = null; // the group that just closed, if the previous atom was a group
  let unbounded = 0;
  let afterOpen = false; // `?` straight after `(` is group syntax, not a quantifier
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    const top = stack[stack.length - 1];
    const groupSyntax = afterOpen;
    afterOpen = false;
    if (top === undefined) return 'has unbalanced parentheses.';
    if (ch === '\\') {
      if (/[1-9k]/.test(src[i + 1] ?? '')) return 'uses a back-reference, which is not allowed.';
      i++;
      lastGroup = null;
    } else if (ch === '[') {
      i++;
      if (src[i] === '^') i++;
      if (src[i] === ']') i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      lastGroup = null;
    } else if (ch === '(') {
      stack.push({ quantified: false, alternation: false });
      lastGroup = null;
      afterOpen = true;
    } else if (ch === ')') {
      const closed = stack.pop();
      const parent = stack[stack.length - 1];
      if (closed === undefined || parent === undefined) return 'has unbalanced parentheses.';
      parent.quantified ||= closed.quantified;
      lastGroup = closed;
    } else if (ch === '|') {
      top.alternation = true;
      lastGroup = null;
    } else if ((ch === '*' || ch === '+' || ch === '?' || ch === '{') && !groupSyntax) {
      let isUnbounded = ch === '*' || ch === '+';
      if (ch === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (m === null) {
          lastGroup = null;
          continue;
        }
        isUnbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 64);
        i += m[0].length - 1;
      }
      if (src[i + 1] === '?') i++; // lazy modifier, not another quantifier
      if (lastGroup !== null && ch !== '?') {
        if (lastGroup.quantified) return 'repeats a group that itself repeats, like (a+)+.';
        if (lastGroup.alternation) return 'repeats a group of alternatives, like (a|ab)+; use a character class instead.';
      }
      top.quantified = true;
      if (isUnbounded && ++unbounded > CUSTOM_PATTERN_MAX_UNBOUNDED) {
        return `has more than ${CUSTOM_PATTERN_MAX_UNBOUNDED} open-ended repetitions (*, + or {n,}).`;
      }
      lastGroup = null;
    } else {
      lastGroup = null;
    }
  }
  return null;
}
