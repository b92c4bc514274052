/**
 * Which file an `app://till/...` request may read. Electron-free so traversal tricks can be tested
 * under plain Node: the glue in electron/shell/app-protocol.ts only reads the file this allows.
 *
 * Rules: GET (and HEAD) only; scheme `app:`, host exactly `till`, no port, no credentials; the
 * decoded path may not contain NUL, a backslash, `..` or unusual characters, and must stay inside the
 * renderer build directory (403 otherwise). `/` serves `index.html`.
 */
import nodePath from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin.ts';

export type AppRequestDecision =
  | { readonly kind: 'file'; readonly path: string; readonly contentType: string }
  | { readonly kind: 'deny'; readonly status: 400 | 403 | 404 | 405; readonly reason: string };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

const SAFE_SEGMENT = /^[A-Za-z0-9._~@+-]+$/;

export function contentTypeFor(filePath: string, pathImpl: nodePath.PlatformPath = nodePath): string {
  return CONTENT_TYPES[pathImpl.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `candidate` is `root` itself or below it (both already absolute and normalised). */
export function isInside(root: string, candidate: string, pathImpl: nodePath.PlatformPath = nodePath): boolean {
  const rel = pathImpl.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !pathImpl.isAbsolute(rel));
}

export function resolveAppRequest(
  request: { readonly method: string; readonly url: string },
  rootDir: string,
  pathImpl: nodePath.PlatformPath = nodePath,
): AppRequestDecision {
  if (request.method !== 'GET' && request.method !== 'HEAD') return { kind: 'deny', status: 405, reason: 'method' };
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return { kind: 'deny', status: 400, reason: 'unparseable url' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') {
    return { kind: 'deny', status: 403, reason: 'foreign origin' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'deny', status: 400, reason: 'bad percent-encoding' };
  }
  // `%2F..%2F` survives URL normalisation and decodes into a traversal; `\` is a separator on Windows.
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'deny', status: 403, reason: 'forbidden character' };
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'deny', status: 403, reason: 'traversal' };
  // Build output names are plain; anything else (`:` streams, trailing dots/spaces Windows strips) is refused.
  if (!segments.every((s) => SAFE_SEGMENT.test(s) && !s.endsWith('.'))) return { kind: 'deny', status: 403, reason: 'forbidden name' };
  const relative = segments.length === 0 ? 'index.html' : segments.join(pathImpl.sep);
  const root = pathImpl.resolve(rootDir);
  const target = pathImpl.resolve(root, relative);
  if (!isInside(root, target, pathImpl) || target === root) return { kind: 'deny', status: 403, reason: 'outside root' };
  return { kind: 'file', path: target, contentType: contentTypeFor(target, pathImpl) };
}
