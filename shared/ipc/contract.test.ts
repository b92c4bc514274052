import { describe, expect, it } from 'vitest';
import { eventContract, invokeContract } from './contract.ts';
import { defineChannel, defineEvent } from './define-channel.ts';
import { envelopeSchema, err, ok } from './envelope.ts';
import { z } from 'zod';

describe('the IPC contract', () => {
  const invokeNames = Object.values(invokeContract).map((c) => c.name);
  const eventNames = Object.values(eventContract).map((c) => c.name);

  it('has unique wire names, invoke and event in separate namespaces', () => {
    expect(new Set(invokeNames).size).toBe(invokeNames.length);
    expect(new Set(eventNames).size).toBe(eventNames.length);
    for (const n of invokeNames) expect(n.startsWith('event:')).toBe(false);
    for (const n of eventNames) expect(n.startsWith('event:')).toBe(true);
  });

  it('leaves `on` free for the bridge subscription method', () => {
    expect(Object.keys(invokeContract)).not.toContain('on');
  });

  it('puts every change to keys, settings and notices behind the manager PIN', () => {
    const manager = Object.entries(invokeContract)
      .filter(([, c]) => c.access === 'manager')
      .map(([k]) => k)
      .sort();
    for (const k of ['appDismissNotice', 'keysAllowPlainText', 'keysClear', 'keysSet', 'keysTest', 'settingsUpdate']) expect(manager).toContain(k);
  });

  it('keeps the manager console (journal actions, adjustments, reconciliation, API activity) behind the PIN too', () => {
    const cashier = Object.entries(invokeContract)
      .filter(([, c]) => c.access === 'cashier')
      .map(([k]) => k)
      .sort();
    // The cashier may read what the counter needs and make the counter's own writes; nothing else.
    expect(cashier).toEqual(
      [
        'appInfo',
        'awardPreview',
        'awardSubmit',
        'couponRedeem',
        'couponVerdict',
        'journalDetail',
        'keysStatus',
        'memberCard',
        'pinLock',
        'pinSet',
        'pinStatus',
        'pinVerify',
        'saleLookup',
        'saleReturn',
        // A count for fleet telemetry: the source only, nothing stored or sent about the code.
        'scanSeen',
        'settingsGet',
        'statusGet',
        // Reachable with no PIN by design, and refused in main while a trusted PIN exists.
        'tillReset',
      ].sort(),
    );
  });

  it('has no channel that returns a key: key responses are masks of bounded length', () => {
    const status = invokeContract.keysStatus.response;
    const leak = { configured: true, mask: 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K', setAt: null };
    const storage = { backend: 'keychain', protected: true, available: true, optedInPlainText: false, optedInAt: null, warning: null };
    expect(status.safeParse({ write: leak, read: leak, storage }).success).toBe(false);
  });

  it('refuses malformed channel names', () => {
    expect(() => defineChannel('Settings.Get', { request: z.undefined(), response: z.undefined() })).toThrow();
    expect(() => defineChannel('event:x', { request: z.undefined(), response: z.undefined() })).not.toThrow(); // valid invoke shape…
    expect(() => defineEvent('settings:get', z.undefined())).toThrow(); // …but events must live under event:
  });
});

describe('envelopes', () => {
  it('round-trips through the wire schema', () => {
    const schema = envelopeSchema(z.object({ n: z.number() }));
    expect(schema.parse(ok({ n: 1 }))).toEqual({ ok: true, value: { n: 1 } });
    expect(schema.parse(err('LOCKED', 'Unlock first.'))).toEqual({ ok: false, error: { code: 'LOCKED', message: 'Unlock first.' } });
    expect(schema.safeParse({ ok: false, error: { code: 'NOT_A_CODE', message: '' } }).success).toBe(false);
  });
});
