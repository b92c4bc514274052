/**
 * Draw a QR module matrix into an 8-bit luminance image (one byte per pixel), as a camera would
 * see a printed card or a phone screen. Used to make test frames and fake-camera video; kept
 * free of any QR library so callers pass whichever encoder's matrix they have.
 */

export interface QrMatrix {
  size: number;
  get(row: number, col: number): number | boolean;
}

export interface QrRasterOptions {
  width: number;
  height: number;
  /** Pixels per module. Default: the largest whole size that fits 70% of the shorter side. */
  moduleSize?: number;
  /** Light margin around the code, in modules (the spec asks for 4). */
  quietZone?: number;
  /** Light modules on a dark background: a phone in dark mode. */
  inverted?: boolean;
  dark?: number;
  light?: number;
  /** Luminance outside the quiet zone; defaults to the quiet zone's own colour. */
  background?: number;
}

export function rasterizeQr(matrix: QrMatrix, options: QrRasterOptions): Uint8ClampedArray {
  const { width, height, quietZone = 4, inverted = false, dark = 0, light = 255 } = options;
  const span = matrix.size + 2 * quietZone;
  const moduleSize = options.moduleSize ?? Math.floor((Math.min(width, height) * 0.7) / span);
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || span * moduleSize > Math.min(width, height)) {
    throw new RangeError(`a ${matrix.size}-module code does not fit in ${width}×${height}`);
  }
  const on = inverted ? light : dark; // colour of a "dark" module
  const off = inverted ? dark : light; // colour of a "light" module and the quiet zone
  const image = new Uint8ClampedArray(width * height).fill(options.background ?? off);
  const left = Math.floor((width - span * moduleSize) / 2);
  const top = Math.floor((height - span * moduleSize) / 2);
  for (let y = 0; y < span * moduleSize; y++) {
    const row = Math.floor(y / moduleSize) - quietZone;
    for (let x = 0; x < span * moduleSize; x++) {
      const col = Math.floor(x / moduleSize) - quietZone;
      const inCode = row >= 0 && col >= 0 && row < matrix.size && col < matrix.size;
      image[(top + y) * width + left + x] = inCode && Boolean(matrix.get(row, col)) ? on : off;
    }
  }
  return image;
}
