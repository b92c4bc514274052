/**
 * The hard scene set: camera-like stills of a phone showing a member's or coupon's QR code on a
 * cluttered counter, made from a fixed seed so every run renders the same frames. Each scene is
 * one difficulty (rotation, blur, sensor noise, a dim screen, dark mode, small modules) or a
 * combination; "no code" scenes hold clutter and a product barcode, and must decode to nothing.
 * Used by the decoder tests, the e2e fake camera and `npm run bench:decode`.
 */
import { addNoise, blur, gray, mulberry32, unevenLight, type Gray, type Rng } from './image-transforms.ts';
import type { QrMatrix } from '../../shared/scan/qr-raster.ts';
import { portalUrl } from '../../shared/scan/scan-parser.ts';

export const SCENE_CATEGORIES = ['plain', 'rotation', 'blur', 'noise', 'low contrast', 'dark mode', 'small modules', 'combined', 'no code'] as const;
export type SceneCategory = (typeof SCENE_CATEGORIES)[number];

export interface SceneSpec {
  id: string;
  category: SceneCategory;
  /** What the code says; null for a frame with no QR code. */
  text: string | null;
  /** Pixels per QR module in the frame. */
  moduleSize: number;
  /** Degrees, clockwise. */
  angle: number;
  /** Light-on-dark (a phone in dark mode). */
  inverted: boolean;
  /** Luminance of the code's dark and light modules on the screen (a dim screen brings them together). */
  dark: number;
  light: number;
  /** Box-blur radius in pixels (0: sharp). */
  blur: number;
  /** Sensor noise, standard deviation in luminance steps. */
  noise: number;
  /** Where the phone's centre is, as a share of the frame from its centre. */
  offsetX: number;
  offsetY: number;
  seed: number;
}

export const SCENE_SIZE = { width: 640, height: 480 } as const;

/** Renders a code's module matrix: the caller passes its QR encoder (the renderer's tests and Node use different entry points of `qrcode`). */
export type QrEncoder = (text: string) => QrMatrix;

const SHORT_IDS = ['mb_ava_chen', 'mb_marcus_webb', 'mb_priya_shah', 'mb_lena_ortiz', 'cp_ava_coffee', 'cp_SPRING-10'];

function textFor(rng: Rng, i: number): string {
  const id = SHORT_IDS[i % SHORT_IDS.length] ?? 'mb_ava_chen';
  // Longer ids make bigger codes (more modules), as some members' links are.
  const suffix = rng() < 0.3 ? `_${Math.floor(rng() * 1e6).toString(36)}` : '';
  return portalUrl(id.startsWith('cp_') ? 'coupon' : 'member', id + suffix);
}

const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** The set: six scenes of each difficulty and of combinations, and eight with no code. */
export function hardSceneSet(seed = 2026): SceneSpec[] {
  const rng = mulberry32(seed);
  const scenes: SceneSpec[] = [];
  const add = (category: SceneCategory, n: number, make: (i: number) => Partial<SceneSpec>): void => {
    for (let i = 0; i < n; i++) {
      const base: SceneSpec = {
        id: `${category.replace(/ /g, '-')}-${i + 1}`,
        category,
        text: textFor(rng, scenes.length),
        moduleSize: Math.round(between(rng, 4, 7)),
        angle: between(rng, -6, 6),
        inverted: false,
        dark: 25,
        light: 230,
        blur: 0,
        noise: 3,
        offsetX: between(rng, -0.12, 0.12),
        offsetY: between(rng, -0.1, 0.1),
        seed: Math.floor(rng() * 2 ** 31),
      };
      scenes.push({ ...base, ...make(i) });
    }
  };
  add('plain', 6, () => ({}));
  add('rotation', 6, (i) => ({ angle: (i % 2 === 0 ? 1 : -1) * between(rng, 15, 45) }));
  add('blur', 6, (i) => ({ blur: i < 3 ? 1 : 2, moduleSize: Math.round(between(rng, 4, 6)) }));
  add('noise', 6, () => ({ noise: between(rng, 30, 45) }));
  add('low contrast', 6, () => {
    const mid = between(rng, 110, 150);
    const gap = between(rng, 22, 34);
    return { dark: mid - gap / 2, light: mid + gap / 2, noise: 4 };
  });
  add('dark mode', 6, () => ({ inverted: true, dark: 20, light: between(rng, 190, 230) }));
  add('small modules', 6, (i) => ({ moduleSize: i < 3 ? 2 : 3, noise: 3 }));
  add('combined', 6, (i) => ({
    angle: (i % 2 === 0 ? 1 : -1) * between(rng, 10, 35),
    blur: i % 2,
    noise: between(rng, 10, 18),
    inverted: i % 3 === 2,
    dark: 45,
    light: 200,
    moduleSize: Math.round(between(rng, 4, 6)),
  }));
  add('no code', 8, (i) => ({ text: null, noise: i % 2 === 0 ? 4 : 30 }));
  return scenes;
}

