/**
 * Navigation guards for every webContents (checklist #13, #14, #12): navigation and redirects only
 * within our origin, no new windows, no <webview>. Applied through `web-contents-created`, so a
 * webContents created by anything at all gets them, not just the main window.
 */
import { app } from 'electron';
import type { WebContents } from 'electron';
import type { AppOrigin } from '../core/shell-policy/app-origin.ts';
import { isNavigationAllowed, windowOpenDecision } from '../core/shell-policy/navigation.ts';

export function guardWebContents(contents: WebContents, origins: readonly AppOrigin[], log?: (message: string) => void): void {
  const guard = (event: { url: string; preventDefault: () => void }, what: string) => {
    if (isNavigationAllowed(event.url, origins)) return;
    event.preventDefault();
    log?.(`Blocked ${what} to a foreign URL`);
  };
  contents.on('will-navigate', (event) => guard(event, 'navigation'));
  contents.on('will-frame-navigate', (event) => guard(event, 'frame navigation'));
  contents.on('will-redirect', (event) => guard(event, 'redirect'));
  contents.setWindowOpenHandler(() => windowOpenDecision());
  contents.on('will-attach-webview', (event, webPreferences) => {
    // Belt and braces: `webviewTag` is off, and should one ever attach it gets no preload and no Node.
    delete webPreferences.preload;
    webPreferences.nodeIntegration = false;
    event.preventDefault();
  });
}

export function guardAllWebContents(origins: readonly AppOrigin[], log?: (message: string) => void): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, origins, log));
}
