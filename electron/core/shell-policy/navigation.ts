/**
 * Where the renderer may navigate: only within our own origin. Anything else (a link to the web,
 * a redirect, a `file://` URL, a lookalike host) is refused; the till has no reason to show
 * foreign content, and so no external-link opener either.
 */
import { isAppUrl } from './app-origin.ts';
import type { AppOrigin } from './app-origin.ts';

export function isNavigationAllowed(url: unknown, origins: readonly AppOrigin[]): boolean {
  return isAppUrl(url, origins);
}

/** `window.open`, `target=_blank`, middle-click: never a new window. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}
