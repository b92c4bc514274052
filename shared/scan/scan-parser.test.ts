import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ID_PATTERN } from '../api/schemas.ts';
import {
  CUSTOM_PATTERN_INPUT_MAX,
  compileScanPattern,
  createScanParser,
  parseScan,
  portalUrl,
  type ScanResult,
} from './scan-parser.ts';

const errorCode = (r: ScanResult): string | null => (r.kind === 'error' ? r.code : null);
const idOf = (r: ScanResult): string | null =>
  r.kind === 'member' ? r.memberId : r.kind === 'coupon' ? r.couponId : null;

describe('parseScan: raw ids', () => {
  it('recognises member and coupon ids', () => {
    expect(parseScan('mb_7f3a9c')).toEqual({ kind: 'member', memberId: 'mb_7f3a9c' });
    expect(parseScan('cp_SPRING-10')).toEqual({ kind: 'coupon', couponId: 'cp_SPRING-10' });
  });

  it('strips the CR/LF/Tab a scanner appends, and only at the end', () => {
    expect(parseScan('mb_abc\r\n')).toEqual({ kind: 'member', memberId: 'mb_abc' });
    expect(parseScan('mb_abc\t')).toEqual({ kind: 'member', memberId: 'mb_abc' });
    expect(errorCode(parseScan('\tmb_abc'))).toBe('control_chars');
    expect(errorCode(parseScan('mb_\nabc'))).toBe('control_chars');
  });

  it('rejects ids that break ID_PATTERN', () => {
    expect(errorCode(parseScan('mb_'))).toBe('invalid_id');
    expect(errorCode(parseScan('mb_abc!'))).toBe('invalid_id');
    expect(errorCode(parseScan('mb_' + 'a'.repeat(62)))).toBe('invalid_id');
    expect(parseScan('mb_' + 'a'.repeat(61))).toMatchObject({ kind: 'member' });
  });

  it('explains Caps Lock instead of saying "not a code"', () => {
    expect(errorCode(parseScan('MB_ABC123'))).toBe('caps_lock');
  });
});

describe('parseScan: rejections with cashier-readable messages', () => {
  const cases: [string, string, RegExp][] = [
    ['', 'empty', /Nothing was scanned/],
    ['\r\n', 'empty', /Nothing was scanned/],
    ['hello world', 'whitespace', /spaces/],
    ['mb_abc ', 'whitespace', /spaces/],
    ['mb_a\u00a0b', 'whitespace', /spaces/],
    ['banana', 'unrecognised', /not a SocialHub member or coupon code/],
    ['4006381333931', 'product_barcode', /product barcode, not a member or coupon code/],
    ['036000291452', 'product_barcode', /product barcode/],
    ['96385074', 'product_barcode', /product barcode/],
    ['javascript:alert(1)', 'unsafe_url', /link the till will not use/],
    ['JavaScript:alert(document.cookie)', 'unsafe_url', /link/],
    ['data:text/html,<script>alert(1)</script>', 'unsafe_url', /link/],
    ['ftp://portal.socialhub.ai/m/mb_1', 'unsafe_url', /link/],
    ['mb_abc\u0000', 'control_chars', /control characters/],
    ['\u0002mb_abc', 'control_chars', /control characters/],
    ['mb_\u200babc', 'control_chars', /control characters/],
    ['mb_abc\u202e', 'control_chars', /control characters/],
    ['../members/mb_1', 'path_trick', /not allowed/],
    ['https://portal.socialhub.ai/m/../c/cp_1', 'path_trick', /not allowed/],
    ['https://portal.socialhub.ai/m/%2e%2e', 'path_trick', /not allowed/],
    ['https://portal.socialhub.ai/m/mb_1%2Fpoints', 'path_trick', /not allowed/],
    ['https://portal.socialhub.ai/m/mb_1%5cx', 'path_trick', /not allowed/],
    ['https://portal.socialhub.ai/m/mb_1\\x', 'path_trick', /not allowed/],
    ['https://portal.socialhub.ai@evil.example/m/mb_1', 'unsafe_url', /link/],
    ['https://portal.socialhub.ai/m/mb_1?member=mb_2', 'ambiguous', /more than one/],
    ['https://portal.socialhub.ai/?member=mb_1&coupon=cp_1', 'ambiguous', /more than one/],
    ['https://portal.socialhub.ai/m/cp_1', 'ambiguous', /more than one/],
    ['https://portal.socialhub.ai/m/mb_1/edit', 'unrecognised', /not a SocialHub/],
    ['https://portal.socialhub.ai/m/mb%5F1', 'invalid_id', /not valid/],
    ['https://portal.socialhub.ai/?member=mb_1;DROP', 'invalid_id', /not valid/],
  ];
  it.each(cases)('%j → %s', (input, code, message) => {
    const r = parseScan(input);
    expect(r.kind).toBe('error');
    if (r.kind !== 'error') return;
    expect(r.code).toBe(code);
    expect(r.message).toMatch(message);
    expect(r.message).toMatch(/\.$/);
  });

  it('rejects over-long payloads before doing any work', () => {
    expect(errorCode(parseScan('mb_' + 'a'.repeat(600)))).toBe('too_long');
    expect(errorCode(parseScan('https://portal.socialhub.ai/m/mb_1?x=' + 'a'.repeat(500)))).toBe('too_long');
    expect(errorCode(parseScan('\t'.repeat(100_000) + 'x'))).toBe('too_long');
  });

  it('rejects non-strings', () => {
    expect(errorCode(parseScan(undefined))).toBe('empty');
    expect(errorCode(parseScan(42))).toBe('empty');
  });
});

