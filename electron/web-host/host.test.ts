/**
 * Web host smoke test: a real host on a real sandbox, a real Chromium opening TILL_URL, the page
 * calling `window.till` exactly as the renderer does; plus the door's refusals over raw HTTP.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeContract } from '../../shared/ipc/contract.ts';
import { DEMO } from '../sandbox/server.ts';
import { startWebHost } from './host.ts';
import type { WebHost } from './host.ts';
import { EVENTS_PATH, INVOKE_PATH, TOKEN_HEADER } from './bridge-client-paths.ts';
import { BRIDGE_SCRIPT_PATH, injectBridgeTag } from './static-files.ts';
import { buildRenderer, rendererSourcesExist } from './renderer-build.ts';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const FIXTURE_DIR = path.join(import.meta.dirname, 'testing', 'fixtures');

let host: WebHost;
let browser: Browser;
let page: Page;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-web-host-'));
  host = await startWebHost({ dataDir, rendererDir: FIXTURE_DIR, managerPin: '123456', presetSettings: { storeId: DEMO.storeId, tillId: 'T1' }, sandbox: { quiet: true }, log: { warn: () => undefined, error: () => undefined } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.goto(host.tillUrl);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A raw request, so Host and Origin can be anything (fetch would not let us forge them). */
function raw(method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hostHeader = (): string => new URL(host.origin).host;

describe('the page', () => {
  it('gets window.till from the stand-in and the token leaves the address bar', async () => {
    expect(await page.evaluate(() => typeof (globalThis as unknown as Window).till.memberCard)).toBe('function');
    expect(page.url()).toBe(`${host.origin}/`);
  });

  it('exposes exactly what the preload does: one method per contract entry and on(), read-only', async () => {
    const shape = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      const before = g.till;
      try {
        g.till = {};
      } catch {
        // strict-mode pages throw; either way the bridge must stay
      }
      return { keys: Object.keys(before as object).sort(), frozen: Object.isFrozen(before), same: g.till === before };
    });
    expect(shape).toEqual({ keys: [...Object.keys(invokeContract), 'on'].sort(), frozen: true, same: true });
    expect(await page.evaluate(() => {
      try {
        (globalThis as unknown as Window).till.on('nope' as 'lockState', () => undefined);
        return 'subscribed';
      } catch (e) {
        return (e as Error).message;
      }
    })).toBe('Unknown till event.');
  });

  it('calls status:get and member:card through the same registry', async () => {
    const status = await page.evaluate(() => (globalThis as unknown as Window).till.statusGet());
    expect(status).toMatchObject({ ok: true, value: { mode: 'sandbox', storeId: DEMO.storeId, online: true, writesStopped: null } });
    const card = await page.evaluate((memberId) => (globalThis as unknown as Window).till.memberCard({ memberId }), DEMO.memberWithCoupons);
    expect(card).toMatchObject({ ok: true, value: { member: { ok: true, value: { name: DEMO.memberWithCouponsName } }, tier: { ok: true }, coupons: { ok: true } } });
    const bad = await page.evaluate(() => (globalThis as unknown as Window).till.memberCard({ memberId: '../stores' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('keeps manager channels locked until the preset PIN is entered, and streams lock-state events', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as Window).till.storesList({}))).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const event = page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const off = (globalThis as unknown as Window).till.on('lockState', (state) => {
            off();
            resolve(state);
          });
        }),
    );
    await page.waitForTimeout(300); // let the event stream open
    expect(await page.evaluate(() => (globalThis as unknown as Window).till.pinVerify({ pin: '123456' }))).toMatchObject({ ok: true, value: { result: 'unlocked' } });
    expect(await event).toMatchObject({ configured: true, unlocked: true });
    expect(await page.evaluate(() => (globalThis as unknown as Window).till.storesList({ limit: 2 }))).toMatchObject({ ok: true, value: { total: DEMO.storeIds.length, stores: [{ id: DEMO.storeIds[0] }, {}] } });
  });

  it('still works after a reload (token kept for the tab only)', async () => {
    await page.reload();
    expect(await page.evaluate(() => (globalThis as unknown as Window).till.pinStatus())).toMatchObject({ ok: true, value: { configured: true } });
  });

  it('serves the page with the app CSP and the bridge tag first in <head>', async () => {
    const index = await raw('GET', '/', { Host: hostHeader() });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("default-src 'none'");
    expect(index.body).toMatch(/<head>\s*<script src="\/__bridge\/bridge.js"><\/script>/);
    expect((await raw('GET', BRIDGE_SCRIPT_PATH, { Host: hostHeader() })).body).not.toContain(host.token);
    expect((await raw('GET', '/%2e%2e/%2e%2e/package.json', { Host: hostHeader() })).status).toBeGreaterThanOrEqual(400);
  });
});

