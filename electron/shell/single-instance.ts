/**
 * One till process per user: a second launch would be a second writer to the
 * journal. The second instance quits; the first comes to the front.
 */
import { app } from 'electron';
import type { BrowserWindow } from 'electron';

/** Returns false in the second instance, which is already quitting. */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = getWindow();
    if (win === null || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
