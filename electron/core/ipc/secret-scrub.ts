/**
 * The last line of defence against a key reaching the renderer: before any response or event
 * leaves main, its JSON is searched for registered secret material. Not a substitute for handlers
 * that never touch keys — a net under them.
 *
 * A "hit" is any run of WINDOW consecutive characters of a secret (or the whole secret when it is
 * shorter), so a partly trimmed or sliced key is caught too, while a mask (8 + 4 characters) is not.
 */
export const SECRET_WINDOW = 16;

export type SecretsProvider = () => Iterable<string>;

function windows(secret: string): string[] {
  if (secret.length <= SECRET_WINDOW) return [secret];
  const out: string[] = [];
  for (let i = 0; i + SECRET_WINDOW <= secret.length; i++) out.push(secret.slice(i, i + SECRET_WINDOW));
  return out;
}

/** True when `text` contains secret material. Empty secrets are ignored (they would match everything). */
export function containsSecret(text: string, secrets: Iterable<string>): boolean {
  for (const secret of secrets) {
    if (secret.length < 8) continue; // nothing that short is a key; guarding it would block ordinary text
    for (const w of windows(secret)) {
      if (text.includes(w)) return true;
      // JSON escaping could change the bytes of an unusual secret; look for the escaped form too.
      const escaped = JSON.stringify(w).slice(1, -1);
      if (escaped !== w && text.includes(escaped)) return true;
    }
  }
  return false;
}

/** JSON of a value for scanning; a value that cannot be serialised is treated as suspect. */
export function serialiseForScan(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return null;
  }
}

export const REDACTED = '[redacted]';

/**
 * `text` with every hit (as `containsSecret` counts them) replaced by `[redacted]`: for log lines
 * and support-bundle files, which must keep the rest of what they say.
 */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 8) continue;
    for (const w of windows(secret)) {
      if (out.includes(w)) out = out.split(w).join(REDACTED);
      const escaped = JSON.stringify(w).slice(1, -1);
      if (escaped !== w && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
    }
  }
  return out;
}
