import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { parseScan } from '../../shared/scan/scan-parser.ts';
import { hardSceneSet, renderScene, SCENE_CATEGORIES, SCENE_SIZE } from './hard-scenes.ts';

const encode = (text: string) => create(text, { errorCorrectionLevel: 'M' }).modules;

describe('the hard scene set', () => {
  const scenes = hardSceneSet();

  it('has six scenes of each difficulty and eight with no code, all named once', () => {
    for (const category of SCENE_CATEGORIES) expect(scenes.filter((s) => s.category === category)).toHaveLength(category === 'no code' ? 8 : 6);
    expect(new Set(scenes.map((s) => s.id)).size).toBe(scenes.length);
    expect(scenes.filter((s) => s.text === null).every((s) => s.category === 'no code')).toBe(true);
  });

  it('holds member and coupon links the till accepts, on 2- to 7-pixel modules', () => {
    for (const s of scenes.filter((x) => x.text !== null)) expect(parseScan(s.text).kind, s.id).toMatch(/^(member|coupon)$/);
    const sizes = new Set(scenes.map((s) => s.moduleSize));
    expect(Math.min(...sizes)).toBe(2);
    expect(Math.max(...sizes)).toBe(7);
  });

  it('renders the same frame for the same seed, and another for another seed', () => {
    const [a] = scenes;
    const first = renderScene(a!, encode);
    expect(first).toMatchObject(SCENE_SIZE);
    expect(renderScene(a!, encode).data).toEqual(first.data);
    expect(hardSceneSet().map((s) => s.seed)).toEqual(scenes.map((s) => s.seed));
    expect(renderScene(hardSceneSet(7)[0]!, encode).data).not.toEqual(first.data);
  });

  it('makes the difficulty it names: a noisy scene is rough, a low-contrast phone is dim', () => {
    const roughness = (id: string): number => {
      const g = renderScene(scenes.find((s) => s.id === id)!, encode);
      let sum = 0;
      for (let i = 1; i < g.data.length; i++) sum += Math.abs(g.data[i]! - g.data[i - 1]!);
      return sum / g.data.length;
    };
    expect(roughness('noise-1')).toBeGreaterThan(3 * roughness('plain-1'));
    const dim = scenes.find((s) => s.id === 'low-contrast-1')!;
    expect(dim.light - dim.dark).toBeLessThan(40);
  });
});
