import { describe, expect, it } from 'vitest';
import { create } from 'qrcode/lib/core/qrcode.js';
import { rasterizeQr, type QrRasterOptions } from '../../shared/scan/qr-raster.ts';
import { createJsEngine, decodeLuminance, toLuminance } from './qr-decode.ts';

const W = 320;
const H = 240;

function frame(text: string, options: Partial<QrRasterOptions> = {}): Uint8ClampedArray {
  return rasterizeQr(create(text, { errorCorrectionLevel: 'M' }).modules, { width: W, height: H, ...options });
}

/** Deterministic sensor noise and lens blur, so the decoder is not only tested on perfect pixels. */
function degrade(image: Uint8ClampedArray, width: number, height: number, noise = 40, seed = 7): Uint8ClampedArray {
  let s = seed;
  const rand = (): number => {
    // mulberry32
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const out = new Uint8ClampedArray(image.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const yy = Math.min(height - 1, Math.max(0, y + dy));
          const xx = Math.min(width - 1, Math.max(0, x + dx));
          sum += image[yy * width + xx]!;
          n++;
        }
      }
      out[y * width + x] = sum / n + rand() * noise;
    }
  }
  return out;
}

function toRgba(lum: Uint8ClampedArray, tint: [number, number, number] = [1, 1, 1]): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(lum.length * 4);
  lum.forEach((v, i) => {
    rgba.set([v * tint[0], v * tint[1], v * tint[2], 255], i * 4);
  });
  return rgba;
}

describe('decodeLuminance', () => {
  const url = 'https://portal.socialhub.ai/m/mb_7f3a9c';

  it('reads a dark-on-light code from luminance', () => {
    expect(decodeLuminance(frame(url), W, H)).toEqual({ text: url, inverted: false });
  });

  it('reads a light-on-dark (dark-mode phone) code on the inverted pass', () => {
    expect(decodeLuminance(frame(url, { inverted: true }), W, H)).toEqual({ text: url, inverted: true });
    expect(decodeLuminance(frame(url, { inverted: true }), W, H, { invertedFirst: true })).toEqual({ text: url, inverted: true });
  });

  it('reads RGBA input, with noise, blur, low contrast and a coloured cast', () => {
    const rough = degrade(frame('cp_SPRING-10', { dark: 60, light: 190, moduleSize: 5 }), W, H);
    expect(decodeLuminance(toRgba(rough, [0.9, 1, 0.8]), W, H)?.text).toBe('cp_SPRING-10');
    for (let seed = 1; seed <= 5; seed++) {
      const roughInverted = degrade(frame('cp_SPRING-10', { inverted: true, dark: 30, light: 200 }), W, H, 50, seed);
      expect(decodeLuminance(toRgba(roughInverted), W, H)).toEqual({ text: 'cp_SPRING-10', inverted: true });
    }
  });

  it('reads a code under uneven light (a shadow across the card)', () => {
    const img = frame(url, { dark: 20, light: 230 });
    // Light falls off to a third across the frame; no global threshold separates the two sides.
    const shaded = img.map((v, i) => v * (1 - ((i % W) / W) * 0.67));
    expect(decodeLuminance(shaded, W, H)?.text).toBe(url);
  });

  it('reads a small code in a large frame (card held at a distance)', () => {
    const img = rasterizeQr(create(url).modules, { width: 640, height: 480, moduleSize: 3 });
    expect(decodeLuminance(img, 640, 480)?.text).toBe(url);
  });

  it('returns null for frames without a QR code', () => {
    expect(decodeLuminance(new Uint8ClampedArray(W * H).fill(128), W, H)).toBeNull();
    expect(decodeLuminance(degrade(new Uint8ClampedArray(W * H).fill(128), W, H, 255), W, H)).toBeNull();
    const stripes = new Uint8ClampedArray(W * H).map((_, i) => ((i % W) % 7 < 3 ? 0 : 255)); // a 1-D barcode-ish pattern
    expect(decodeLuminance(stripes, W, H)).toBeNull();
  });

  it('refuses buffers that do not fit the frame size', () => {
    expect(() => decodeLuminance(new Uint8ClampedArray(10), W, H)).toThrow(RangeError);
    expect(() => toLuminance(new Uint8ClampedArray(0), 0, 0)).toThrow(RangeError);
  });
});

describe('createJsEngine (the fallback engine)', () => {
  it('reads codes of either polarity, and remembers the polarity that worked', () => {
    const engine = createJsEngine();
    expect(engine.name).toBe('zxing-js');
    expect(engine.decode(frame('mb_dark', { inverted: true }), W, H)).toBe('mb_dark');
    expect(engine.decode(frame('mb_dark2', { inverted: true }), W, H)).toBe('mb_dark2');
    expect(engine.decode(toRgba(frame('mb_light')), W, H)).toBe('mb_light');
    expect(engine.decode(new Uint8Array(W * H), W, H)).toBeNull();
  });

  it('refuses a buffer that does not fit the frame (the worker turns that into a miss)', () => {
    expect(() => createJsEngine().decode(new Uint8ClampedArray(3), W, H)).toThrow(RangeError);
  });
});
