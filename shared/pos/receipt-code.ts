/**
 * The receipt-code fallback, for a POS that can print but cannot call the POS link: the manager
 * sets a regex with named groups `txn` and `total`, and a scanned receipt barcode/QR fills both
 * fields of the typed-sale form. Checked on save with the scan parser's backtracking rules.
 */
import { CUSTOM_PATTERN_SOURCE_MAX, findBacktrackingHazard } from '../scan/scan-parser.ts';
import { TOKEN_VALUE } from '../ledger/sale-token.ts';

export type CompiledReceiptCode = { ok: true; regex: RegExp } | { ok: false; message: string };

export function compileReceiptCodePattern(source: string): CompiledReceiptCode {
  const bad = (why: string): CompiledReceiptCode => ({ ok: false, message: `The receipt-code pattern ${why}` });
  if (source.trim() === '') return bad('is empty.');
  if (source.length > CUSTOM_PATTERN_SOURCE_MAX) return bad(`is longer than ${CUSTOM_PATTERN_SOURCE_MAX} characters.`);
  let regex: RegExp;
  let probe: RegExp;
  try {
    regex = new RegExp(`^(?:${source})$`);
    probe = new RegExp(`(?:${source})|`);
  } catch (err) {
    return bad(`is not a valid regular expression (${err instanceof Error ? err.message : String(err)}).`);
  }
  const names = Object.keys(probe.exec('')?.groups ?? {});
  const missing = ['txn', 'total'].filter((n) => !names.includes(n));
  if (missing.length > 0) return bad(`needs the named group${missing.length > 1 ? 's' : ''} ${missing.map((n) => `(?<${n}>…)`).join(' and ')}.`);
  const unsafe = findBacktrackingHazard(source);
  if (unsafe !== null) return bad(`${unsafe} Such patterns can freeze the till on a bad scan.`);
  return { ok: true, regex };
}

/** A scanned receipt code → the sale's transaction id and total, or null when it is not one. */
export function parseReceiptCode(code: string, regex: RegExp): { posTxnId: string; total: string } | null {
  const m = regex.exec(code.trim());
  const txn = m?.groups?.txn;
  const total = m?.groups?.total;
  if (txn === undefined || total === undefined || !TOKEN_VALUE.test(txn) || !/^\d{1,16}(?:\.\d{1,2})?$/.test(total)) return null;
  return { posTxnId: txn, total };
}
