/**
 * Installs the default-deny permission handlers on a session (checklist #5): camera for our own
 * origin, nothing else. Both handlers are needed: most web APIs check before they request.
 * The decisions are the pure functions in electron/core/shell-policy/permissions.ts.
 */
import type { Session } from 'electron';
import type { AppOrigin } from '../core/shell-policy/app-origin.ts';
import { decidePermissionCheck, decidePermissionRequest } from '../core/shell-policy/permissions.ts';

export function installPermissionHandlers(session: Session, origins: readonly AppOrigin[]): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(decidePermissionRequest({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes }, origins));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    decidePermissionCheck(
      { permission, requestingOrigin, securityOrigin: details.securityOrigin, mediaType: details.mediaType, isMainFrame: details.isMainFrame },
      origins,
    ),
  );
  // USB / serial / HID device access: never.
  session.setDevicePermissionHandler(() => false);
}
