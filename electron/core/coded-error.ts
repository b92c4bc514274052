/**
 * An expected refusal with a machine-readable code and a message written for the person at the
 * till (never a key, never a stack). Each service names its own codes by extending this.
 */
import type { LocalizedText } from '../../shared/i18n/translator.ts';

export class CodedError<C extends string> extends Error {
  readonly code: C;
  constructor(code: C, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * A coded refusal that also says itself in the till's language: `message` stays English (logs,
 * CLI), `localized` is the catalogue id and values the renderer shows.
 */
export class LocalizedCodedError<C extends string> extends CodedError<C> {
  readonly localized: LocalizedText | undefined;
  constructor(code: C, message: string, localized?: LocalizedText) {
    super(code, message);
    this.localized = localized;
  }
}
