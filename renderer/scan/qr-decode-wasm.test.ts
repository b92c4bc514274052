import { beforeAll, describe, expect, it } from 'vitest';
import { create } from 'qrcode/lib/core/qrcode.js';
// The bundled .wasm as a data: URL, which Node's fetch can load like the renderer loads the file.
import wasmDataUrl from 'zxing-wasm/reader/zxing_reader.wasm?inline';
import { hardSceneSet, renderScene, type SceneSpec } from '../../scripts/scenes/hard-scenes.ts';
import { rasterizeQr } from '../../shared/scan/qr-raster.ts';
import { createJsEngine } from './qr-decode.ts';
import { createWasmEngine, toRgba, WASM_READER_OPTIONS } from './qr-decode-wasm.ts';
import { startEngine, type QrEngine } from './qr-engine.ts';

const encode = (text: string) => create(text, { errorCorrectionLevel: 'M' }).modules;
const SCENES = hardSceneSet();
const scene = (id: string): SceneSpec => {
  const found = SCENES.find((s) => s.id === id);
  if (found === undefined) throw new Error(`no scene ${id}`);
  return found;
};

describe('the WebAssembly engine (ZXing-C++)', () => {
  let wasm: QrEngine;
  beforeAll(async () => {
    wasm = await createWasmEngine({ locateFile: () => wasmDataUrl });
  });

  it('is configured for QR only, inverted codes, one symbol and the default binarizer', () => {
    expect(WASM_READER_OPTIONS).toEqual({ formats: ['QRCode'], tryInvert: true, maxNumberOfSymbols: 1 });
    expect(wasm.name).toBe('zxing-cpp');
  });

  it('reads plain and light-on-dark codes, from luminance and from RGBA', async () => {
    const url = 'https://portal.socialhub.ai/m/mb_ava_chen';
    const plain = rasterizeQr(encode(url), { width: 640, height: 480 });
    const dark = rasterizeQr(encode(url), { width: 640, height: 480, inverted: true });
    expect(await wasm.decode(plain, 640, 480)).toBe(url);
    expect(await wasm.decode(toRgba(dark, 640, 480), 640, 480)).toBe(url);
  });

  it('reads the noisy and low-contrast phones the JavaScript engine misses', async () => {
    const js = createJsEngine();
    for (const id of ['noise-1', 'noise-2', 'low-contrast-1', 'low-contrast-3']) {
      const spec = scene(id);
      const img = renderScene(spec, encode);
      expect(js.decode(img.data, img.width, img.height), id).toBeNull();
      expect(await wasm.decode(img.data, img.width, img.height), id).toBe(spec.text);
    }
  });

  it('never decodes a wrong text, nor anything from a frame with no QR code (a product barcode included)', async () => {
    for (const spec of SCENES) {
      const img = renderScene(spec, encode);
      const text = await wasm.decode(img.data, img.width, img.height);
      if (spec.text === null) expect(text, spec.id).toBeNull();
      else expect([spec.text, null], spec.id).toContain(text);
    }
  });

  it('refuses a buffer that does not fit the frame', async () => {
    await expect(async () => wasm.decode(new Uint8ClampedArray(10), 640, 480)).rejects.toThrow(RangeError);
    expect(() => toRgba(new Uint8Array(4), 0, 4)).toThrow(RangeError);
  });
});

describe('when WebAssembly cannot start', () => {
  it('the worker falls back to the JavaScript engine, which still reads a code, and says why', async () => {
    // Not a wasm module: compiling it fails as a blocked compile would.
    const broken = 'data:application/wasm;base64,AAAAAA==';
    const { engine, report } = await startEngine(() => createWasmEngine({ locateFile: () => broken }), () => Promise.resolve(createJsEngine()));
    expect(report.engine).toBe('zxing-js');
    expect(report.fallbackReason).not.toBeNull();
    const url = 'https://portal.socialhub.ai/c/cp_ava_coffee';
    expect(await engine.decode(rasterizeQr(encode(url), { width: 320, height: 240 }), 320, 240)).toBe(url);
  });
});
