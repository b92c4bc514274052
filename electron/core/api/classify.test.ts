import { describe, expect, it } from 'vitest';
import { classifyStatus, classifyThrown, errorCodes } from './classify.ts';

/** What undici throws: `TypeError('fetch failed')` wrapping the socket error as `cause`. */
function undiciError(code: string, nested = false): TypeError {
  const inner = Object.assign(new Error(`socket ${code}`), { code });
  const cause = nested ? Object.assign(new Error('wrapper'), { cause: inner }) : inner;
  return new TypeError('fetch failed', { cause });
}

describe('classifyThrown', () => {
  it.each([
    ['ECONNREFUSED', 'connection-refused', 'not-applied'],
    ['ENOTFOUND', 'dns', 'not-applied'],
    ['EAI_AGAIN', 'dns', 'not-applied'],
    ['EHOSTUNREACH', 'network', 'not-applied'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'not-applied'],
    ['CERT_HAS_EXPIRED', 'network', 'not-applied'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'network', 'not-applied'],
    ['ECONNRESET', 'reset', 'unknown-outcome'],
    ['EPIPE', 'reset', 'unknown-outcome'],
    ['UND_ERR_SOCKET', 'reset', 'unknown-outcome'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'reset', 'unknown-outcome'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout', 'unknown-outcome'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout', 'unknown-outcome'],
    ['ETIMEDOUT', 'timeout', 'unknown-outcome'],
    ['SOMETHING_NEW', 'network', 'unknown-outcome'],
  ])('%s → %s / %s', (code, reason, classification) => {
    expect(classifyThrown(undiciError(code), false, 1000)).toMatchObject({ reason, classification });
    expect(classifyThrown(undiciError(code, true), false, 1000)).toMatchObject({ reason, classification });
  });

  it('reads codes inside an AggregateError (happy-eyeballs connect to several addresses)', () => {
    const refused = (addr: string) => Object.assign(new Error(`connect ECONNREFUSED ${addr}`), { code: 'ECONNREFUSED' });
    const error = new TypeError('fetch failed', { cause: new AggregateError([refused('::1'), refused('127.0.0.1')]) });
    expect(classifyThrown(error, false, 1000)).toMatchObject({ reason: 'connection-refused', classification: 'not-applied' });
  });

  it('treats our own timer firing as a timeout after send, whatever the error looks like', () => {
    expect(classifyThrown(undiciError('ECONNREFUSED'), true, 300)).toEqual({
      reason: 'timeout',
      classification: 'unknown-outcome',
      detail: 'no response within 300 ms',
    });
    expect(classifyThrown(new DOMException('x', 'TimeoutError'), false, 300)).toMatchObject({ reason: 'timeout', classification: 'unknown-outcome' });
    expect(classifyThrown(new DOMException('x', 'AbortError'), false, 300)).toMatchObject({ reason: 'timeout', classification: 'unknown-outcome' });
  });

  it('is conservative about anything unrecognised', () => {
    expect(classifyThrown(new TypeError('fetch failed'), false, 1)).toMatchObject({ classification: 'unknown-outcome' });
    expect(classifyThrown('a string', false, 1)).toMatchObject({ classification: 'unknown-outcome' });
    expect(classifyThrown(null, false, 1)).toMatchObject({ classification: 'unknown-outcome' });
  });

  it('ignores numeric DOMException codes and survives cause cycles', () => {
    const a: Error & { cause?: unknown } = new Error('a');
    const b = Object.assign(new Error('b'), { code: 'ECONNRESET', cause: a });
    a.cause = b;
    expect(errorCodes(a)).toEqual(['ECONNRESET']);
    expect(errorCodes(new DOMException('x', 'TimeoutError'))).toEqual([]);
  });
});

describe('classifyStatus', () => {
  it.each([
    [400, 'http', 'not-applied'],
    [401, 'http', 'not-applied'],
    [403, 'http', 'not-applied'],
    [404, 'http', 'not-applied'],
    [429, 'rate-limited', 'not-applied'],
    [500, 'http', 'unknown-outcome'],
    [502, 'http', 'unknown-outcome'],
    [503, 'http', 'unknown-outcome'],
    [504, 'http', 'unknown-outcome'],
    [302, 'http', 'unknown-outcome'],
    [409, 'http', 'unknown-outcome'],
  ])('%i → %s / %s', (status, reason, classification) => {
    expect(classifyStatus(status)).toEqual({ reason, classification });
  });
});
