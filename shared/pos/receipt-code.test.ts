import { describe, expect, it } from 'vitest';
import { compileReceiptCodePattern, parseReceiptCode } from './receipt-code.ts';

describe('compileReceiptCodePattern', () => {
  it('accepts a pattern naming txn and total, anchored', () => {
    const c = compileReceiptCodePattern('R(?<txn>[A-Z0-9-]{1,20})T(?<total>\\d{1,6}\\.\\d{2})');
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(parseReceiptCode('RPOS-1T12.50', c.regex, 'USD')).toEqual({ posTxnId: 'POS-1', total: '12.50' });
    expect(parseReceiptCode('xRPOS-1T12.50', c.regex, 'USD')).toBeNull();
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


const regexOf = (source: string): RegExp => {
  const c = compileReceiptCodePattern(source);
  if (!c.ok) throw new Error(c.message);
  return c.regex;
};

describe('receipt-code pattern', () => {
  it('fills the transaction id and total from a code that matches the whole pattern', () => {
    const regex = regexOf(String.raw`SALE-(?<txn>\d+)-(?<total>\d+\.\d{2})`);
    expect(parseReceiptCode('SALE-90871-19.99', regex, 'USD')).toEqual({ posTxnId: '90871', total: '19.99' });
    // Scanners add stray whitespace; the code itself must match from start to end.
    expect(parseReceiptCode('  SALE-90871-19.99\n', regex, 'USD')).toEqual({ posTxnId: '90871', total: '19.99' });
    expect(parseReceiptCode('XSALE-90871-19.99', regex, 'USD')).toBeNull();
    expect(parseReceiptCode('SALE-90871-19.99-extra', regex, 'USD')).toBeNull();
  });

  it('takes the groups in any order, e.g. a QR with the total first', () => {
    const regex = regexOf(String.raw`T=(?<total>[0-9.]+);ID=(?<txn>[A-Z0-9-]+)`);
    expect(parseReceiptCode('T=5.00;ID=POS-7-0042', regex, 'USD')).toEqual({ posTxnId: 'POS-7-0042', total: '5.00' });
  });

  it('refuses what the groups caught when it is not a transaction id or a 2-decimal amount', () => {
    const regex = regexOf(String.raw`(?<txn>[^|]+)\|(?<total>[^|]+)`);
    expect(parseReceiptCode('90 871|19.99', regex, 'USD')).toBeNull();
    expect(parseReceiptCode('90871|19.999', regex, 'USD')).toBeNull();
    expect(parseReceiptCode('90871|-1.00', regex, 'USD')).toBeNull();
    expect(parseReceiptCode(`${'9'.repeat(65)}|1.00`, regex, 'USD')).toBeNull();
    expect(parseReceiptCode('90871|19.9', regex, 'USD')).toEqual({ posTxnId: '90871', total: '19.9' });
  });

  it("reads the total in the store's currency: dinars with three decimals, yen with none", () => {
    const regex = regexOf(String.raw`SALE-(?<txn>\d+)-(?<total>[0-9.]+)`);
    expect(parseReceiptCode('SALE-90871-12.345', regex, 'KWD')).toEqual({ posTxnId: '90871', total: '12.345' });
    expect(parseReceiptCode('SALE-90871-1980', regex, 'JPY')).toEqual({ posTxnId: '90871', total: '1980' });
    expect(parseReceiptCode('SALE-90871-19.80', regex, 'JPY')).toBeNull();
    expect(parseReceiptCode('SALE-90871-12.345', regex, 'USD')).toBeNull();
  });

  it('names what is wrong with a pattern the manager typed', () => {
    const message = (source: string): string => {
      const c = compileReceiptCodePattern(source);
      return c.ok ? 'ok' : c.message;
    };
    expect(message('')).toMatch(/is empty/);
    expect(message('(?<txn>\\d+')).toMatch(/not a valid regular expression/);
    expect(message(String.raw`(?<txn>\d+)-\d+`)).toMatch(/needs the named group \(\?<total>…\)/);
    expect(message(String.raw`\d+`)).toMatch(/named groups \(\?<txn>…\) and \(\?<total>…\)/);
    expect(message(String.raw`(?<txn>(\d+)+)-(?<total>\d+)`)).toMatch(/freeze the till/);
    expect(message('x'.repeat(301))).toMatch(/longer than 300/);
  });
});
