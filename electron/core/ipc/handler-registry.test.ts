import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineChannel } from '../../../shared/ipc/define-channel.ts';
import { IpcError } from '../../../shared/ipc/envelope.ts';
import { APP_ORIGIN } from '../shell-policy/app-origin.ts';
import { createHandlerRegistry } from './handler-registry.ts';
import { createSenderPolicy } from './sender-policy.ts';
import type { SenderInfo } from './sender-policy.ts';

const KEY = 'fl_live_Wk7Qz2Lr9Xc4Vb8Nm3Pa6Sd1Fg5Hj0K';
const contract = {
  echo: defineChannel('test:echo', { request: z.strictObject({ n: z.number().int() }), response: z.object({ n: z.number().int() }) }),
  admin: defineChannel('test:admin', { request: z.undefined(), response: z.object({ ok: z.boolean() }), access: 'manager' }),
  leak: defineChannel('test:leak', { request: z.undefined(), response: z.object({ text: z.string() }) }),
  wrongShape: defineChannel('test:wrong-shape', { request: z.undefined(), response: z.object({ n: z.number() }) }),
  fails: defineChannel('test:fails', { request: z.undefined(), response: z.object({}) }),
} as const;

const ours: SenderInfo = { frameUrl: 'app://till/index.html', isMainFrame: true, webContentsId: 1 };

function setup(opts: { unlocked?: boolean } = {}) {
  const log = { warn: vi.fn(), error: vi.fn() };
  const registry = createHandlerRegistry(contract, {
    senderPolicy: createSenderPolicy({ origins: [APP_ORIGIN], isOwnWebContents: (id) => id === 1 }),
    secrets: () => [KEY],
    authorise: (access) => access === 'cashier' || opts.unlocked === true,
    log,
  });
  const echo = vi.fn(({ n }: { n: number }) => ({ n: n + 1 }));
  registry.handle('echo', echo);
  registry.handle('admin', () => ({ ok: true }));
  registry.handle('leak', () => ({ text: `the key is ${KEY}` }));
  registry.handle('wrongShape', () => ({ n: 'not a number' }) as unknown as { n: number });
  registry.handle('fails', () => {
    throw new Error(`boom with ${KEY}`);
  });
  return { registry, echo, log };
}

