/**
 * What a log line is searched for before it is written, beyond the field names (secret-fields.ts):
 *
 * - every secret the host lists (keys, the sandbox's admin token) and every one registered here
 *   (the POS link's bearer tokens, the first-run set-up code): as written, and in base64 and
 *   base64url at each byte alignment, so `Basic base64(key:)` or a key an upstream echoed encoded
 *   is caught too (the IPC rule's 16-character windows then apply to the encoded text);
 * - the value after any `Authorization` (whatever its scheme), and any `Bearer`/`Basic` credential;
 * - anything shaped like a key (`fl_<env>_…`) or a POS token (`shpos_` + 43 random characters).
 */
import { redactKeys } from '../../../shared/api/key-mask.ts';
import { REDACTED, scrubSecrets } from '../ipc/secret-scrub.ts';
import { TOKEN_PREFIX as POS_TOKEN_PREFIX } from '../pos-link/token-store.ts';

/** Registered secrets kept (newest); a rotated POS token stays scrubbed well after it is replaced. */
export const MAX_REGISTERED_SECRETS = 64;
const registered: string[] = [];

/**
 * Never write `value` to any app log from now on (every open FileLog, and those opened later).
 * For secrets that are not in the key vault: the POS link calls it when a token is created or
 * rotated, the hosts when a set-up code is issued. Values under 8 characters are ignored, as by
 * the IPC rule (they would blank ordinary text); those are caught by field name only.
 */
export function registerLogSecret(value: string): void {
  if (value.length < 8 || registered.includes(value)) return;
  registered.push(value);
  if (registered.length > MAX_REGISTERED_SECRETS) registered.shift();
}

/** The registered secrets, newest last (tests, and the support bundle's own scrub if it wants them). */
export function registeredLogSecrets(): readonly string[] {
  return registered;
}

/** The part of base64(prefix + secret) that depends on the secret alone, for each of the 3 alignments. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * padded.length) / 6);
    for (const encoding of ['base64', 'base64url'] as const) {
      const stable = padded.toString(encoding).slice(first, end);
      if (stable.length >= 8 && !out.includes(stable)) out.push(stable);
    }
  }
  return out;
}

const formsCache = new Map<string, readonly string[]>();
/** The secret and its encoded forms (cached: the same few secrets are looked for on every line). */
function formsOf(secret: string): readonly string[] {
  let forms = formsCache.get(secret);
  if (forms === undefined) {
    forms = [secret, ...base64Forms(secret)];
    if (formsCache.size >= 4 * MAX_REGISTERED_SECRETS) formsCache.clear();
    formsCache.set(secret, forms);
  }
  return forms;
}

/**
 * `Authorization: <anything>` / `"authorization":"<anything>"` / `authorization=<anything>`: the
 * value runs to the end of the JSON string it is in (escaped quotes included), since a scheme's
 * parameters (`Digest username="…", response="…"`) may hold anything.
 */
const AUTHORIZATION_VALUE = /(\b(?:proxy-)?authorization(?:"\s*:\s*"|(?:\\")?\s*[:=]\s*(?:\\")?))(?:[^"\\\r\n]|\\.)+/gi;
/** A credential after its scheme, wherever it appears: at least 8 characters and not a plain word ("Basic settings"). */
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)(\s+)(?=[A-Za-z0-9\-._~+/]*[0-9\-._~+/=])[A-Za-z0-9\-._~+/]{8,}=*/gi;
const POS_TOKEN_LIKE = new RegExp(`${POS_TOKEN_PREFIX}[A-Za-z0-9_-]{16,}`, 'g');

/** `text` with every secret (listed or registered), credential and key- or token-shaped value replaced. */
export function scrubLogText(text: string, secrets: Iterable<string>): string {
  // Shapes first, so a key reads `fl_live_[redacted]` (its environment stays useful), then the listed secrets.
  let out = redactKeys(text).replace(POS_TOKEN_LIKE, `${POS_TOKEN_PREFIX}${REDACTED}`);
  const all = [...secrets, ...registered].filter((s) => s.length >= 8);
  out = scrubSecrets(out, all.flatMap((s) => formsOf(s)));
  return out.replace(AUTHORIZATION_VALUE, `$1${REDACTED}`).replace(SCHEME_CREDENTIAL, `$1$2${REDACTED}`);
}
