import { describe, expect, it } from 'vitest';
import { addNoise, blur, gray, mulberry32, squeezeContrast, unevenLight, type Gray } from './image-transforms.ts';

const mean = (g: Gray): number => g.data.reduce((a, v) => a + v, 0) / g.data.length;
const std = (g: Gray): number => {
  const m = mean(g);
  return Math.sqrt(g.data.reduce((a, v) => a + (v - m) ** 2, 0) / g.data.length);
};

function checkerboard(size: number, cell: number): Gray {
  const g = gray(size, size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) g.data[y * size + x] = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? 0 : 255;
  return g;
}

describe('image transforms', () => {
  it('blur softens edges but keeps the overall brightness', () => {
    const sharp = checkerboard(64, 4);
    const soft = blur(sharp, 2);
    expect(Math.abs(mean(soft) - mean(sharp))).toBeLessThan(2);
    expect(std(soft)).toBeLessThan(std(sharp) * 0.5);
    expect(blur(sharp, 0)).toBe(sharp);
  });

  it('noise has the asked spread and is the same for the same seed', () => {
    const flat = gray(100, 100, 128);
    const a = addNoise(flat, 20, mulberry32(1));
    expect(std(a)).toBeGreaterThan(18);
    expect(std(a)).toBeLessThan(22);
    expect(Math.abs(mean(a) - 128)).toBeLessThan(1);
    expect(addNoise(flat, 20, mulberry32(1)).data).toEqual(a.data);
    expect(addNoise(flat, 20, mulberry32(2)).data).not.toEqual(a.data);
  });

  it('squeezes the range of a dim screen, and darkens one side under uneven light', () => {
    const dim = squeezeContrast(checkerboard(16, 2), 110, 140);
    expect(Math.min(...dim.data)).toBe(110);
    expect(Math.max(...dim.data)).toBe(140);
    const lit = unevenLight(gray(100, 10, 200), 0.5, 1);
    expect(lit.data[0]!).toBeLessThan(110);
    expect(lit.data[99]!).toBeGreaterThan(190);
  });

  it('refuses an image with no pixels', () => {
    expect(() => gray(0, 10)).toThrow(RangeError);
  });
});
