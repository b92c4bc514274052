import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_ORIGIN_URL, appOriginFrom, isAppOrigin, isAppUrl } from './app-origin.ts';

const origins = [APP_ORIGIN];

describe('isAppUrl', () => {
  it('accepts our own pages', () => {
    expect(isAppUrl(APP_ORIGIN_URL, origins)).toBe(true);
    expect(isAppUrl('app://till/index.html', origins)).toBe(true);
    expect(isAppUrl('app://till/settings?tab=keys#pin', origins)).toBe(true);
  });

  it.each([
    ['lookalike host', 'app://till.evil/'],
    ['user info', 'app://user@till/'],
    ['user and password', 'app://u:p@till/'],
    ['a port', 'app://till:8080/'],
    ['another host', 'app://other/'],
    ['another scheme', 'https://till/'],
    ['file', 'file:///etc/passwd'],
    ['our URL in the query', 'https://evil.example/?next=app://till/'],
    ['our URL in the path', 'https://evil.example/app://till/'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>1</script>'],
    ['garbage', 'not a url'],
    ['empty', ''],
    ['not a string', 42],
    ['null', null],
  ])('refuses %s', (_why, url) => {
    expect(isAppUrl(url, origins)).toBe(false);
  });

  it('admits the dev server only when it is listed', () => {
    const dev = appOriginFrom('http://localhost:5173');
    expect(isAppUrl('http://localhost:5173/src/main.tsx', origins)).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', [...origins, dev])).toBe(true);
    expect(isAppUrl('http://localhost:5174/', [...origins, dev])).toBe(false);
    expect(isAppUrl('http://localhost.evil.example:5173/', [...origins, dev])).toBe(false);
  });

  it('refuses credentials in a configured origin', () => {
    expect(() => appOriginFrom('http://me@localhost:5173')).toThrow();
  });
});

describe('isAppOrigin', () => {
  it('accepts the origin Chromium reports and refuses the opaque one', () => {
    expect(isAppOrigin('app://till', origins)).toBe(true);
    expect(isAppOrigin('null', origins)).toBe(false);
    expect(isAppOrigin('app://till.evil', origins)).toBe(false);
  });
});
