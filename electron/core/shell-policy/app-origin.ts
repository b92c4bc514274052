/**
 * "Is this URL our own app?" — the one question behind navigation guards, permission decisions and
 * IPC sender checks. Answered by parsing, never by `startsWith`/`includes`: `app://till.evil/`,
 * `app://user@till/` and `https://evil/?next=app://till/` all contain the right prefix or text.
 */

export interface AppOrigin {
  /** With the colon, as `URL.protocol` gives it: `app:` or, in development only, `http:`. */
  readonly protocol: string;
  readonly hostname: string;
  /** Empty for the scheme's default port, as `URL.port` gives it. */
  readonly port: string;
}

export const APP_SCHEME = 'app';
export const APP_HOST = 'till';
/** Where the packaged renderer lives. The trailing slash matters for relative asset URLs. */
export const APP_ORIGIN_URL = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ORIGIN: AppOrigin = Object.freeze({ protocol: `${APP_SCHEME}:`, hostname: APP_HOST, port: '' });

/** Parse an origin we trust (our scheme, or the Vite dev server in development). Throws on nonsense: it is our config. */
export function appOriginFrom(url: string): AppOrigin {
  const u = new URL(url);
  if (u.username !== '' || u.password !== '') throw new Error(`An app origin carries no credentials: ${url}`);
  return Object.freeze({ protocol: u.protocol, hostname: u.hostname, port: u.port });
}

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only when `url` parses and its scheme, host and port equal one of `origins` exactly, with
 * no user name or password. The path is not judged here (the protocol handler confines it).
 */
export function isAppUrl(url: unknown, origins: readonly AppOrigin[]): boolean {
  const u = parse(url);
  if (u === null) return false;
  if (u.username !== '' || u.password !== '') return false;
  return origins.some((o) => o.protocol === u.protocol && o.hostname === u.hostname && o.port === u.port);
}

/**
 * Chromium reports a standard custom scheme's origin as `app://till` (no path), which WHATWG URL
 * parsing in Node accepts too; the opaque `null` origin is never ours.
 */
export function isAppOrigin(origin: unknown, origins: readonly AppOrigin[]): boolean {
  if (origin === 'null') return false;
  return isAppUrl(origin, origins);
}