describe('the door', () => {
  const invoke = (headers: Record<string, string>, body = '{}') =>
    raw('POST', `${INVOKE_PATH}status:get`, { Host: hostHeader(), 'Content-Type': 'application/json', ...headers }, body);

  it('answers our origin with the token', async () => {
    const r = await invoke({ Origin: host.origin, [TOKEN_HEADER]: host.token });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
  });

  it('refuses a request without the token, or with a wrong one (403)', async () => {
    expect((await invoke({ Origin: host.origin })).status).toBe(403);
    expect((await invoke({ Origin: host.origin, [TOKEN_HEADER]: host.token.slice(1) + 'x' })).status).toBe(403);
    expect((await raw('GET', EVENTS_PATH, { Host: hostHeader() })).status).toBe(403);
  });

  it('refuses another origin even with the token (403)', async () => {
    expect((await invoke({ Origin: 'http://127.0.0.1:1', [TOKEN_HEADER]: host.token })).status).toBe(403);
    expect((await invoke({ Origin: 'null', [TOKEN_HEADER]: host.token })).status).toBe(403);
    expect((await invoke({ [TOKEN_HEADER]: host.token })).status).toBe(403);
  });

  it('refuses another origin from a real browser page', async () => {
    const other = await browser.newPage();
    await other.goto(`${host.core.sandbox.handle()!.origin}/nothing`).catch(() => undefined);
    const status = await other.evaluate(
      async ([url, header, token]) => {
        try {
          const r = await fetch(url, { method: 'POST', headers: { [header]: token, 'Content-Type': 'application/json' }, body: '{}' });
          return r.status;
        } catch {
          return 'blocked';
        }
      },
      [`${host.origin}${INVOKE_PATH}status:get`, TOKEN_HEADER, host.token] as const,
    );
    // The token header needs a CORS preflight, which the host never grants: the call is never made.
    expect(status).toBe('blocked');
    await other.close();
  });

  it('refuses a rebinding Host, non-JSON and oversized bodies', async () => {
    expect((await raw('GET', '/', { Host: `evil.example:${new URL(host.origin).port}` })).status).toBe(403);
    expect((await invoke({ Origin: host.origin, [TOKEN_HEADER]: host.token, 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await invoke({ Origin: host.origin, [TOKEN_HEADER]: host.token }, 'nope')).status).toBe(400);
    expect((await invoke({ Origin: host.origin, [TOKEN_HEADER]: host.token }, JSON.stringify({ payload: 'x'.repeat(300_000) }))).status).toBe(413);
  });
});

describe('injectBridgeTag', () => {
  it('puts the stand-in before any script of the page', () => {
    expect(injectBridgeTag('<html><head lang="x"><script type="module" src="a.js"></script></head></html>')).toBe(
      '<html><head lang="x"><script src="/__bridge/bridge.js"></script><script type="module" src="a.js"></script></head></html>',
    );
  });
});

describe('the real renderer', () => {
  it.skipIf(!rendererSourcesExist())('builds, loads under the app CSP and talks to the till through the stand-in', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-renderer-'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-web-host-'));
    let real: WebHost | null = null;
    try {
      await buildRenderer(undefined, outDir);
      real = await startWebHost({ dataDir: dir, rendererDir: outDir, presetSettings: { storeId: DEMO.storeId, tillId: 'T1' }, sandbox: { quiet: true }, log: { warn: () => undefined, error: () => undefined } });
      const tab = await browser.newPage();
      const problems: string[] = [];
      tab.on('pageerror', (e) => problems.push(e.message));
      tab.on('console', (m) => {
        if (m.type() === 'error' && !m.text().includes('favicon')) problems.push(m.text());
      });
      await tab.goto(real.tillUrl);
      await tab.getByText('SANDBOX', { exact: false }).first().waitFor({ timeout: 15_000 });
      expect(problems.filter((p) => /Content Security Policy|window\.till|bridge/i.test(p))).toEqual([]);
      // The camera decoder's WebAssembly is in the build (what Forge packages), the worker points
      // at that file, and the page's own origin serves it so that it compiles under the app CSP.
      const assets = fs.readdirSync(path.join(outDir, 'assets'));
      const wasm = assets.find((f) => /^zxing_reader-[\w-]+\.wasm$/.test(f));
      const worker = assets.find((f) => /^qr-decode\.worker-[\w-]+\.js$/.test(f));
      expect(wasm).toBeDefined();
      expect(fs.readFileSync(path.join(outDir, 'assets', worker ?? '-'), 'utf8')).toContain(wasm);
      const served = await tab.evaluate(async (url) => {
        // Runs in the page; Node's type library here has no WebAssembly declarations.
        const wasmApi = (globalThis as unknown as { WebAssembly: { compileStreaming(r: Response): Promise<object>; Module: { exports(m: object): unknown[] } } }).WebAssembly;
        const res = await fetch(url);
        const type = res.headers.get('content-type');
        const module = await wasmApi.compileStreaming(res);
        return { type, exports: wasmApi.Module.exports(module).length };
      }, `/assets/${wasm}`);
      expect(served.type).toBe('application/wasm');
      expect(served.exports).toBeGreaterThan(0);
      await tab.close();
    } finally {
      await real?.close();
      fs.rmSync(outDir, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