describe('parseScan: portal URLs', () => {
  it('reads the id from the path or the query', () => {
    expect(parseScan('https://portal.socialhub.ai/m/mb_7f3a9c')).toEqual({ kind: 'member', memberId: 'mb_7f3a9c' });
    expect(parseScan('https://portal.socialhub.ai/c/cp_1/')).toEqual({ kind: 'coupon', couponId: 'cp_1' });
    expect(parseScan('https://portal.socialhub.ai/t/acme/members/mb_9')).toEqual({ kind: 'member', memberId: 'mb_9' });
    expect(parseScan('https://portal.socialhub.ai/checkin?member=mb_42&utm_source=qr')).toEqual({
      kind: 'member',
      memberId: 'mb_42',
    });
    expect(parseScan('https://portal.socialhub.ai/redeem?coupon=cp_X')).toEqual({ kind: 'coupon', couponId: 'cp_X' });
    expect(parseScan('https://PORTAL.socialhub.ai/m/mb_1?member=mb_1')).toEqual({ kind: 'member', memberId: 'mb_1' });
  });

  it('enforces a configured host allow-list', () => {
    const opts = { allowedHosts: ['portal.socialhub.ai', '*.acme.example'] };
    expect(parseScan('https://portal.socialhub.ai/m/mb_1', opts)).toMatchObject({ kind: 'member' });
    expect(parseScan('https://loyalty.acme.example/m/mb_1', opts)).toMatchObject({ kind: 'member' });
    const evil = parseScan('https://portal.socialhub.ai.evil.example/m/mb_1', opts);
    expect(evil).toMatchObject({ kind: 'error', code: 'host_not_allowed' });
    expect(evil.kind === 'error' && evil.message).toBe(
      'This link is from portal.socialhub.ai.evil.example, not from your SocialHub portal.',
    );
    expect(errorCode(parseScan('https://acme.example.evil/m/mb_1', opts))).toBe('host_not_allowed');
    expect(errorCode(parseScan('https://xacme.example/m/mb_1', opts))).toBe('host_not_allowed');
    // Raw ids are not URLs: the allow-list does not apply to them.
    expect(parseScan('mb_1', opts)).toMatchObject({ kind: 'member' });
  });

  it('reports a bad host list as a config error', () => {
    const r = createScanParser({ allowedHosts: ['https://portal.socialhub.ai/'] });
    expect(r).toMatchObject({ ok: false, code: 'bad_config' });
    expect(!r.ok && r.message).toMatch(/not a valid host name/);
  });
});

