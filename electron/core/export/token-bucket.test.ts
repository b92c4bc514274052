import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket.ts';

function fakeTime() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms: number) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    slept,
  };
}

describe('token bucket', () => {
  it('lets a burst through, then paces at the rate', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket({ ratePerSecond: 5, burst: 3, ...time });
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(time.slept).toEqual([]);
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(time.now()).toBe(1000);
  });

  it('serves concurrent callers one token each', async () => {
    const time = fakeTime();
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 1, ...time });
    await Promise.all(Array.from({ length: 11 }, () => bucket.take()));
    expect(time.now()).toBe(1000);
  });

  it('refuses nonsense settings', () => {
    expect(() => createTokenBucket({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => createTokenBucket({ ratePerSecond: 1, burst: 0.5 })).toThrow(RangeError);
  });
});
