import { describe, expect, it } from 'vitest';
import { testHeadline } from './key-text.ts';

describe('testHeadline', () => {
  it('has a clear line per outcome', () => {
    expect(testHeadline({ outcome: 'accepted', httpStatus: 200 })).toEqual({ tone: 'ok', text: 'Connected: SocialHub accepted the key (HTTP 200).' });
    expect(testHeadline({ outcome: 'rejected', httpStatus: 401 }).tone).toBe('bad');
    expect(testHeadline({ outcome: 'forbidden', httpStatus: 403 }).text).toMatch(/lacks a permission/);
    expect(testHeadline({ outcome: 'unreachable', httpStatus: null }).text).toMatch(/could not be reached/);
    expect(testHeadline({ outcome: 'unexpected', httpStatus: 500 }).tone).toBe('warn');
  });
});
