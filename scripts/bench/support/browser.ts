/**
 * Headless Chromium for the UI benches, and the in-page probe that times what the user sees.
 *
 * Every figure is taken inside the page with `performance.now()`: a start mark (a key as the page's
 * first keydown listener sees it, or a click the probe makes itself) and an end mark when a
 * MutationObserver first finds the DOM in the awaited state (React has committed it), plus the
 * next animation frame after that (`…:frame`, when it can be painted). Playwright's own round trips
 * never sit inside a measured interval.
 *
 * scripts/ is type-checked without the DOM library, so the page-side functions see the few browser
 * globals they use through the small `PageGlobals` interface below (the types are erased before
 * Playwright serialises the function, so nothing outside it is captured).
 */
import { chromium } from 'playwright-core';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { sleep } from './stats.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const fakeCameraArgs = (y4m: string): string[] => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`];
export const VIEWPORT = { width: 1280, height: 800 } as const;

// --- the page-side view of the DOM (only what the probe and the benches touch) ---

export interface PEl {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly childElementCount: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
  scrollTop: number;
  value: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): PEl | null;
  querySelectorAll(selector: string): ArrayLike<PEl>;
  click(): void;
  focus(): void;
  dispatchEvent(event: unknown): boolean;
  addEventListener(type: string, listener: (event: PEvent) => void, options?: unknown): void;
}

export interface PEvent {
  readonly key?: string;
  readonly timeStamp: number;
}

export interface PVideo extends PEl {
  readonly videoWidth: number;
  readonly videoHeight: number;
  requestVideoFrameCallback(cb: (now: number, meta: { presentationTime?: number; presentedFrames?: number; mediaTime?: number }) => void): number;
}

export interface PCanvasContext {
  drawImage(source: PEl, x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
}

export interface PResourceEntry {
  readonly name: string;
  readonly startTime: number;
  readonly responseEnd: number;
  readonly duration: number;
}

export interface Probe {
  /** performance.now() when the page's first keydown listener saw each key (last press). */
  keys: Record<string, number>;
  /** End marks of armed watchers (`name`) and the animation frame after each (`name:frame`). */
  marks: Record<string, number>;
  /** Watch the DOM until `check()` holds; the first time it does is `marks[name]`. */
  arm(name: string, check: () => boolean, timeoutMs?: number): void;
  /** Drops earlier marks and resource timings. */
  reset(): void;
  /** Bridge calls (`/__bridge/invoke/<channel>`) that started at or after `since`. */
  invokes(channel: string, since: number): { start: number; end: number; duration: number }[];
}

export interface PageGlobals {
  __bench?: Probe;
  document: PEl & { documentElement: PEl; activeElement: PEl | null; createElement(tag: string): PEl & { width: number; height: number; getContext(kind: string, opts?: unknown): PCanvasContext | null } };
  performance: {
    now(): number;
    getEntriesByType(type: string): ArrayLike<PResourceEntry>;
    clearResourceTimings(): void;
    setResourceTimingBufferSize(n: number): void;
  };
  MutationObserver: new (cb: () => void) => { observe(target: PEl, options: unknown): void; disconnect(): void };
  Event: new (type: string, init?: unknown) => unknown;
  HTMLInputElement: { prototype: object };
  requestAnimationFrame(cb: (t: number) => void): number;
  setTimeout(cb: () => void, ms: number): number;
  setInterval(cb: () => void, ms: number): number;
  clearInterval(id: number): void;
  clearTimeout(id: number): void;
  addEventListener(type: string, listener: (event: PEvent) => void, capture?: boolean): void;
  till?: unknown;
}

/** Installed before any page script, so its keydown listener runs before the app's (the wedge detector may swallow Enter). */
function installProbe(): void {
  const g = globalThis as unknown as PageGlobals;
  if (g.__bench !== undefined) return;
  const keys: Record<string, number> = {};
  const marks: Record<string, number> = {};
  g.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== undefined) keys[e.key] = g.performance.now();
    },
    true,
  );
  g.performance.setResourceTimingBufferSize(100_000);
  g.__bench = {
    keys,
    marks,
    arm(name, check, timeoutMs = 60_000) {
      delete marks[name];
      delete marks[`${name}:frame`];
      let observer: { disconnect(): void } | null = null;
      let poll = 0;
      let timeout = 0;
      const finish = (t: number): void => {
        marks[name] = t;
        observer?.disconnect();
        g.clearInterval(poll);
        g.clearTimeout(timeout);
        g.requestAnimationFrame(() => {
          marks[`${name}:frame`] = g.performance.now();
        });
      };
      const test = (): void => {
        if (marks[name] !== undefined) return;
        let ok = false;
        try {
          ok = check();
        } catch {
          ok = false;
        }
        if (ok) finish(g.performance.now());
      };
      const mo = new g.MutationObserver(test);
      mo.observe(g.document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
      observer = mo;
      poll = g.setInterval(test, 25); // state that no mutation reports (none expected; a safety net)
      timeout = g.setTimeout(() => {
        mo.disconnect();
        g.clearInterval(poll);
      }, timeoutMs);
    },
    reset() {
      for (const k of Object.keys(marks)) delete marks[k];
      g.performance.clearResourceTimings();
    },
    invokes(channel, since) {
      const out: { start: number; end: number; duration: number }[] = [];
      const entries = g.performance.getEntriesByType('resource');
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        if (e === undefined || e.startTime < since) continue;
        const name = decodeURIComponent(e.name);
        if (name.includes(`/__bridge/invoke/${channel}`)) out.push({ start: e.startTime, end: e.responseEnd, duration: e.duration });
      }
      return out;
    },
  };
}

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

