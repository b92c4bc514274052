import { describe, expect, it } from 'vitest';
import { buildPath, checkPage, queryString } from './path.ts';
import { HOSTILE_IDS } from './testing/loopback-servers.ts';

describe('buildPath', () => {
  it('fills valid ids', () => {
    expect(buildPath('/members/{id}/points', { id: 'm_A-9' })).toEqual({ ok: true, path: '/members/m_A-9/points' });
    expect(buildPath('/stores/{id}', { id: 'x'.repeat(64) })).toEqual({ ok: true, path: `/stores/${'x'.repeat(64)}` });
  });

  it.each(HOSTILE_IDS.map((id) => [id]))('rejects %j', (id) => {
    const result = buildPath('/members/{id}/points', { id });
    expect(result.ok).toBe(false);
    // The message can be shown and logged: no raw control characters, no 65-char blobs.
    // eslint-disable-next-line no-control-regex
    if (!result.ok) expect(result.message).not.toMatch(/[\u0000-\u001f]|x{65}/);
  });
});

describe('checkPage', () => {
  it('accepts 1..200 and offset ≥ 0', () => {
    expect(checkPage({ limit: 1, offset: 0 })).toBeUndefined();
    expect(checkPage({ limit: 200, offset: 1_000_000 })).toBeUndefined();
  });
  it.each([
    [{ limit: 0, offset: 0 }],
    [{ limit: 201, offset: 0 }],
    [{ limit: 500, offset: 0 }],
    [{ limit: 1.5, offset: 0 }],
    [{ limit: Number.NaN, offset: 0 }],
    [{ limit: 50, offset: -1 }],
    [{ limit: 50, offset: 0.5 }],
    [{ limit: 50, offset: Number.POSITIVE_INFINITY }],
  ])('rejects %j', (page) => {
    expect(checkPage(page)).toMatch(/invalid (limit|offset)/);
  });
});

describe('queryString', () => {
  it('skips undefined values and encodes the rest', () => {
    expect(queryString({ status: undefined, limit: 5, offset: 0 })).toBe('?limit=5&offset=0');
    expect(queryString({ status: 'a&b' })).toBe('?status=a%26b');
    expect(queryString({})).toBe('');
  });
});
