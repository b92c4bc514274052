/**
 * An expected refusal with a machine-readable code and a message written for the person at the
 * till (never a key, never a stack). Each service names its own codes by extending this.
 */
export class CodedError<C extends string> extends Error {
  readonly code: C;
  constructor(code: C, message: string) {
    super(message);
    this.code = code;
  }
}
