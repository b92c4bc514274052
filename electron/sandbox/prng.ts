/**
 * Seeded pseudo-random numbers, so demo data and probabilistic faults are reproducible:
 * the same seed always yields the same members, ledgers and fault sequence.
 */

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for fixtures (not for anything secret). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max], both inclusive. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick() from an empty list');
  return item;
}

const ALPHANUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randToken(rng: Rng, length: number, alphabet: string = ALPHANUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)] ?? '0';
  return out;
}
