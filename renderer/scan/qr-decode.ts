/**
 * The JavaScript decoder (`@zxing/library`): the fallback engine, used only when ZXing-C++'s
 * WebAssembly cannot start (qr-decode-wasm.ts is the main one). DOM-free, so it runs in the
 * decode worker and in Node tests.
 *
 * QR only (no 1-D formats: a product barcode in view must never become a "scan"), TRY_HARDER
 * off (frames keep coming, so a fast miss is better than a slow hit), and passes on the
 * inverted image: phones in dark mode show light-on-dark codes, which plain zxing misses.
 *
 * Each polarity is tried with two binarizers: the hybrid (local) one copes with shadows and
 * uneven light, but turns sensor noise in flat areas into speckle; the global-histogram one is
 * the reverse. A miss costs about 1 ms per pass on a 640×480 frame, so trying all four is cheap.
 */
import {
  BinaryBitmap,
  Exception as ZXingException,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { QrEngine } from './qr-engine.ts';

export interface QrDecodeResult {
  text: string;
  /** The code was light-on-dark. */
  inverted: boolean;
}

export type PixelData = Uint8ClampedArray | Uint8Array;

const reader = new QRCodeReader();

/**
 * Decode a frame given as RGBA (`ImageData.data`, 4 bytes a pixel) or luminance (1 byte a
 * pixel, e.g. a video's Y plane); the layout is told apart by the buffer length.
 */
export function decodeLuminance(data: PixelData, width: number, height: number, options: { invertedFirst?: boolean } = {}): QrDecodeResult | null {
  const luminance = toLuminance(data, width, height);
  const source = new RGBLuminanceSource(luminance, width, height);
  const order = options.invertedFirst === true ? [true, false] : [false, true];
  for (const Binarizer of [HybridBinarizer, GlobalHistogramBinarizer]) {
    for (const inverted of order) {
      const text = tryDecode(new Binarizer(inverted ? source.invert() : source));
      if (text !== null) return { text, inverted };
    }
  }
  return null;
}

/** RGBA → 8-bit luma (BT.601 weights); luminance input is passed through without copying. */
export function toLuminance(data: PixelData, width: number, height: number): Uint8ClampedArray {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`bad frame size ${width}×${height}`);
  }
  const pixels = width * height;
  if (data.length === pixels) return data instanceof Uint8ClampedArray ? data : new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  if (data.length !== pixels * 4) throw new RangeError(`a ${width}×${height} frame needs ${pixels} or ${pixels * 4} bytes, got ${data.length}`);
  const out = new Uint8ClampedArray(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    out[i] = (data[j]! * 77 + data[j + 1]! * 150 + data[j + 2]! * 29) >> 8;
  }
  return out;
}

function tryDecode(binarizer: HybridBinarizer | GlobalHistogramBinarizer): string | null {
  try {
    return reader.decode(new BinaryBitmap(binarizer)).getText();
  } catch (err) {
    // "No code here" and "code unreadable" are zxing exceptions; anything else is a real bug.
    if (err instanceof ZXingException) return null;
    throw err;
  } finally {
    reader.reset();
  }
}

/**
 * The fallback engine. It remembers which polarity last worked, so a phone in dark mode costs
 * one decode a frame, not two.
 */
export function createJsEngine(): QrEngine {
  let invertedFirst = false;
  return {
    name: 'zxing-js',
    decode(data, width, height) {
      const found = decodeLuminance(data, width, height, { invertedFirst });
      if (found === null) return null;
      invertedFirst = found.inverted;
      return found.text;
    },
  };
}
