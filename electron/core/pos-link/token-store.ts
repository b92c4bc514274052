/**
 * The POS token at rest: only its SHA-256 hash, in a small JSON file beside the key vault (mode
 * 0600, replaced atomically). The token itself exists once, in the answer to `create`/`rotate`
 * that the manager copies into the POS; a lost token is rotated, never recovered.
 * A 256-bit random token makes a plain hash enough: there is nothing to guess or brute-force.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { writeFileAtomicSync } from '../fs/atomic-write.ts';

export const TOKEN_PREFIX = 'shpos_';

const fileSchema = z.object({
  version: z.literal(1),
  token: z
    .object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** The token's last 4 characters, for the mask (the other 39 random characters stay secret). */
      last4: z.string().regex(/^[A-Za-z0-9_-]{4}$/),
      createdAt: z.iso.datetime(),
    })
    .nullable(),
});

export interface TokenInfo {
  configured: boolean;
  /** Safe to show and log: prefix, ellipsis, last 4. */
  mask: string | null;
  createdAt: string | null;
}

/** The token id a valid request was made with (rate limit and audit key); never the token. */
export interface TokenMatch {
  id: string;
  mask: string;
}

export interface TokenStore {
  info(): TokenInfo;
  /** A new token (replacing any other): the only time it is ever returned. */
  create(): { token: string; info: TokenInfo };
  revoke(): TokenInfo;
  /** Constant-time check of a presented token; null when it is not the current one. */
  check(presented: string): TokenMatch | null;
  /**
   * Called after every create, rotate or revoke: whatever an earlier token opened (SSE streams,
   * parked long-polls) is to be ended, since that token no longer pairs anything.
   */
  onChange(listener: (info: TokenInfo) => void): () => void;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function createTokenStore(options: { file: string; now?: () => number }): TokenStore {
  const now = options.now ?? Date.now;
  type Stored = z.output<typeof fileSchema>['token'];
  let current: Stored = null;
  try {
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(options.file, 'utf8')));
    // An unreadable or altered file pairs nothing: the manager creates a new token.
    if (parsed.success) current = parsed.data.token;
  } catch {
    current = null;
  }

  const maskOf = (t: NonNullable<Stored>): string => `${TOKEN_PREFIX}…${t.last4}`;
  const info = (): TokenInfo => ({ configured: current !== null, mask: current === null ? null : maskOf(current), createdAt: current?.createdAt ?? null });
  const listeners = new Set<(info: TokenInfo) => void>();
  const save = (token: Stored): void => {
    writeFileAtomicSync(options.file, `${JSON.stringify({ version: 1, token })}\n`, { mode: 0o600 });
    current = token;
    const changed = info();
    for (const l of [...listeners]) {
      try {
        l(changed);
      } catch {
        // One listener failing must not leave the others holding the old token's connections.
      }
    }
  };

  return {
    info,
    create() {
      const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      save({ sha256: sha256(token).toString('hex'), last4: token.slice(-4), createdAt: new Date(now()).toISOString() });
      return { token, info: info() };
    },
    revoke() {
      save(null);
      return info();
    },
    check(presented) {
      if (current === null || presented.length > 200) return null;
      const ok = timingSafeEqual(sha256(presented), Buffer.from(current.sha256, 'hex'));
      return ok ? { id: current.sha256.slice(0, 16), mask: maskOf(current) } : null;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
