/** The key format lives with the IPC contract (the door rejects a malformed key); the vault re-checks with it. */
export { apiKeySchema, KEY_KINDS, KEY_MAX_LENGTH, KEY_MIN_LENGTH, KEY_PATTERN, keyEnvironment, keyKindSchema } from '../../../shared/ipc/schemas/keys.ts';
export type { KeyEnvironment, KeyKind } from '../../../shared/ipc/schemas/keys.ts';
