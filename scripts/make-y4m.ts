/**
 * Make a YUV4MPEG2 (.y4m) video of a QR code, for Chromium's fake camera:
 *   chromium --use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file.y4m>
 * Optional blank frames come first so a test can measure time to first decode, and the code
 * can be drawn light-on-dark like a phone in dark mode. Chromium loops the file.
 *
 *   node scripts/make-y4m.ts --text https://portal.socialhub.ai/m/mb_123 --out /tmp/member.y4m \
 *     [--width 640] [--height 480] [--frames 30] [--fps 30] [--blank-frames 15] [--inverted]
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { create } from 'qrcode';
import { rasterizeQr } from '../shared/scan/qr-raster.ts';

export interface QrY4mOptions {
  text: string;
  width?: number;
  height?: number;
  /** Frames showing the code. */
  frames?: number;
  fps?: number;
  /** Light-on-dark, as a phone in dark mode shows it. */
  inverted?: boolean;
  /** Frames with no code before the first coded frame. */
  blankFrames?: number;
  /** Pixels per QR module; default fits the code to 70% of the shorter side. */
  moduleSize?: number;
  /**
   * The coded frames' picture (luminance, width × height), e.g. a hard scene
   * (scripts/scenes/hard-scenes.ts), instead of the plain code made from `text`.
   */
  image?: Uint8ClampedArray;
}

export const Y4M_DEFAULTS = { width: 640, height: 480, frames: 30, fps: 30, blankFrames: 0 } as const;
/** Grey, not black or white: an empty counter, with nothing a decoder could mistake for a code. */
const BLANK_LUMA = 110;

export function y4mHeader(width: number, height: number, fps: number): string {
  // C420jpeg: 4:2:0 with full-range luma; Chromium's y4m reader accepts the 420 variants only.
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;
}

/** The whole file in memory (a 640×480 frame is 450 KiB; the defaults make about 13 MiB). */
export function buildQrY4m(options: QrY4mOptions): Uint8Array {
  const { text, width = Y4M_DEFAULTS.width, height = Y4M_DEFAULTS.height, frames = Y4M_DEFAULTS.frames, fps = Y4M_DEFAULTS.fps } = options;
  const blankFrames = options.blankFrames ?? Y4M_DEFAULTS.blankFrames;
  for (const [name, v] of Object.entries({ width, height, frames, fps, blankFrames })) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number`);
  }
  if (width % 2 !== 0 || height % 2 !== 0 || width === 0 || height === 0) throw new RangeError('width and height must be even and non-zero (4:2:0)');
  if (fps === 0 || frames + blankFrames === 0) throw new RangeError('need a frame rate and at least one frame');

  if (options.image !== undefined && options.image.length !== width * height) throw new RangeError(`the image must be ${width}×${height} luminance bytes`);
  const luma =
    options.image ??
    rasterizeQr(create(text, { errorCorrectionLevel: 'M' }).modules, {
      width,
      height,
      inverted: options.inverted ?? false,
      ...(options.moduleSize === undefined ? {} : { moduleSize: options.moduleSize }),
    });
  const blank = new Uint8Array(width * height).fill(BLANK_LUMA);
  const chroma = new Uint8Array((width / 2) * (height / 2) * 2).fill(128); // U then V: no colour

  const header = new TextEncoder().encode(y4mHeader(width, height, fps));
  const frameTag = new TextEncoder().encode('FRAME\n');
  const frameBytes = frameTag.length + width * height + chroma.length;
  const out = new Uint8Array(header.length + (blankFrames + frames) * frameBytes);
  out.set(header, 0);
  let offset = header.length;
  for (let i = 0; i < blankFrames + frames; i++) {
    out.set(frameTag, offset);
    out.set(i < blankFrames ? blank : luma, offset + frameTag.length);
    out.set(chroma, offset + frameTag.length + width * height);
    offset += frameBytes;
  }
  return out;
}

export async function makeQrY4m(options: QrY4mOptions & { out: string }): Promise<{ out: string; bytes: number }> {
  const data = buildQrY4m(options);
  await writeFile(options.out, data);
  return { out: options.out, bytes: data.length };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      text: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      frames: { type: 'string' },
      fps: { type: 'string' },
      'blank-frames': { type: 'string' },
      'module-size': { type: 'string' },
      inverted: { type: 'boolean', default: false },
    },
  });
  if (values.text === undefined || values.out === undefined) {
    throw new Error('usage: node scripts/make-y4m.ts --text <text> --out <file.y4m> [--width 640] [--height 480] [--frames 30] [--fps 30] [--blank-frames 0] [--module-size n] [--inverted]');
  }
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const options: QrY4mOptions & { out: string } = { text: values.text, out: values.out, inverted: values.inverted };
  for (const [key, value] of [
    ['width', num(values.width)],
    ['height', num(values.height)],
    ['frames', num(values.frames)],
    ['fps', num(values.fps)],
    ['blankFrames', num(values['blank-frames'])],
    ['moduleSize', num(values['module-size'])],
  ] as const) {
    if (value !== undefined) options[key] = value;
  }
  const { out, bytes } = await makeQrY4m(options);
  console.log(`wrote ${out} (${bytes} bytes)`);
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