describe('handler registry', () => {
  it('runs a valid call from our own frame', async () => {
    const { registry } = setup();
    expect(await registry.dispatch('test:echo', { n: 1 }, ours)).toEqual({ ok: true, value: { n: 2 } });
    expect(await registry.call('echo', { n: 41 }, ours)).toEqual({ ok: true, value: { n: 42 } });
  });

  it.each([
    ['another origin', { frameUrl: 'https://evil.example/', isMainFrame: true, webContentsId: 1 }],
    ['a lookalike host', { frameUrl: 'app://till.evil/', isMainFrame: true, webContentsId: 1 }],
    ['user info', { frameUrl: 'app://user@till/', isMainFrame: true, webContentsId: 1 }],
    ['a file page', { frameUrl: 'file:///tmp/index.html', isMainFrame: true, webContentsId: 1 }],
    ['a subframe of our page', { frameUrl: 'app://till/frame.html', isMainFrame: false, webContentsId: 1 }],
    ['a destroyed frame', { frameUrl: null, isMainFrame: true, webContentsId: 1 }],
    ['a webContents that is not ours', { frameUrl: 'app://till/', isMainFrame: true, webContentsId: 2 }],
    ['no webContents id', { frameUrl: 'app://till/', isMainFrame: true }],
  ])('refuses %s before anything runs', async (_why, sender) => {
    const { registry, echo } = setup();
    const r = await registry.dispatch('test:echo', { n: 1 }, sender);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(echo).not.toHaveBeenCalled();
  });

  it('answers an unknown channel with a typed error', async () => {
    const { registry } = setup();
    expect(await registry.dispatch('test:nope', undefined, ours)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await registry.dispatch(undefined as unknown as string, undefined, ours)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await registry.dispatch('__proto__', undefined, ours)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it.each([undefined, null, 'x', 1, [], {}, { n: 1.5 }, { n: '1' }, { n: 1, extra: true }, JSON.parse('{"__proto__":{"n":1}}') as unknown])(
    'rejects payload %j without calling the impl',
    async (payload) => {
      const { registry, echo } = setup();
      const r = await registry.dispatch('test:echo', payload, ours);
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      expect(echo).not.toHaveBeenCalled();
    },
  );

  it('reports where a payload is wrong, not what it contained', async () => {
    const { registry } = setup();
    const r = await registry.dispatch('test:echo', { n: 'fl_live_secretish_value_1234567' }, ours);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.issues?.[0]?.path).toEqual(['n']);
      expect(JSON.stringify(r)).not.toContain('secretish');
    }
  });

  it('keeps manager channels closed until authorised', async () => {
    expect(await setup().registry.dispatch('test:admin', undefined, ours)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await setup({ unlocked: true }).registry.dispatch('test:admin', undefined, ours)).toEqual({ ok: true, value: { ok: true } });
  });

  it('withholds a response that does not match its schema, and logs it', async () => {
    const { registry, log } = setup();
    expect(await registry.dispatch('test:wrong-shape', undefined, ours)).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error.' } });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('did not match'), expect.objectContaining({ channel: 'test:wrong-shape' }));
  });

  it('blocks any response containing key material, and logs loudly without the key', async () => {
    const { registry, log } = setup();
    const r = await registry.dispatch('test:leak', undefined, ours);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error.' } });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('SECURITY'), { channel: 'test:leak' });
    expect(JSON.stringify(log.error.mock.calls)).not.toContain(KEY);
  });

  it('turns an unexpected throw into a generic error without its message', async () => {
    const { registry, log } = setup();
    const r = await registry.dispatch('test:fails', undefined, ours);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Internal error.' } });
    expect(JSON.stringify(log.error.mock.calls)).not.toContain(KEY);
  });

  it('passes an IpcError through as a typed error', async () => {
    const registry = createHandlerRegistry(contract, { senderPolicy: () => true, secrets: () => [], authorise: () => true, log: { warn() {}, error() {} } });
    registry.handle('fails', () => {
      throw new IpcError('PIN_WRONG', 'The current PIN is wrong.');
    });
    expect(await registry.dispatch('test:fails', undefined, ours)).toEqual({ ok: false, error: { code: 'PIN_WRONG', message: 'The current PIN is wrong.' } });
  });

  it('refuses double registration and reports missing implementations', () => {
    const registry = createHandlerRegistry(contract, { senderPolicy: () => true, secrets: () => [], authorise: () => true, log: { warn() {}, error() {} } });
    registry.handle('echo', ({ n }) => ({ n }));
    expect(() => registry.handle('echo', ({ n }) => ({ n }))).toThrow(/already/);
    expect(registry.missing()).toEqual(['admin', 'leak', 'wrongShape', 'fails']);
    expect(registry.channelNames()).toContain('test:echo');
  });

  it('fails closed when the sender policy or the secrets provider throws', async () => {
    const throwing = createHandlerRegistry(contract, {
      senderPolicy: () => {
        throw new Error('x');
      },
      secrets: () => [],
      authorise: () => true,
      log: { warn() {}, error() {} },
    });
    expect(await throwing.dispatch('test:echo', { n: 1 }, ours)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noSecrets = createHandlerRegistry(contract, {
      senderPolicy: () => true,
      secrets: () => {
        throw new Error('x');
      },
      authorise: () => true,
      log: { warn() {}, error() {} },
    });
    noSecrets.handle('echo', ({ n }) => ({ n }));
    expect(await noSecrets.dispatch('test:echo', { n: 1 }, ours)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('serves a web-host caller identified by its Origin header', async () => {
    const registry = createHandlerRegistry(contract, {
      senderPolicy: createSenderPolicy({ origins: [{ protocol: 'http:', hostname: '127.0.0.1', port: '4173' }] }),
      secrets: () => [],
      authorise: () => true,
      log: { warn() {}, error() {} },
    });
    registry.handle('echo', ({ n }) => ({ n }));
    expect(await registry.dispatch('test:echo', { n: 3 }, { frameUrl: 'http://127.0.0.1:4173', isMainFrame: true })).toEqual({ ok: true, value: { n: 3 } });
    expect(await registry.dispatch('test:echo', { n: 3 }, { frameUrl: 'http://localhost:4173', isMainFrame: true })).toMatchObject({ ok: false });
  });
});