/**
 * Chromium (with `extraArgs`) on a till page for the length of `use`, then closed. `cleanup.browser`
 * holds it meanwhile, so the bench's last-resort cleanup can close it if the run is cut short.
 */
export async function withTillPage<T>(tillUrl: string, extraArgs: readonly string[], cleanup: { browser?: Browser }, use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launchChromium(extraArgs);
  cleanup.browser = browser;
  try {
    return await use(await openTill(browser, tillUrl));
  } finally {
    await browser.close();
    delete cleanup.browser;
  }
}

/** A page on the till with the probe installed, once the app is up and has talked to its sandbox. */
export async function openTill(browser: Browser, tillUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(installProbe);
  await page.goto(tillUrl);
  await page.waitForFunction(
    () => {
      const g = globalThis as unknown as PageGlobals;
      return typeof g.till === 'object' && (g.document.querySelector('#root')?.childElementCount ?? 0) > 0;
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.locator('[data-testid="status-online"][data-online="true"]').waitFor({ state: 'attached', timeout: 60_000 });
  return page;
}

/** Waits for `marks[name]` and returns every mark and key time recorded so far. */
export async function waitMark(page: Page, name: string, timeoutMs = 60_000): Promise<{ marks: Record<string, number>; keys: Record<string, number> }> {
  try {
    await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).__bench?.marks[`${n}:frame`] !== undefined, name, { timeout: timeoutMs, polling: 20 });
  } catch (e) {
    const seen = await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).__bench?.marks ?? {})).catch(() => []);
    throw new Error(`the page never reached "${name}" within ${timeoutMs / 1000} s (marks so far: ${seen.join(', ') || 'none'}); the UI this bench drives may have changed or not be ready`, { cause: e });
  }
  return page.evaluate(() => {
    const b = (globalThis as unknown as PageGlobals).__bench;
    return { marks: { ...b?.marks }, keys: { ...b?.keys } };
  });
}

// --- keyboard-wedge scanner input ---

const cdpSessions = new WeakMap<Page, Promise<CDPSession>>();

function cdp(page: Page): Promise<CDPSession> {
  let s = cdpSessions.get(page);
  if (s === undefined) {
    s = page.context().newCDPSession(page);
    cdpSessions.set(page, s);
  }
  return s;
}

async function pressStamped(session: CDPSession, key: string, atMs: number): Promise<void> {
  const timestamp = atMs / 1000; // CDP TimeSinceEpoch: seconds
  if (key === 'Enter') {
    await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', unmodifiedText: '\r', timestamp });
    await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code: 'Enter', windowsVirtualKeyCode: 13, timestamp: timestamp + 0.002 });
    return;
  }
  const upper = key.toUpperCase();
  const keyCode = /^[A-Z0-9]$/.test(upper) ? upper.charCodeAt(0) : 0;
  await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key, unmodifiedText: key, windowsVirtualKeyCode: keyCode, timestamp });
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: timestamp + 0.002 });
}

/**
 * Types `payload` + Enter like a USB keyboard-wedge scanner: a burst at ~`perKeyMs` a key, each
 * key stamped with its "pressed" time the way the OS stamps a device's events. Playwright's
 * `keyboard.type` on a loaded 2-core machine adds round-trip jitter per key that can exceed the
 * wedge detector's gap limit, so the keys go straight to Chromium's input pipeline over CDP
 * (the same approach as e2e/support/keys.ts).
 */
export async function wedgeScan(page: Page, payload: string, perKeyMs = 8): Promise<void> {
  const session = await cdp(page);
  const keys = [...payload, 'Enter'];
  let at = Date.now();
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) at += Math.max(5, perKeyMs - 3 + Math.random() * 6);
    await sleep(at - Date.now());
    await pressStamped(session, keys[i] ?? '', at);
  }
}
