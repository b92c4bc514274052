/**
 * Who may call a channel: only our own top-level frame. The registry asks this injected policy
 * before anything else, so the same registry serves ipcMain (frame URL + webContents id) and the
 * dev/test web host (the request's Origin header).
 */
import { isAppUrl } from '../shell-policy/app-origin.ts';
import type { AppOrigin } from '../shell-policy/app-origin.ts';

export interface SenderInfo {
  /** The sending frame's URL (Electron: `event.senderFrame.url`; web host: `Origin`). Null if the frame is gone. */
  readonly frameUrl: string | null;
  /** Top-level frame only: an iframe, even a same-origin one, never talks to main. */
  readonly isMainFrame: boolean;
  /** Electron's `event.sender.id`; absent for the web host. */
  readonly webContentsId?: number;
}

export type SenderPolicy = (sender: SenderInfo) => boolean;

export function createSenderPolicy(options: {
  readonly origins: readonly AppOrigin[];
  /** When given, the sender's webContents must be one of our windows, not just a page at our origin. */
  readonly isOwnWebContents?: (id: number) => boolean;
}): SenderPolicy {
  return (sender) => {
    if (!sender.isMainFrame) return false;
    if (!isAppUrl(sender.frameUrl, options.origins)) return false;
    if (options.isOwnWebContents !== undefined) {
      if (sender.webContentsId === undefined || !options.isOwnWebContents(sender.webContentsId)) return false;
    }
    return true;
  };
}
