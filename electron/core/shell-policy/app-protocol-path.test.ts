import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, resolveAppRequest } from './app-protocol-path.ts';

const root = '/opt/till/.vite/renderer/main_window';
const get = (url: string, method = 'GET') => resolveAppRequest({ method, url }, root, path.posix);

describe('resolveAppRequest', () => {
  it('serves index.html for the root and files below the build dir', () => {
    expect(get('app://till/')).toEqual({ kind: 'file', path: `${root}/index.html`, contentType: 'text/html; charset=utf-8' });
    expect(get('app://till/assets/index-AbC123.js')).toMatchObject({ kind: 'file', path: `${root}/assets/index-AbC123.js`, contentType: 'text/javascript; charset=utf-8' });
    expect(get('app://till/assets/index-AbC123.css?v=1#x')).toMatchObject({ kind: 'file', contentType: 'text/css; charset=utf-8' });
    expect(get('app://till/icon.svg', 'HEAD')).toMatchObject({ kind: 'file', contentType: 'image/svg+xml' });
    expect(get('app://till/assets/zxing_reader-AbC123.wasm')).toMatchObject({ kind: 'file', contentType: 'application/wasm' });
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('refuses %s', (method) => {
    expect(get('app://till/', method)).toMatchObject({ kind: 'deny', status: 405 });
  });

  it.each([
    'app://till.evil/index.html',
    'app://user@till/index.html',
    'app://till:81/index.html',
    'app://other/index.html',
    'https://till/index.html',
    'file:///etc/passwd',
  ])('refuses a foreign origin: %s', (url) => {
    expect(get(url)).toMatchObject({ kind: 'deny', status: 403 });
  });

  it.each([
    'app://till/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://till/assets/%2e%2e%2f%2e%2e%2fsecret',
    'app://till/assets%5C..%5C..%5Csecret',
    'app://till/a%00.js',
    'app://till/index.html%3A%3A%24DATA',
    'app://till/assets/evil.',
  ])('refuses traversal and odd names: %s', (url) => {
    const d = get(url);
    expect(d.kind).toBe('deny');
    if (d.kind === 'deny') expect([400, 403]).toContain(d.status);
  });

  it('keeps URL-normalised dot segments inside the root', () => {
    // The URL parser already folds /../; what is left must still be inside.
    for (const url of ['app://till/assets/../../../../etc/passwd', 'app://till/%2e%2e/%2e%2e/etc/passwd']) {
      const d = get(url);
      expect(d.kind === 'deny' || (d.kind === 'file' && isInside(root, d.path, path.posix))).toBe(true);
    }
  });

  it('refuses malformed percent-encoding', () => {
    expect(get('app://till/%E0%A4%A')).toMatchObject({ kind: 'deny', status: 400 });
  });

  it('applies Windows path rules when the till runs on Windows', () => {
    const winRoot = 'C:\\Program Files\\Till\\resources\\app.asar\\.vite\\renderer\\main_window';
    expect(resolveAppRequest({ method: 'GET', url: 'app://till/assets/a.js' }, winRoot, path.win32)).toMatchObject({ kind: 'file', path: `${winRoot}\\assets\\a.js` });
    expect(resolveAppRequest({ method: 'GET', url: 'app://till/C:%2FWindows%2Fwin.ini' }, winRoot, path.win32).kind).toBe('deny');
    expect(resolveAppRequest({ method: 'GET', url: 'app://till/..%5C..%5Cx' }, winRoot, path.win32).kind).toBe('deny');
  });
});

describe('isInside', () => {
  it('is a path relation, not a prefix match', () => {
    expect(isInside('/a/b', '/a/b/c', path.posix)).toBe(true);
    expect(isInside('/a/b', '/a/bc', path.posix)).toBe(false);
    expect(isInside('/a/b', '/a', path.posix)).toBe(false);
  });
});