describe('custom tenant pattern', () => {
  it('extracts a member or coupon id from the named group', () => {
    const opts = { customPattern: 'ACME-(?<member>\\d{13})|ACMECPN(?<coupon>[A-Z0-9]{6})' };
    expect(parseScan('ACME-4006381333931', opts)).toEqual({ kind: 'member', memberId: '4006381333931' });
    expect(parseScan('ACMECPNAB12CD', opts)).toEqual({ kind: 'coupon', couponId: 'AB12CD' });
    // Built-in forms still work alongside it.
    expect(parseScan('mb_1', opts)).toMatchObject({ kind: 'member' });
  });

  it('wins over the product-barcode rule, so numeric loyalty cards work', () => {
    expect(parseScan('2900000123456', { customPattern: '(?<member>29\\d{11})' })).toEqual({
      kind: 'member',
      memberId: '2900000123456',
    });
    expect(errorCode(parseScan('4006381333931', { customPattern: '(?<member>29\\d{11})' }))).toBe('product_barcode');
  });

  it('must match the whole scan', () => {
    expect(errorCode(parseScan('xxACME-1234', { customPattern: 'ACME-(?<member>\\d+)' }))).toBe('unrecognised');
  });

  it('never yields an id outside ID_PATTERN', () => {
    const opts = { customPattern: 'X(?<member>.+)' };
    expect(errorCode(parseScan('X/a', opts))).toBe('invalid_id');
    expect(errorCode(parseScan('X%41', opts))).toBe('invalid_id');
    expect(errorCode(parseScan('X..', opts))).toBe('path_trick');
  });

  it('still refuses dangerous schemes and disallowed hosts', () => {
    expect(errorCode(parseScan('javascript:1', { customPattern: 'javascript:(?<member>\\d)' }))).toBe('unsafe_url');
    expect(
      errorCode(
        parseScan('https://evil.example/x/mb_1', {
          customPattern: 'https://[a-z.]+/x/(?<member>mb_\\w+)',
          allowedHosts: ['portal.socialhub.ai'],
        }),
      ),
    ).toBe('host_not_allowed');
    expect(parseScan('acme:card:12345', { customPattern: 'acme:card:(?<member>\\d+)' })).toEqual({
      kind: 'member',
      memberId: '12345',
    });
  });

  it.each([
    ['(', /not a valid regular expression/],
    ['ACME-\\d+', /named group/],
    ['(?<id>\\d+)', /named group/],
    ['(?<member>(a+)+)', /repeats a group that itself repeats/],
    ['(?<member>(?:\\w*)*)', /repeats a group that itself repeats/],
    ['(?<member>(a|ab)+)', /alternatives/],
    ['(?<member>a)\\1', /back-reference/],
    ['(?<member>\\w+)\\k<member>', /back-reference/],
    ['(?<member>a*b*c*d+)', /open-ended repetitions/],
    ['a'.repeat(400) + '(?<member>x)', /longer than/],
  ])('rejects pattern %j with a clear config error', (pattern, message) => {
    const compiled = compileScanPattern(pattern);
    expect(compiled.ok).toBe(false);
    expect(!compiled.ok && compiled.message).toMatch(message);
    expect(parseScan('mb_1', { customPattern: pattern })).toMatchObject({ kind: 'error', code: 'bad_config' });
  });

  it('treats an empty pattern as "no custom pattern"', () => {
    expect(compileScanPattern('').ok).toBe(false);
    expect(parseScan('mb_1', { customPattern: '' })).toMatchObject({ kind: 'member' });
  });

  it.each(['(?<member>[A-Z]{2}\\d+)', '(?:https://x\\.example/(?:card|c)/)?(?<member>[A-Z0-9]+)(?:\\?.*)?', '(?<coupon>\\(?\\d+\\)?)'])(
    'accepts the reasonable pattern %j',
    (pattern) => {
      expect(compileScanPattern(pattern).ok).toBe(true);
    },
  );

  it('does not run the pattern on input past the cap', () => {
    const opts = { customPattern: '(?<member>[a-z0-9]+)' };
    expect(parseScan('a'.repeat(CUSTOM_PATTERN_INPUT_MAX), opts)).toMatchObject({ kind: 'error', code: 'invalid_id' });
    expect(parseScan('a'.repeat(CUSTOM_PATTERN_INPUT_MAX + 1), opts)).toMatchObject({ code: 'unrecognised' });
  });
});

