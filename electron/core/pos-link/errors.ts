/** A refusal the POS gets as `{code, message}` with this HTTP status; nothing was written. */
import type { PosError } from '../../../shared/pos/schemas.ts';

export class PosLinkError extends Error {
  override readonly name = 'PosLinkError';
  readonly status: number;
  readonly code: PosError['code'];
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(status: number, code: PosError['code'], message: string, options: { extra?: Record<string, unknown>; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }
}
