/**
 * Draws the app icon from a few shapes and writes every format the makers need, so the icon is
 * reproducible from source with no image tools: assets/icon.svg, icon.png (512×512, Linux makers
 * and the window), icon.ico (Windows: a 256×256 PNG inside an ICO) and icon.icns (macOS: 256 and
 * 512 PNGs inside an ICNS). Run: `node scripts/make-icon.ts`. The output is committed.
 *
 * The picture: a teal rounded square, a white receipt with three lines, and a gold points coin.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

type Rgb = readonly [number, number, number];
type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; r: number; fill: Rgb }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: Rgb }
  | { kind: 'ring'; cx: number; cy: number; r: number; width: number; fill: Rgb };

const TEAL: Rgb = [15, 118, 110];
const WHITE: Rgb = [255, 255, 255];
const LINE: Rgb = [153, 204, 199];
const GOLD: Rgb = [245, 158, 11];

/** In a 512-unit square; painted in order. */
export const SHAPES: readonly Shape[] = [
  { kind: 'rect', x: 0, y: 0, w: 512, h: 512, r: 112, fill: TEAL },
  { kind: 'rect', x: 136, y: 88, w: 240, h: 320, r: 24, fill: WHITE },
  { kind: 'rect', x: 176, y: 148, w: 160, h: 20, r: 10, fill: LINE },
  { kind: 'rect', x: 176, y: 200, w: 160, h: 20, r: 10, fill: LINE },
  { kind: 'rect', x: 176, y: 252, w: 104, h: 20, r: 10, fill: LINE },
  { kind: 'circle', cx: 352, cy: 376, r: 92, fill: GOLD },
  { kind: 'ring', cx: 352, cy: 376, r: 58, width: 14, fill: WHITE },
];

/** Signed distance from (px, py) to the shape's edge: negative inside. */
function distance(s: Shape, px: number, py: number): number {
  if (s.kind === 'rect') {
    const hx = s.w / 2;
    const hy = s.h / 2;
    const qx = Math.abs(px - (s.x + hx)) - (hx - s.r);
    const qy = Math.abs(py - (s.y + hy)) - (hy - s.r);
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - s.r;
  }
  const d = Math.hypot(px - s.cx, py - s.cy) - s.r;
  return s.kind === 'circle' ? d : Math.abs(d) - s.width / 2;
}

/** RGBA pixels at `size`×`size`, anti-aliased by 4×4 supersampling. */
export function rasterise(size: number): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const scale = 512 / size;
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const ux = (x + (sx + 0.5) / n) * scale;
          const uy = (y + (sy + 0.5) / n) * scale;
          let c: Rgb | null = null;
          for (const s of SHAPES) if (distance(s, ux, uy) <= 0) c = s.fill;
          if (c !== null) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      // Straight (not premultiplied) alpha, as PNG expects.
      px[i] = a === 0 ? 0 : Math.round(r / a);
      px[i + 1] = a === 0 ? 0 : Math.round(g / a);
      px[i + 2] = a === 0 ? 0 : Math.round(b / a);
      px[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return px;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO holding one 256×256 PNG (valid since Windows Vista). */
export function encodeIco(png256: Buffer): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header[6] = 0; // 0 means 256
  header[7] = 0;
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png256.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png256]);
}

/** An ICNS with PNG payloads: `ic08` = 256×256, `ic09` = 512×512. */
export function encodeIcns(png256: Buffer, png512: Buffer): Buffer {
  const entry = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([head, data]);
  };
  const body = Buffer.concat([entry('ic08', png256), entry('ic09', png512)]);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

export function svg(): string {
  const els = SHAPES.map((s) => {
    if (s.kind === 'rect') return `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${hex(s.fill)}"/>`;
    if (s.kind === 'circle') return `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${hex(s.fill)}"/>`;
    return `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="none" stroke="${hex(s.fill)}" stroke-width="${s.width}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">\n  <title>SocialHub Till</title>\n${els.join('\n')}\n</svg>\n`;
}

export function writeIcons(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const png512 = encodePng(512, rasterise(512));
  const png256 = encodePng(256, rasterise(256));
  const files: Array<[string, string | Buffer]> = [
    ['icon.svg', svg()],
    ['icon.png', png512],
    ['icon.ico', encodeIco(png256)],
    ['icon.icns', encodeIcns(png256, png512)],
  ];
  for (const [name, data] of files) fs.writeFileSync(path.join(outDir, name), data);
  return files.map(([name]) => path.join(outDir, name));
}

if (import.meta.main) {
  for (const f of writeIcons(path.join(import.meta.dirname, '..', 'assets'))) console.log(`wrote ${path.relative(process.cwd(), f)}`);
}
