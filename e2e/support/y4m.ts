/**
 * Fake-camera feeds made at test time with the project's generator (scripts/make-y4m.ts) from the
 * portal QR convention (shared/scan/scan-parser.ts), for Chromium's
 * `--use-file-for-fake-video-capture`. Chromium loops the file.
 */
import { create } from 'qrcode';
import { makeQrY4m } from '../../scripts/make-y4m.ts';
import { hardSceneSet, renderScene, SCENE_SIZE } from '../../scripts/scenes/hard-scenes.ts';
import { portalUrl } from '../../shared/scan/scan-parser.ts';

export interface CameraFeed {
  /** What the QR code says (e.g. `memberQr('mb_ava_chen')`). */
  text: string;
  /** Light-on-dark, like a phone in dark mode. */
  inverted?: boolean;
  /** Grey frames before the code appears (default 5). */
  blankFrames?: number;
  /**
   * A hard scene from scripts/scenes/hard-scenes.ts (e.g. `noise-1`): the phone, clutter and
   * degradations of that scene, showing this feed's `text`.
   */
  scene?: string;
}

export const memberQr = (memberId: string): string => portalUrl('member', memberId);
export const couponQr = (couponId: string): string => portalUrl('coupon', couponId);

/** A hard scene showing `text` instead of the scene's own code, as 640×480 luminance. */
export function hardSceneFrame(sceneId: string, text: string): Uint8ClampedArray {
  const spec = hardSceneSet().find((s) => s.id === sceneId);
  if (spec === undefined) throw new Error(`There is no hard scene "${sceneId}".`);
  return renderScene({ ...spec, text }, (t) => create(t, { errorCorrectionLevel: 'M' }).modules, SCENE_SIZE).data;
}

/** 640×480 frames (≈450 KiB each), 20 of them, at 15 fps. */
export async function writeCameraFeed(feed: CameraFeed, out: string): Promise<string> {
  await makeQrY4m({
    text: feed.text,
    out,
    width: SCENE_SIZE.width,
    height: SCENE_SIZE.height,
    frames: 20,
    fps: 15,
    inverted: feed.inverted ?? false,
    blankFrames: feed.blankFrames ?? 5,
    ...(feed.scene === undefined ? {} : { image: hardSceneFrame(feed.scene, feed.text) }),
  });
  return out;
}
