import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import { electronStub, protocol } from './testing/electron-stub.ts';
import { handleAppRequest, registerAppSchemePrivileges, serveAppProtocol } from './app-protocol.ts';
import { buildCsp, securityHeaders } from '../core/shell-policy/csp.ts';

let dir: string;
let root: string;
beforeEach(() => {
  electronStub.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-proto-'));
  root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index.js"></script>');
  fs.writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the build dir');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handleAppRequest({ method, url }, root, securityHeaders());

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme before ready (no CSP bypass)', () => {
    registerAppSchemePrivileges();
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('serves the renderer with the CSP header and the right content type', async () => {
    const index = await get('app://till/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(buildCsp());
    expect(await index.text()).toContain('<script type="module"');
    const js = await get('app://till/assets/index.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://till/assets/index.js', 'HEAD')).status).toBe(200);
  });

  it("serves the camera decoder's .wasm as application/wasm, byte for byte (streaming compile needs that type)", async () => {
    const wasm = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // an empty module
    fs.writeFileSync(path.join(root, 'assets', 'zxing_reader-AbC123.wasm'), wasm);
    const res = await get('app://till/assets/zxing_reader-AbC123.wasm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(wasm);
  });

  it('answers 403 on traversal, foreign hosts and symlinks out of the build dir; 404 when missing; 405 on POST', async () => {
    expect((await get('app://till/..%2Fsecret.txt')).status).toBe(403);
    expect((await get('app://till.evil/index.html')).status).toBe(403);
    expect((await get('app://user@till/index.html')).status).toBe(403);
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    const viaLink = await get('app://till/assets/link.txt');
    expect(viaLink.status).toBe(403);
    expect(await viaLink.text()).not.toContain('outside');
    expect((await get('app://till/nope.js')).status).toBe(404);
    expect((await get('app://till/assets')).status).toBe(404); // a directory is not a file
    expect((await get('app://till/', 'POST')).status).toBe(405);
    expect((await get('app://till/..%2Fsecret.txt')).headers.get('content-security-policy')).toBe(buildCsp());
  });

  it('installs the handler for the app scheme', async () => {
    serveAppProtocol({ rootDir: root, headers: securityHeaders() });
    const handler = protocol.handlers.get('app')!;
    const response = (await handler(new Request('app://till/index.html'))) as Response;
    expect(response.status).toBe(200);
  });
});
