/**
 * Which web permissions the renderer gets: the camera (video only, for member QR codes), for our
 * own origin, and nothing else — no microphone, no screen capture, no geolocation, no
 * notifications, no USB/serial/HID, no clipboard reads. Without a handler Electron grants every
 * request, so default-deny is the whole point.
 */
import { isAppOrigin, isAppUrl } from './app-origin.ts';
import type { AppOrigin } from './app-origin.ts';

export interface PermissionRequestFacts {
  readonly permission: string;
  /** `details.requestingUrl`: the URL of the frame that asked. */
  readonly requestingUrl: string | undefined;
  readonly isMainFrame: boolean;
  /** `details.mediaTypes` for a `media` request: `video` is the camera, `audio` the microphone. */
  readonly mediaTypes: readonly string[] | undefined;
}

export interface PermissionCheckFacts {
  readonly permission: string;
  /** The origin Electron passes as `requestingOrigin`. */
  readonly requestingOrigin: string;
  /** `details.securityOrigin` (set for media checks). */
  readonly securityOrigin: string | undefined;
  /** `details.mediaType`: `video`, `audio` or `unknown`. */
  readonly mediaType: string | undefined;
  readonly isMainFrame: boolean;
}

export function decidePermissionRequest(facts: PermissionRequestFacts, origins: readonly AppOrigin[]): boolean {
  if (facts.permission !== 'media') return false;
  if (!facts.isMainFrame) return false;
  if (!isAppUrl(facts.requestingUrl, origins)) return false;
  const types = facts.mediaTypes ?? [];
  // An empty list would be "whatever the page asks for": only an explicit camera-only request passes.
  return types.length > 0 && types.every((t) => t === 'video');
}

export function decidePermissionCheck(facts: PermissionCheckFacts, origins: readonly AppOrigin[]): boolean {
  if (facts.permission !== 'media') return false;
  if (facts.mediaType !== 'video') return false;
  if (!facts.isMainFrame) return false;
  if (!isAppOrigin(facts.requestingOrigin, origins)) return false;
  // When Electron also names the frame's security origin it must agree.
  return facts.securityOrigin === undefined || isAppOrigin(facts.securityOrigin, origins);
}
