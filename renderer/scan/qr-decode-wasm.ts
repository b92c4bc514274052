/**
 * The main decoder: ZXing-C++ compiled to WebAssembly (`zxing-wasm`). Its detector reads the noisy,
 * low-contrast, blurred and small codes the JavaScript port misses, and a frame with no code costs
 * it a fraction of what it costs the port.
 *
 * Options: QR only (a product barcode in view must never become a scan); tryInvert for phones in
 * dark mode; the default (local-average) binarizer, because the global ones lose low-contrast
 * screens; one symbol, since the till acts on one code at a time.
 */
import { prepareZXingModule, readBarcodes, type ReaderOptions, type ZXingModuleOverrides } from 'zxing-wasm/reader';
import type { PixelData } from './qr-decode.ts';
import type { QrEngine } from './qr-engine.ts';

export const WASM_READER_OPTIONS: Readonly<ReaderOptions> = Object.freeze<ReaderOptions>({
  formats: ['QRCode'],
  tryInvert: true,
  maxNumberOfSymbols: 1,
});

/**
 * Fetch and compile the module now (not on the first frame) and return the engine. `overrides`
 * says where the .wasm is: the renderer points `locateFile` at the file Vite bundled (never a
 * CDN, which is the library's default); Node passes the bytes as `wasmBinary`.
 */
export async function createWasmEngine(overrides: ZXingModuleOverrides): Promise<QrEngine> {
  await prepareZXingModule({ overrides, fireImmediately: true });
  return {
    name: 'zxing-cpp',
    async decode(data, width, height) {
      // Only width, height and RGBA data are read; an ImageData constructor is not needed (nor in Node).
      const frame = { data: toRgba(data, width, height), width, height } as unknown as Parameters<typeof readBarcodes>[0];
      const results = await readBarcodes(frame, WASM_READER_OPTIONS);
      const hit = results.find((r) => r.isValid && r.format === 'QRCode');
      return hit === undefined ? null : hit.text;
    },
  };
}

/** The library reads RGBA (`ImageData`); a luminance frame (1 byte a pixel) is widened to it. */
export function toRgba(data: PixelData, width: number, height: number): Uint8ClampedArray {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`bad frame size ${width}×${height}`);
  }
  const pixels = width * height;
  if (data.length === pixels * 4) return data instanceof Uint8ClampedArray ? data : new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  if (data.length !== pixels) throw new RangeError(`a ${width}×${height} frame needs ${pixels} or ${pixels * 4} bytes, got ${data.length}`);
  const out = new Uint8ClampedArray(pixels * 4);
  for (let i = 0, j = 0; i < pixels; i++, j += 4) {
    const v = data[i]!;
    out[j] = v;
    out[j + 1] = v;
    out[j + 2] = v;
    out[j + 3] = 255;
  }
  return out;
}
