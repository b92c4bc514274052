import { describe, expect, it } from 'vitest';
import { checkLiveOrigin, DEFAULT_ORIGIN_ALLOW_LIST, hostAllowed, originAllowListSchema } from './origin-allow-list.ts';

const release = { allowList: DEFAULT_ORIGIN_ALLOW_LIST, releaseBuild: true };
const dev = { allowList: DEFAULT_ORIGIN_ALLOW_LIST, releaseBuild: false };

describe('checkLiveOrigin', () => {
  it.each([
    ['https://flash.socialhub.ai/api/v2', 'https://flash.socialhub.ai'],
    ['https://EU.Flash.SocialHub.AI:8443/api/v2', 'https://eu.flash.socialhub.ai:8443'],
    ['https://flash.socialhub.ai./api/v2', 'https://flash.socialhub.ai.'],
  ])('a release build sends keys to %s', (url, origin) => {
    expect(checkLiveOrigin(url, release)).toEqual({ ok: true, origin });
  });

  it.each([
    'https://evil.example/api/v2',
    'https://socialhub.ai.evil.com/api/v2',
    'https://evil-socialhub.ai/api/v2',
    'https://flashsocialhub.ai/api/v2',
    'https://socialhub.ai/api/v2', // the apex is not a subdomain
    'http://flash.socialhub.ai/api/v2',
    'https://user:pw@flash.socialhub.ai/api/v2',
    'http://127.0.0.1:4010/api/v2',
    'https://localhost/api/v2',
    'not a url',
  ])('a release build refuses %s', (url) => {
    const result = checkLiveOrigin(url, release);
    expect(result.ok).toBe(false);
  });

  it('names the refused host and the allow-list', () => {
    expect(checkLiveOrigin('https://evil.example/api/v2', release)).toEqual({ ok: false, message: 'Keys are not sent to evil.example: only *.socialhub.ai is allowed.' });
  });

  it('an unpackaged build may also use the loopback sandbox, over http', () => {
    expect(checkLiveOrigin('http://127.0.0.1:4010/api/v2', dev)).toEqual({ ok: true, origin: 'http://127.0.0.1:4010' });
    expect(checkLiveOrigin('http://127.0.0.1.evil.com/api/v2', dev).ok).toBe(false);
    expect(checkLiveOrigin('https://evil.example/api/v2', dev).ok).toBe(false);
  });

  it('a wider allow-list (a fleet policy) admits its hosts, exact names exactly', () => {
    const allowList = originAllowListSchema.parse(['*.socialhub.ai', 'api.partner.example']);
    expect(checkLiveOrigin('https://api.partner.example/v2', { allowList, releaseBuild: true })).toEqual({ ok: true, origin: 'https://api.partner.example' });
    expect(checkLiveOrigin('https://x.api.partner.example/v2', { allowList, releaseBuild: true }).ok).toBe(false);
  });
});

describe('allow-list shape', () => {
  it.each([[['*.socialhub.ai']], [['api.partner.example', '*.example.co.uk']]])('accepts %j', (list) => {
    expect(originAllowListSchema.safeParse(list).success).toBe(true);
  });
  it.each([[[]], [['*']], [['*.ai.*']], [['https://socialhub.ai']], [['*.']], [['socialhub.ai/path']]])('refuses %j', (list) => {
    expect(originAllowListSchema.safeParse(list).success).toBe(false);
  });
  it('matches host names case-insensitively and never by substring', () => {
    expect(hostAllowed('A.SOCIALHUB.AI', ['*.socialhub.ai'])).toBe(true);
    expect(hostAllowed('socialhub.ai', ['*.socialhub.ai'])).toBe(false);
    expect(hostAllowed('xsocialhub.ai', ['*.socialhub.ai'])).toBe(false);
  });
});
