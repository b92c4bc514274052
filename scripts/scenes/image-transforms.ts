/**
 * What a webcam does to a code, as transforms of an 8-bit luminance image (one byte a pixel):
 * lens blur, sensor noise, a dim or washed-out screen, uneven light. Seeded, so a test or a
 * benchmark renders the same frames every run. Used to make hard test frames, never at runtime.
 */
import { mulberry32, type Rng } from '../../electron/sandbox/prng.ts';

export type { Rng };
export { mulberry32 };

export interface Gray {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export function gray(width: number, height: number, fill = 0): Gray {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new RangeError(`bad image size ${width}×${height}`);
  return { width, height, data: new Uint8ClampedArray(width * height).fill(fill) };
}

/** A normal deviate (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = Math.max(rng(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Box blur of the given radius, run `passes` times (three passes approximate a Gaussian). */
export function blur(image: Gray, radius: number, passes = 2): Gray {
  if (radius <= 0) return image;
  const { width, height } = image;
  const src = Float32Array.from(image.data);
  const tmp = new Float32Array(src.length);
  const r = Math.round(radius);
  const n = 2 * r + 1;
  for (let p = 0; p < passes; p++) {
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let k = -r; k <= r; k++) sum += src[row + Math.min(width - 1, Math.max(0, x + k))]!;
        tmp[row + x] = sum / n;
      }
    }
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let k = -r; k <= r; k++) sum += tmp[Math.min(height - 1, Math.max(0, y + k)) * width + x]!;
        src[y * width + x] = sum / n;
      }
    }
  }
  return { width, height, data: Uint8ClampedArray.from(src) };
}

/** Sensor noise: independent Gaussian noise of standard deviation `sigma` on every pixel. */
export function addNoise(image: Gray, sigma: number, rng: Rng): Gray {
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! + gaussian(rng) * sigma;
  return { ...image, data };
}

/** Map the full 0…255 range onto `low`…`high`: a dim phone, glare, a washed-out screen. */
export function squeezeContrast(image: Gray, low: number, high: number): Gray {
  const scale = (high - low) / 255;
  return { ...image, data: image.data.map((v) => low + v * scale) };
}

/** Light falling off across the frame: from `from` × brightness at the left to `to` × at the right, at `angle` radians. */
export function unevenLight(image: Gray, from: number, to: number, angle = 0): Gray {
  const { width, height } = image;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const span = Math.abs(width * cos) + Math.abs(height * sin);
  const data = new Uint8ClampedArray(image.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = ((x - width / 2) * cos + (y - height / 2) * sin) / span + 0.5;
      data[y * width + x] = image.data[y * width + x]! * (from + (to - from) * t);
    }
  }
  return { ...image, data };
}
