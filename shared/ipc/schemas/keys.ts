/**
 * What an API key must look like before we encrypt and store it. Pure zod: the key vault in main uses
 * the same schema to reject a malformed key at the door. Messages never echo the input, because
 * the input is (nearly) a secret.
 */
import { z } from 'zod';

export const KEY_KINDS = ['write', 'read'] as const;
export const keyKindSchema = z.enum(KEY_KINDS);
export type KeyKind = z.infer<typeof keyKindSchema>;

export const KEY_MIN_LENGTH = 24;
export const KEY_MAX_LENGTH = 256;
/**
 * `fl_live_` / `fl_test_` then a token of URL-safe characters. The token alphabet is kept to what
 * can travel in an `Authorization` header untouched and cannot smuggle a header break (no spaces,
 * no CR/LF, nothing that needs quoting).
 */
export const KEY_PATTERN = /^fl_(?:live|test)_[A-Za-z0-9_-]+$/;

export const apiKeySchema = z
  .string()
  .min(KEY_MIN_LENGTH, `a key is at least ${KEY_MIN_LENGTH} characters`)
  .max(KEY_MAX_LENGTH, `a key is at most ${KEY_MAX_LENGTH} characters`)
  .regex(KEY_PATTERN, 'a key starts with fl_live_ or fl_test_ followed by letters, digits, _ or -');

export type KeyEnvironment = 'live' | 'test';

export function keyEnvironment(key: string): KeyEnvironment {
  return key.startsWith('fl_live_') ? 'live' : 'test';
}