/** The scene as the camera would see it, in luminance. */
export function renderScene(spec: SceneSpec, encode: QrEncoder, size: { width: number; height: number } = SCENE_SIZE): Gray {
  const rng = mulberry32(spec.seed);
  const image = counter(size.width, size.height, rng);
  productBarcode(image, rng);
  const matrix = spec.text === null ? null : encode(spec.text);
  phone(image, spec, matrix);
  let out = unevenLight(image, between(rng, 0.8, 1), between(rng, 0.9, 1.1), between(rng, 0, Math.PI));
  out = blur(out, spec.blur);
  return spec.noise > 0 ? addNoise(out, spec.noise, rng) : out;
}

/** A counter: a mid-grey surface with slow shading and some objects (receipts, a card reader). */
function counter(width: number, height: number, rng: Rng): Gray {
  const image = gray(width, height);
  const base = between(rng, 95, 150);
  const fx = between(rng, 0.005, 0.02);
  const fy = between(rng, 0.005, 0.02);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image.data[y * width + x] = base + 18 * Math.sin(x * fx + y * fy * 0.3) + 10 * Math.cos(y * fy);
  }
  const objects = 3 + Math.floor(rng() * 4);
  for (let k = 0; k < objects; k++) {
    const w = between(rng, 40, 180);
    const h = between(rng, 30, 140);
    const x0 = between(rng, -20, width - w / 2);
    const y0 = between(rng, -20, height - h / 2);
    const shade = rng() < 0.5 ? between(rng, 200, 245) : between(rng, 20, 70);
    fillRect(image, x0, y0, w, h, shade);
  }
  return image;
}

/** A 1-D product barcode near an edge: a QR-only reader must ignore it. */
function productBarcode(image: Gray, rng: Rng): void {
  const x0 = Math.floor(between(rng, 10, image.width * 0.25));
  const y0 = Math.floor(rng() < 0.5 ? between(rng, 10, 60) : between(rng, image.height - 130, image.height - 80));
  fillRect(image, x0 - 8, y0 - 8, 140, 86, 235);
  let x = x0;
  while (x < x0 + 124) {
    const bar = 1 + Math.floor(rng() * 3);
    fillRect(image, x, y0, bar, 60, 15);
    x += bar + 1 + Math.floor(rng() * 3);
  }
}

function fillRect(image: Gray, x0: number, y0: number, w: number, h: number, value: number): void {
  const xa = Math.max(0, Math.floor(x0));
  const ya = Math.max(0, Math.floor(y0));
  const xb = Math.min(image.width, Math.floor(x0 + w));
  const yb = Math.min(image.height, Math.floor(y0 + h));
  for (let y = ya; y < yb; y++) image.data.fill(value, y * image.width + xa, y * image.width + xb);
}

/**
 * A phone (dark body, lit screen) with the code on its screen, rotated about its centre. Each
 * pixel averages 3×3 sub-samples, so module edges come out anti-aliased as through a lens.
 */
function phone(image: Gray, spec: SceneSpec, matrix: QrMatrix | null): void {
  const m = spec.moduleSize;
  const modules = matrix === null ? 25 : matrix.size;
  const code = (modules + 8) * m; // with the 4-module quiet zone
  const screenW = code + 2 * m;
  const screenH = code * 1.7;
  const bodyW = screenW + 16;
  const bodyH = screenH + 40;
  const { width, height } = image;
  const cx = width / 2 + spec.offsetX * width;
  const cy = height / 2 + spec.offsetY * height;
  const rad = (spec.angle * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const screenBg = spec.inverted ? spec.dark : spec.light;
  const on = spec.inverted ? spec.light : spec.dark;
  // The code sits in the upper part of the screen, like a wallet pass.
  const codeTop = -screenH / 2 + screenH * 0.2;
  const reach = Math.hypot(bodyW, bodyH) / 2 + 2;
  const SUB = 3;
  for (let y = Math.max(0, Math.floor(cy - reach)); y < Math.min(height, Math.ceil(cy + reach)); y++) {
    for (let x = Math.max(0, Math.floor(cx - reach)); x < Math.min(width, Math.ceil(cx + reach)); x++) {
      let sum = 0;
      let inside = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          const px = x + (sx + 0.5) / SUB - cx;
          const py = y + (sy + 0.5) / SUB - cy;
          // Into the phone's own frame (undo the rotation).
          const u = px * cos + py * sin;
          const v = -px * sin + py * cos;
          if (Math.abs(u) > bodyW / 2 || Math.abs(v) > bodyH / 2) continue;
          inside++;
          if (Math.abs(u) > screenW / 2 || Math.abs(v) > screenH / 2) {
            sum += 18;
            continue;
          }
          let value = screenBg;
          if (matrix !== null) {
            const col = Math.floor((u + code / 2) / m) - 4;
            const row = Math.floor((v - codeTop) / m) - 4;
            if (row >= 0 && col >= 0 && row < matrix.size && col < matrix.size && Boolean(matrix.get(row, col))) value = on;
          }
          sum += value;
        }
      }
      if (inside === 0) continue;
      const i = y * width + x;
      const outside = SUB * SUB - inside;
      image.data[i] = (sum + outside * image.data[i]!) / (SUB * SUB);
    }
  }
}
