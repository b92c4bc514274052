/**
 * A till never downloads files: a page (ours misbehaving, or anything that got past the
 * navigation guard) must not be able to drop a file on the till PC. Every `will-download` is
 * cancelled before it starts, and logged with the URL's origin only.
 */
import type { Session } from 'electron';

export function refuseDownloads(session: Session, warn: (message: string) => void): void {
  session.on('will-download', (event, item) => {
    event.preventDefault();
    let origin = '(unknown)';
    try {
      origin = new URL(item.getURL()).origin;
    } catch {
      // A URL that does not parse is logged as unknown; the download is refused either way.
    }
    warn(`Download refused (from ${origin}): the till does not save files from pages.`);
  });
}
