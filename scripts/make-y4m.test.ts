import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { decodeLuminance } from '../renderer/scan/qr-decode.ts';
import { buildQrY4m, makeQrY4m, y4mHeader } from './make-y4m.ts';

/** Split a y4m file into its header and Y planes, checking the layout as a reader would. */
function parseY4m(file: Uint8Array): { header: string; width: number; height: number; yPlanes: Uint8Array[] } {
  const headerEnd = file.indexOf(0x0a);
  const header = new TextDecoder().decode(file.subarray(0, headerEnd));
  const width = Number(/ W(\d+)/.exec(header)?.[1]);
  const height = Number(/ H(\d+)/.exec(header)?.[1]);
  const yPlanes: Uint8Array[] = [];
  let offset = headerEnd + 1;
  while (offset < file.length) {
    expect(new TextDecoder().decode(file.subarray(offset, offset + 6))).toBe('FRAME\n');
    offset += 6;
    yPlanes.push(file.subarray(offset, offset + width * height));
    const chroma = file.subarray(offset + width * height, offset + width * height * 1.5);
    expect(chroma.every((v) => v === 128)).toBe(true);
    offset += width * height * 1.5;
  }
  expect(offset).toBe(file.length);
  return { header, width, height, yPlanes };
}

const URL_TEXT = 'https://portal.socialhub.ai/m/mb_7f3a9c';

describe('buildQrY4m', () => {
  it('writes a C420jpeg header and frames whose Y plane decodes back', () => {
    const { header, width, height, yPlanes } = parseY4m(buildQrY4m({ text: URL_TEXT, width: 320, height: 240, frames: 2, blankFrames: 3, fps: 15 }));
    expect(header).toBe('YUV4MPEG2 W320 H240 F15:1 Ip A1:1 C420jpeg');
    expect(yPlanes).toHaveLength(5);
    expect(decodeLuminance(yPlanes[0]!, width, height)).toBeNull();
    expect(decodeLuminance(yPlanes[3]!, width, height)).toEqual({ text: URL_TEXT, inverted: false });
  });

  it('can draw the code light-on-dark', () => {
    const { width, height, yPlanes } = parseY4m(buildQrY4m({ text: 'cp_SPRING-10', width: 160, height: 120, frames: 1, inverted: true }));
    expect(decodeLuminance(yPlanes[0]!, width, height)).toEqual({ text: 'cp_SPRING-10', inverted: true });
  });

  it('can show a given picture (a hard scene) in the coded frames, and refuses one of the wrong size', () => {
    const picture = new Uint8ClampedArray(160 * 120).map((_, i) => i % 251);
    const { yPlanes } = parseY4m(buildQrY4m({ text: 'x', width: 160, height: 120, frames: 2, blankFrames: 1, image: picture }));
    expect(yPlanes[0]!.every((v) => v === 110)).toBe(true);
    expect(Array.from(yPlanes[2]!)).toEqual(Array.from(picture));
    expect(() => buildQrY4m({ text: 'x', width: 160, height: 120, image: new Uint8ClampedArray(10) })).toThrow(RangeError);
  });

  it('uses 640×480, 30 frames at 30 fps by default', () => {
    const file = buildQrY4m({ text: 'x' });
    expect(parseY4m(file)).toMatchObject({ header: 'YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg', width: 640, height: 480 });
    expect(file.length).toBe(y4mHeader(640, 480, 30).length + 30 * (6 + 640 * 480 * 1.5));
  });

  it('rejects sizes 4:2:0 cannot hold', () => {
    expect(() => buildQrY4m({ text: 'x', width: 321 })).toThrow(RangeError);
    expect(() => buildQrY4m({ text: 'x', frames: 0 })).toThrow(RangeError);
    expect(() => buildQrY4m({ text: 'x', width: 20, height: 20 })).toThrow(RangeError);
  });
});

describe('makeQrY4m and the CLI', () => {
  it('write the same file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'y4m-'));
    try {
      const a = join(dir, 'a.y4m');
      const b = join(dir, 'b.y4m');
      const opts = { text: URL_TEXT, width: 160, height: 120, frames: 2, blankFrames: 1, inverted: true };
      expect(await makeQrY4m({ ...opts, out: a })).toMatchObject({ out: a });
      const { stdout } = await promisify(execFile)(process.execPath, [
        join(import.meta.dirname, 'make-y4m.ts'),
        ...['--text', URL_TEXT, '--out', b, '--width', '160', '--height', '120', '--frames', '2', '--blank-frames', '1', '--inverted'],
      ]);
      expect(stdout).toMatch(/^wrote .*b\.y4m/);
      expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('CLI explains its usage', async () => {
    await expect(promisify(execFile)(process.execPath, [join(import.meta.dirname, 'make-y4m.ts')])).rejects.toMatchObject({
      stderr: expect.stringContaining('usage: node scripts/make-y4m.ts') as unknown,
    });
  });
});
