/**
 * Puts the CSP on responses the protocol handler does not build itself — in development, the Vite
 * dev server's pages. (Packaged builds get it from app-protocol.ts on every app:// response; this
 * is the same policy as a second layer.) The policy text is electron/core/shell-policy/csp.ts.
 */
import type { Session } from 'electron';
import { isAppUrl } from '../core/shell-policy/app-origin.ts';
import type { AppOrigin } from '../core/shell-policy/app-origin.ts';

export function installCspHeaders(session: Session, options: { origins: readonly AppOrigin[]; csp: string }): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, options.origins)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Ours replaces any policy the server sent (header names are case-insensitive).
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [options.csp];
    callback({ responseHeaders: headers });
  });
}
