import { describe, expect, it } from 'vitest';
import { GENERIC_ERROR } from '../app/call.ts';
import { createFakeBridge, fail, ok } from '../state/test-kit.ts';
import { envelopeCall } from './session.ts';

describe('envelopeCall (the data tabs’ call)', () => {
  it('is the one call(): values and envelope errors as they are, a broken bridge as a calm INTERNAL error', async () => {
    const fake = createFakeBridge();
    const call = envelopeCall(fake.bridge);
    fake.handle('keysStatus', () => ok({ n: 1 }));
    expect(await call((t) => t.keysStatus())).toEqual({ ok: true, value: { n: 1 } });
    fake.handle('keysStatus', () => fail('OFFLINE', 'SocialHub cannot be reached.'));
    expect(await call((t) => t.keysStatus())).toEqual({ ok: false, error: { code: 'OFFLINE', message: 'SocialHub cannot be reached.' } });
    fake.handle('keysStatus', () => Promise.reject(new Error('at Object.<anonymous> (/secret/path.js:1:1)')));
    expect(await call((t) => t.keysStatus())).toEqual({ ok: false, error: { code: 'INTERNAL', message: GENERIC_ERROR } });
  });
});
