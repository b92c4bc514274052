/**
 * The receipt-code fallback, for a POS that can print but cannot call the POS link: the manager
 * sets a regex with named groups `txn` and `total`, and a scanned receipt barcode/QR fills both
 * fields of the typed-sale form. Checked on save with the scan parser's backtracking rules.
 */
import { compileNamedPattern } from '../scan/scan-parser.ts';
import { TOKEN_VALUE } from '../ledger/sale-token.ts';
import { parseMoneyMachine } from '../money.ts';

export type CompiledReceiptCode = { ok: true; regex: RegExp } | { ok: false; message: string };

export function compileReceiptCodePattern(source: string): CompiledReceiptCode {
  return compileNamedPattern(source, 'The receipt-code pattern', (names) => {
    const missing = ['txn', 'total'].filter((n) => !names.includes(n));
    return missing.length > 0 ? `needs the named group${missing.length > 1 ? 's' : ''} ${missing.map((n) => `(?<${n}>…)`).join(' and ')}.` : null;
  });
}

/**
 * A scanned receipt code → the sale's transaction id and total, or null when it is not one. The
 * total is a machine-form amount in the store's `currency` (its own decimals: "1980" yen, "12.345"
 * dinars); without a currency only its form is checked (a scan router's first look).
 */
export function parseReceiptCode(code: string, regex: RegExp, currency?: string): { posTxnId: string; total: string } | null {
  const m = regex.exec(code.trim());
  const txn = m?.groups?.txn;
  const total = m?.groups?.total;
  if (txn === undefined || total === undefined || !TOKEN_VALUE.test(txn) || !/^\d{1,16}(?:\.\d{1,4})?$/.test(total)) return null;
  if (currency !== undefined && !parseMoneyMachine(total, { currency, what: 'total' }).ok) return null;
  return { posTxnId: txn, total };
}
