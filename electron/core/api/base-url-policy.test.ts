import { describe, expect, it } from 'vitest';
import { checkBaseUrl, isLoopbackHost } from './base-url-policy.ts';

describe('checkBaseUrl', () => {
  it.each([
    ['https://flash.socialhub.ai/api/v2', 'https://flash.socialhub.ai/api/v2'],
    ['https://flash.socialhub.ai/api/v2/', 'https://flash.socialhub.ai/api/v2'],
    ['http://127.0.0.1:4010/api/v2', 'http://127.0.0.1:4010/api/v2'],
    ['http://127.42.0.9/api/v2', 'http://127.42.0.9/api/v2'],
    ['http://localhost:4010/api/v2', 'http://localhost:4010/api/v2'],
    ['http://LOCALHOST:4010/api/v2', 'http://localhost:4010/api/v2'],
    ['http://[::1]:4010/api/v2', 'http://[::1]:4010/api/v2'],
    ['http://[0:0:0:0:0:0:0:1]:4010/api/v2', 'http://[::1]:4010/api/v2'],
    ['http://127.1:4010/api/v2', 'http://127.0.0.1:4010/api/v2'],
  ])('accepts %s', (input, normalised) => {
    expect(checkBaseUrl(input)).toEqual({ ok: true, url: normalised });
  });

  it.each([
    'http://flash.socialhub.ai/api/v2',
    'http://127.0.0.1.evil.com/api/v2',
    'http://localhost@evil.com/api/v2',
    'https://localhost@evil.com/api/v2',
    'http://evil.com#@127.0.0.1/',
    'http://localhost.evil.com/',
    'http://10.0.0.1/api/v2',
    'http://[::2]/api/v2',
    'http://[::ffff:8.8.8.8]/',
    'ftp://127.0.0.1/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pass@flash.socialhub.ai/api/v2',
    'https://flash.socialhub.ai/api/v2?x=1',
    'not a url',
    '',
  ])('refuses %j', (input) => {
    const result = checkBaseUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/Base URL/);
  });

  it('explains why plain http to a remote host is refused', () => {
    expect(checkBaseUrl('http://127.0.0.1.evil.com/')).toEqual({
      ok: false,
      message: 'Base URL must use https:// (plain http is allowed only for loopback, not 127.0.0.1.evil.com).',
    });
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback from look-alikes', () => {
    expect(isLoopbackHost('127.255.255.254')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    expect(isLoopbackHost('127.0.0.256')).toBe(false);
  });
});
