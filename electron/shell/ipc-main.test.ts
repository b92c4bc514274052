import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import type { IpcMain, WebContents } from 'electron';
import { electronStub, FakeWebContents, ipcMain } from './testing/electron-stub.ts';
import { rendererEventTransport, wireIpcMain } from './ipc-main.ts';
import { createFoundationKit } from '../core/ipc/testing/foundation-kit.ts';
import { invokeContract } from '../../shared/ipc/contract.ts';
import { APP_ORIGIN } from '../core/shell-policy/app-origin.ts';
import { IPC_PAYLOAD_LIMIT_BYTES } from '../../shared/ipc/payload-limit.ts';
import { BODY_LIMIT_BYTES } from '../web-host/host.ts';

let kit: Awaited<ReturnType<typeof createFoundationKit>>;
beforeEach(async () => {
  electronStub.reset();
  kit = await createFoundationKit();
});
afterEach(() => kit.cleanup());

const ours = { frameUrl: 'app://till/index.html', webContentsId: 1 };

describe('ipcMain wiring', () => {
  it('registers exactly the contract channels, and removes them again', () => {
    const unwire = wireIpcMain(ipcMain as unknown as IpcMain, kit.registry);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(invokeContract).map((c) => c.name).sort());
    unwire();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes the sender frame to the registry: ours is served, others are refused', async () => {
    wireIpcMain(ipcMain as unknown as IpcMain, kit.registry);
    expect(await ipcMain.invoke('settings:get', ours, undefined)).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
    expect(await ipcMain.invoke('settings:get', { frameUrl: 'https://evil.example/', webContentsId: 1 }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipcMain.invoke('settings:get', { ...ours, isMainFrame: false }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipcMain.invoke('settings:get', { frameUrl: null, webContentsId: 1 }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await ipcMain.invoke('settings:get', { ...ours, webContentsId: 99 }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses calls with extra arguments, which our preload never sends', async () => {
    wireIpcMain(ipcMain as unknown as IpcMain, kit.registry);
    expect(await ipcMain.invoke('settings:get', ours, undefined, 'extra')).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('refuses a payload over the IPC limit before the registry parses it, as the web host does', async () => {
    wireIpcMain(ipcMain as unknown as IpcMain, kit.registry);
    const tooLarge = { pin: '1'.repeat(IPC_PAYLOAD_LIMIT_BYTES) };
    expect(await ipcMain.invoke('pin:verify', ours, tooLarge)).toEqual({ ok: false, error: { code: 'INVALID_PAYLOAD', message: `The request is larger than ${IPC_PAYLOAD_LIMIT_BYTES / 1024} KB.` } });
    // Multi-byte text is measured in UTF-8 bytes, as on the wire.
    expect(await ipcMain.invoke('pin:verify', ours, { pin: '€'.repeat(IPC_PAYLOAD_LIMIT_BYTES / 3 + 1) })).toMatchObject({ ok: false, error: { message: expect.stringContaining('larger than') as unknown } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await ipcMain.invoke('pin:verify', ours, cyclic)).toMatchObject({ ok: false, error: { message: expect.stringContaining('larger than') as unknown } });
    // Just under the limit reaches the registry, whose schema answers as usual.
    const under = await ipcMain.invoke('pin:verify', ours, { pin: '1'.repeat(IPC_PAYLOAD_LIMIT_BYTES - 100) });
    expect(under).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'The request was not valid.' } });
    expect(BODY_LIMIT_BYTES).toBeGreaterThanOrEqual(IPC_PAYLOAD_LIMIT_BYTES); // the web host's body carries one payload
  });
});

describe('renderer events', () => {
  it('go only to live webContents showing our origin', () => {
    const good = new FakeWebContents();
    good.url = 'app://till/index.html';
    const foreign = new FakeWebContents();
    foreign.url = 'https://evil.example/';
    const dead = new FakeWebContents();
    dead.url = 'app://till/';
    dead.destroyed = true;
    const send = rendererEventTransport(() => [good, foreign, dead] as unknown as WebContents[], [APP_ORIGIN]);
    send('event:lock-state', { unlocked: false });
    expect(good.sent).toEqual([{ channel: 'event:lock-state', args: [{ unlocked: false }] }]);
    expect(foreign.sent).toEqual([]);
    expect(dead.sent).toEqual([]);
  });
});
