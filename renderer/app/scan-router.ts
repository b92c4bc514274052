/**
 * Where a scan goes. Every scan (keyboard wedge, webcam, typed code) becomes exactly one of:
 * a member card to load, a coupon to redeem, a value for the field that asked for scans (the
 * transaction id from a receipt), or a refusal with a sentence the cashier can act on.
 * Scans are data: they never type into whatever field happens to have focus.
 */
import type { LocalizedText } from '../../shared/i18n/translator.ts';
import { parseScan } from '../../shared/scan/scan-parser.ts';

/** The host our member and coupon QR links come from. */
export const ALLOWED_SCAN_HOSTS = ['portal.socialhub.ai'] as const;

export interface ScanField {
  /** For messages, in the till's language: "transaction id". */
  label: string;
  accepts(value: string): boolean;
  set(value: string): void;
}

export type ScanRoute =
  | { kind: 'member'; memberId: string }
  | { kind: 'coupon'; couponId: string }
  | { kind: 'field'; field: ScanField; value: string }
  /** `message` is English; `localized` is what the cashier is shown (see runtime.handleScan). */
  | { kind: 'error'; message: string; localized: LocalizedText };

export interface RouteOptions {
  customPattern?: string | null;
  /** The focused field that takes scans (e.g. the transaction id), if any. */
  field?: ScanField | null;
}

export function routeScan(raw: string, options: RouteOptions = {}): ScanRoute {
  const parsed = parseScan(raw, {
    allowedHosts: ALLOWED_SCAN_HOSTS,
    ...(options.customPattern != null && options.customPattern !== '' ? { customPattern: options.customPattern } : {}),
  });
  if (parsed.kind === 'member') return { kind: 'member', memberId: parsed.memberId };
  if (parsed.kind === 'coupon') return { kind: 'coupon', couponId: parsed.couponId };
  const field = options.field ?? null;
  const value = raw.replace(/[\r\n\t]+$/, '').trim();
  if (field !== null && value !== '' && field.accepts(value)) return { kind: 'field', field, value };
  const localized: LocalizedText = parsed.values === undefined ? { messageId: parsed.messageId } : { messageId: parsed.messageId, values: parsed.values };
  return { kind: 'error', message: parsed.message, localized };
}

/** Fields that accept scans, keyed by their element; the router looks up the focused one. */
export class ScanFieldRegistry {
  readonly #fields = new Map<EventTarget, ScanField>();

  register(element: EventTarget, field: ScanField): () => void {
    this.#fields.set(element, field);
    return () => {
      if (this.#fields.get(element) === field) this.#fields.delete(element);
    };
  }

  lookup(element: EventTarget | null): ScanField | null {
    return element === null ? null : (this.#fields.get(element) ?? null);
  }
}
