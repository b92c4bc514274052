import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeIcons } from './make-icon.ts';

function pngInfo(buf: Buffer): { width: number; height: number; colorType: number } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let off = 8;
  let info = { width: 0, height: 0, colorType: 0 };
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('ascii', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    expect(buf.readUInt32BE(off + 8 + len)).toBe(zlib.crc32(buf.subarray(off + 4, off + 8 + len)) >>> 0);
    if (type === 'IHDR') info = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), colorType: data[9]! };
    off += 12 + len;
  }
  return info;
}

describe('make-icon', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-icon-'));
  writeIcons(dir);
  const read = (f: string) => fs.readFileSync(path.join(dir, f));

  it('writes a valid 512×512 RGBA PNG', () => {
    expect(pngInfo(read('icon.png'))).toEqual({ width: 512, height: 512, colorType: 6 });
  });

  it('wraps PNGs in valid ICO and ICNS containers', () => {
    const ico = read('icon.ico');
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 1]);
    expect(pngInfo(ico.subarray(ico.readUInt32LE(18))).width).toBe(256);
    const icns = read('icon.icns');
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.toString('ascii', 8, 12)).toBe('ic08');
  });

  it('matches the committed assets (the icon is reproducible from source)', () => {
    const committed = path.join(import.meta.dirname, '..', 'assets');
    for (const f of ['icon.svg', 'icon.png', 'icon.ico', 'icon.icns']) expect(read(f).equals(fs.readFileSync(path.join(committed, f))), f).toBe(true);
  });
});