describe('properties', () => {
  const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,61}$/);
  const anyOpts = fc.record(
    {
      allowedHosts: fc.constantFrom(['portal.socialhub.ai'], ['*.socialhub.ai', 'x.example']),
      customPattern: fc.constantFrom('(?<member>\\d{13})', 'K(?<coupon>.+)', '(?<member>[^/]*)/(?<coupon>.*)'),
    },
    { requiredKeys: [] },
  );

  it('arbitrary strings never throw, and any id returned matches ID_PATTERN', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 700 }), fc.webUrl({ withQueryParameters: true }), fc.string({ unit: 'grapheme', maxLength: 80 })), anyOpts, (s, opts) => {
        const r = parseScan(s, opts);
        const id = idOf(r);
        if (id !== null) expect(id).toMatch(ID_PATTERN);
        else expect(r.kind === 'error' && r.message.length > 10).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('junk around a real id never yields a different id, and ids are never invented', () => {
    const noise = fc.constantFrom('../', '%2e%2e/', '%2F', '\\', '/..', '?member=mb_evil', '#', '@evil.example', '\u0000', ' ', ':');
    fc.assert(
      fc.property(idArb, noise, fc.nat(2), (id, junk, where) => {
        const base = `https://portal.socialhub.ai/m/mb_${id}`;
        const input = where === 0 ? junk + base : where === 1 ? base + junk : `https://portal.socialhub.ai/m/${junk}mb_${id}`;
        const out = idOf(parseScan(input));
        if (out === null) return;
        expect(out).toMatch(ID_PATTERN);
        expect(input).toContain(out);
        if (where !== 2 || !junk.includes('?')) expect(out).toBe(`mb_${id}`);
      }),
    );
  });

  it('ids round-trip through the URL forms', () => {
    fc.assert(
      fc.property(idArb, (suffix) => {
        const memberId = `mb_${suffix}`;
        const couponId = `cp_${suffix}`;
        expect(parseScan(memberId)).toEqual({ kind: 'member', memberId });
        expect(parseScan(couponId)).toEqual({ kind: 'coupon', couponId });
        expect(parseScan(portalUrl('member', memberId))).toEqual({ kind: 'member', memberId });
        expect(parseScan(portalUrl('coupon', couponId) + '\r\n')).toEqual({ kind: 'coupon', couponId });
        expect(parseScan(`https://portal.socialhub.ai/checkin?member=${memberId}`)).toEqual({ kind: 'member', memberId });
        expect(parseScan(`https://portal.socialhub.ai/?coupon=${encodeURIComponent(couponId)}`)).toEqual({
          kind: 'coupon',
          couponId,
        });
      }),
    );
  });

  it('any id-shaped string in a URL path is returned unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(ID_PATTERN), (id) => {
        fc.pre(!id.startsWith('cp_'));
        expect(parseScan(portalUrl('member', id))).toEqual({ kind: 'member', memberId: id });
      }),
    );
  });
});

describe('scan errors for people in any language', () => {
  it('carry a catalogue id (and values) beside the English message', () => {
    expect(parseScan('4006381333931')).toMatchObject({ kind: 'error', code: 'product_barcode', messageId: 'scan.error.productBarcode', message: 'This is a product barcode, not a member or coupon code.' });
    expect(parseScan('https://evil.example/m/mb_ava_chen', { allowedHosts: ['portal.socialhub.ai'] })).toMatchObject({
      code: 'host_not_allowed',
      messageId: 'scan.error.hostNotAllowed',
      values: { host: 'evil.example' },
      message: 'This link is from evil.example, not from your SocialHub portal.',
    });
    // A bad configuration keeps its detail in English for the log; the cashier gets one plain sentence.
    const bad = parseScan('x', { customPattern: '(a+)+' });
    expect(bad).toMatchObject({ code: 'bad_config', messageId: 'scan.error.badConfig', message: expect.stringMatching(/custom scan pattern/) as unknown });
    expect(bad).not.toHaveProperty('values');
  });
});
