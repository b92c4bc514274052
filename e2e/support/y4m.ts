/**
 * Fake-camera feeds made at test time with the project's generator (scripts/make-y4m.ts) from the
 * portal QR convention (shared/scan/scan-parser.ts), for Chromium's
 * `--use-file-for-fake-video-capture`. Chromium loops the file.
 */
import { makeQrY4m } from '../../scripts/make-y4m.ts';
import { portalUrl } from '../../shared/scan/scan-parser.ts';

export interface CameraFeed {
  /** What the QR code says (e.g. `memberQr('mb_ava_chen')`). */
  text: string;
  /** Light-on-dark, like a phone in dark mode. */
  inverted?: boolean;
  /** Grey frames before the code appears (default 5). */
  blankFrames?: number;
}

export const memberQr = (memberId: string): string => portalUrl('member', memberId);
export const couponQr = (couponId: string): string => portalUrl('coupon', couponId);

/** 320×240 keeps the files small (≈115 KiB a frame) and decodes fast on a 2-core runner. */
export async function writeCameraFeed(feed: CameraFeed, out: string): Promise<string> {
  await makeQrY4m({ text: feed.text, out, width: 640, height: 480, frames: 20, fps: 15, inverted: feed.inverted ?? false, blankFrames: feed.blankFrames ?? 5 });
  return out;
}
