import { describe, expect, it } from 'vitest';
import { compileReceiptCodePattern, parseReceiptCode } from './receipt-code.ts';

describe('compileReceiptCodePattern', () => {
  it('accepts a pattern naming txn and total, anchored', () => {
    const c = compileReceiptCodePattern('R(?<txn>[A-Z0-9-]{1,20})T(?<total>\\d{1,6}\\.\\d{2})');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(parseReceiptCode('RPOS-1T12.50', c.regex)).toEqual({ posTxnId: 'POS-1', total: '12.50' });
    expect(parseReceiptCode('xRPOS-1T12.50', c.regex)).toBeNull();
  });

  it('says what is wrong, in the receipt-code wording', () => {
    expect(compileReceiptCodePattern('')).toEqual({ ok: false, message: 'The receipt-code pattern is empty.' });
    expect(compileReceiptCodePattern('(?<txn>\\d+)')).toEqual({ ok: false, message: 'The receipt-code pattern needs the named group (?<total>…).' });
    expect(compileReceiptCodePattern('\\d+')).toEqual({ ok: false, message: 'The receipt-code pattern needs the named groups (?<txn>…) and (?<total>…).' });
    const nested = compileReceiptCodePattern('(?<txn>(a+)+)(?<total>\\d)');
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.message).toContain('can freeze the till');
  });
});
