/**
 * What the vault encrypts for one key: the key, the slot it belongs to and the origin it may be
 * sent to, with a digest over all three. The OS encryption keeps it secret; the digest makes it
 * tamper-evident even where that encryption has no integrity check of its own (Chromium's Linux
 * backend is AES-CBC without a MAC, so flipped ciphertext bits flip plaintext bits): forging a
 * matching digest for a changed origin would need the key itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { apiKeySchema } from './key-format.ts';
import type { KeyKind } from './key-format.ts';

const sealSchema = z.strictObject({
  v: z.literal(2),
  kind: z.enum(['write', 'read']),
  origin: z.string().min(1).max(300),
  key: apiKeySchema,
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface SealInput {
  readonly kind: KeyKind;
  readonly key: string;
  readonly origin: string;
}

function digestOf(s: SealInput): string {
  return createHash('sha256').update(`till-key-seal/v2\n${s.kind}\n${s.origin}\n${s.key}`).digest('hex');
}

/** The plaintext handed to the OS encryption. */
export function seal(input: SealInput): string {
  return JSON.stringify({ v: 2, kind: input.kind, origin: input.origin, key: input.key, digest: digestOf(input) });
}

export type OpenedSeal = { ok: true; key: string; origin: string } | { ok: false; why: string };

/** The decrypted plaintext back to key + origin, refusing anything that was not sealed for `kind` as it is now. */
export function openSeal(plain: string, kind: KeyKind): OpenedSeal {
  // A bare key is what the vault stored before keys were bound to an origin: where it may go is unknown.
  if (apiKeySchema.safeParse(plain).success) return { ok: false, why: 'was stored by an older version without the address it belongs to' };
  let parsed: z.output<typeof sealSchema>;
  try {
    parsed = sealSchema.parse(JSON.parse(plain));
  } catch {
    return { ok: false, why: 'could not be read back (its record is damaged)' };
  }
  const expected = Buffer.from(digestOf(parsed), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(parsed.digest, 'hex'))) return { ok: false, why: 'could not be read back (its record is damaged)' };
  if (parsed.kind !== kind) return { ok: false, why: `is a ${parsed.kind} key stored in the ${kind} slot` };
  return { ok: true, key: parsed.key, origin: parsed.origin };
}
