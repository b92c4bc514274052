/**
 * Camera decoder benchmark (`npm run bench:decode [-- --reps 5 --camera all|new|none]`), issue 17:
 * today's JavaScript decoder (`@zxing/library`, the app's four passes) against ZXing-C++
 * (`zxing-wasm`: QR only, tryInvert, default binarizer, one symbol), side by side, on the
 * project's own hard scene set (scripts/scenes/hard-scenes.ts, fixed seed, 640×480).
 *
 *  1. Both engines in this Node process: decoded per category and per module size, wrong decodes,
 *     per-frame p50/p95 on hits, on misses and on frames with no code.
 *  2. Both engines in the app's real decode worker in headless Chromium (the built renderer on the
 *     web host): cold start (worker created → engine ready) and per-frame p50/p95, frame posted →
 *     reply. The JavaScript engine runs there as it does on a till whose WebAssembly is blocked:
 *     the worker's CSP is served without 'wasm-unsafe-eval', so it falls back.
 *  3. The camera path: each coded scene (showing a demo member's QR) fed through Chromium's fake
 *     camera to the real camera dialog (F7): decoded share, and time from the first presented
 *     frame showing the code to the decode.
 * Figures only; nothing here asserts. Processes and temp folders are removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { create } from 'qrcode';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO } from '../../electron/sandbox/demo-data.ts';
import { createJsEngine } from '../../renderer/scan/qr-decode.ts';
import { createWasmEngine } from '../../renderer/scan/qr-decode-wasm.ts';
import type { QrEngine } from '../../renderer/scan/qr-engine.ts';
import { portalUrl } from '../../shared/scan/scan-parser.ts';
import { makeQrY4m } from '../make-y4m.ts';
import { hardSceneSet, renderScene, SCENE_CATEGORIES, SCENE_SIZE, type SceneSpec } from '../scenes/hard-scenes.ts';
import { fakeCameraArgs, launchChromium, VIEWPORT, withTillPage } from './support/browser.ts';
import type { PageGlobals, PVideo } from './support/browser.ts';
import { firstLine, loadNow, machineLine, ms, p50p95, stats, table } from './support/stats.ts';
import { privateRendererBuild, spawnWebHost, type SpawnedHost } from './support/web-host.ts';

const { values: argv } = parseArgs({ options: { reps: { type: 'string', default: '5' }, camera: { type: 'string', default: 'all' } } });
const REPS = Math.max(1, Number(argv.reps));
const CAMERA = argv.camera === 'none' || argv.camera === 'new' ? argv.camera : 'all';
const { width: W, height: H } = SCENE_SIZE;
const encode = (text: string) => create(text, { errorCorrectionLevel: 'M' }).modules;
const ENGINES = ['old', 'new'] as const;
type EngineKey = (typeof ENGINES)[number];
const ENGINE_LABEL: Record<EngineKey, string> = { old: '@zxing/library (JS, 4 passes)', new: 'zxing-wasm (ZXing-C++)' };

interface Outcome {
  scene: SceneSpec;
  /** decoded the right text / nothing / something else */
  result: 'hit' | 'miss' | 'wrong';
  times: number[];
}

const col = (xs: readonly number[]) => stats(xs.filter((x) => !Number.isNaN(x)));

function score(scene: SceneSpec, text: string | null): Outcome['result'] {
  if (text === null) return 'miss';
  return text === scene.text ? 'hit' : 'wrong';
}

// --- 1. in Node ---------------------------------------------------------------------------------

async function nodeRun(engine: QrEngine, frames: { scene: SceneSpec; data: Uint8ClampedArray }[]): Promise<Outcome[]> {
  const first = frames[0];
  if (first !== undefined) await engine.decode(first.data, W, H); // warm-up (JIT, first allocation)
  const out: Outcome[] = [];
  for (const { scene, data } of frames) {
    const times: number[] = [];
    let text: string | null = null;
    for (let r = 0; r < REPS; r++) {
      const t = performance.now();
      text = await engine.decode(data, W, H);
      times.push(performance.now() - t);
    }
    out.push({ scene, result: score(scene, text), times });
  }
  return out;
}

function decodedCell(outcomes: Outcome[], filter: (o: Outcome) => boolean): string {
  const sel = outcomes.filter(filter);
  if (sel.every((o) => o.scene.text === null)) return `${sel.filter((o) => o.result === 'miss').length}/${sel.length} empty`;
  return `${sel.filter((o) => o.result === 'hit').length}/${sel.length}`;
}

function timingRows(results: Record<EngineKey, Outcome[]>): string[][] {
  return ENGINES.map((k) => {
    const o = results[k];
    const t = (pick: (x: Outcome) => boolean) => p50p95(col(o.filter(pick).flatMap((x) => x.times)));
    return [ENGINE_LABEL[k], t((x) => x.result === 'hit'), t((x) => x.result === 'miss' && x.scene.text !== null), t((x) => x.scene.text === null), t(() => true)];
  });
}

function printAccuracy(results: Record<EngineKey, Outcome[]>): void {
  const coded = results.old.filter((o) => o.scene.text !== null).length;
  console.log(
    table(
      ['category', ...ENGINES.map((k) => ENGINE_LABEL[k])],
      [
        ...SCENE_CATEGORIES.map((c) => [c, ...ENGINES.map((k) => decodedCell(results[k], (o) => o.scene.category === c))]),
        ['all codes', ...ENGINES.map((k) => `${results[k].filter((o) => o.result === 'hit').length}/${coded}`)],
        ['wrong decodes', ...ENGINES.map((k) => String(results[k].filter((o) => o.result === 'wrong' || (o.scene.text === null && o.result !== 'miss')).length))],
      ],
    ),
  );
  const sizes = [...new Set(results.old.filter((o) => o.scene.text !== null).map((o) => o.scene.moduleSize))].sort((a, b) => a - b);
  console.log('\nby module size (px a module), codes only:');
  console.log(table(['module', ...ENGINES.map((k) => ENGINE_LABEL[k])], sizes.map((m) => [`${m} px`, ...ENGINES.map((k) => decodedCell(results[k], (o) => o.scene.text !== null && o.scene.moduleSize === m))])));
}

// --- 2. in the app's decode worker (Chromium) ---------------------------------------------------

interface WorkerRun {
  coldStartMs: number;
  reportedColdStartMs: number;
  engine: string;
  fallbackReason: string | null;
  outcomes: Outcome[];
}

interface WorkerPageGlobals {
  Worker: new (url: string, options: unknown) => {
    onmessage: ((e: { data: { type?: string; id?: number; text?: string | null; engine?: string; coldStartMs?: number; fallbackReason?: string | null } }) => void) | null;
    postMessage(m: unknown, transfer: unknown[]): void;
    terminate(): void;
  };
  atob(s: string): string;
  performance: { now(): number };
  __decodeBench?: {
    ready: Promise<{ engine: string; coldStartMs: number; reported: number; fallbackReason: string | null }>;
    decode(rgba: Uint8ClampedArray): Promise<{ text: string | null; ms: number }>;
  };
}

async function workerRun(context: BrowserContext, tillUrl: string, workerPath: string, frames: { scene: SceneSpec; data: Uint8ClampedArray }[]): Promise<WorkerRun> {
  const page = await context.newPage();
  try {
    await page.goto(tillUrl);
    const ready = await page.evaluate((url) => {
      const g = globalThis as unknown as WorkerPageGlobals;
      const t0 = g.performance.now();
      const worker = new g.Worker(url, { type: 'module' });
      const waiting = new Map<number, (r: { text: string | null; ms: number }) => void>();
      let id = 0;
      let sentAt = 0;
      const ready = new Promise<{ engine: string; coldStartMs: number; reported: number; fallbackReason: string | null }>((resolve) => {
        worker.onmessage = (e) => {
          if (e.data.type === 'engine') {
            resolve({ engine: e.data.engine ?? '?', coldStartMs: g.performance.now() - t0, reported: e.data.coldStartMs ?? NaN, fallbackReason: e.data.fallbackReason ?? null });
            return;
          }
          const done = waiting.get(e.data.id ?? -1);
          waiting.delete(e.data.id ?? -1);
          done?.({ text: e.data.text ?? null, ms: g.performance.now() - sentAt });
        };
      });
      g.__decodeBench = {
        ready,
        decode: (rgba) =>
          new Promise((resolve) => {
            const copy = rgba.slice(); // transferred, as the camera loop transfers its grab
            const n = ++id;
            waiting.set(n, resolve);
            sentAt = g.performance.now();
            worker.postMessage({ id: n, data: copy, width: 640, height: 480 }, [copy.buffer]);
          }),
      };
      return ready;
    }, workerPath);
    const outcomes: Outcome[] = [];
    let warm = true;
    for (const { scene, data } of frames) {
      const b64 = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
      const r = await page.evaluate(
        async ({ b64, reps, warm }) => {
          const g = globalThis as unknown as WorkerPageGlobals;
          const bin = g.atob(b64);
          const rgba = new Uint8ClampedArray(bin.length * 4);
          for (let i = 0; i < bin.length; i++) {
            const v = bin.charCodeAt(i);
            rgba[i * 4] = v;
            rgba[i * 4 + 1] = v;
            rgba[i * 4 + 2] = v;
            rgba[i * 4 + 3] = 255;
          }
          const bench = g.__decodeBench;
          if (bench === undefined) throw new Error('no worker');
          if (warm) await bench.decode(rgba);
          const times: number[] = [];
          let text: string | null = null;
          for (let i = 0; i < reps; i++) {
            const one = await bench.decode(rgba);
            times.push(one.ms);
            text = one.text;
          }
          return { text, times };
        },
        { b64, reps: REPS, warm },
      );
      warm = false;
      outcomes.push({ scene, result: score(scene, r.text), times: r.times });
    }
    return { coldStartMs: ready.coldStartMs, reportedColdStartMs: ready.reported, engine: ready.engine, fallbackReason: ready.fallbackReason, outcomes };
  } finally {
    await page.close();
  }
}

/** Serves the decode worker without 'wasm-unsafe-eval' in its CSP, as on a till where WebAssembly is blocked. */
async function blockWasm(context: BrowserContext): Promise<void> {
  await context.route(/\/assets\/qr-decode\.worker-[\w-]+\.js$/, async (route) => {
    const response = await route.fetch();
    const csp = response.headers()['content-security-policy'] ?? '';
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp.replace(" 'wasm-unsafe-eval'", '') } });
  });
}

// --- 3. the camera path (fake camera → camera dialog) -------------------------------------------

const CAMERA_MEMBERS = [DEMO.memberWithCoupons, DEMO.goldMember, DEMO.platinumMember, DEMO.zeroBalanceMember];
const CAMERA_FPS = 15;
const CAMERA_BLANK = 8;
const CAMERA_GIVE_UP_MS = 6_000;

interface CameraSample {
  scene: SceneSpec;
  decoded: boolean;
  /** first presented frame showing the scene → decoded */
  visibleToDecoded: number;
}

async function toIdle(page: Page): Promise<void> {
  const idle = page.locator('[data-testid="idle-prompt"]');
  for (let i = 0; i < 3 && (await idle.count()) === 0; i++) {
    await page.keyboard.press('Escape');
    await idle.waitFor({ state: 'attached', timeout: 3_000 }).catch(() => undefined);
  }
}

async function cameraScene(page: Page, y4m: string, scene: SceneSpec, memberId: string): Promise<CameraSample> {
  const frame = renderScene({ ...scene, text: portalUrl('member', memberId) }, encode, SCENE_SIZE);
  await makeQrY4m({ text: 'unused', out: y4m, width: W, height: H, frames: 20, fps: CAMERA_FPS, blankFrames: CAMERA_BLANK, image: frame.data });
  await toIdle(page);
  await page.evaluate((memberId) => {
    const g = globalThis as unknown as PageGlobals;
    const b = g.__bench;
    if (b === undefined) throw new Error('no probe');
    b.reset();
    const marks = b.marks;
    b.arm('decoded', () => g.document.querySelector('[data-testid="member-card-loading"]') !== null || g.document.querySelector(`[data-testid="member-card"][data-member-id="${memberId}"]`) !== null, 30_000);
    // The first presented frame that is not the flat grey of the blank frames.
    const canvas = g.document.createElement('canvas');
    canvas.width = 16;
    canvas.height = 12;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    b.arm(
      'video',
      () => {
        const video = g.document.querySelector('[data-testid="camera-video"]') as PVideo | null;
        if (video === null) return false;
        const onFrame = (): void => {
          const t = g.performance.now();
          if (marks.visible !== undefined || marks.decoded !== undefined || ctx === null) return;
          ctx.drawImage(video, 0, 0, 16, 12);
          const px = ctx.getImageData(0, 0, 16, 12).data;
          let lo = 255;
          let hi = 0;
          for (let i = 0; i < px.length; i += 4) {
            lo = Math.min(lo, px[i] ?? 0);
            hi = Math.max(hi, px[i] ?? 0);
          }
          if (hi - lo > 40) marks.visible = t;
          else video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
        return true;
      },
      30_000,
    );
  }, memberId);
  await page.keyboard.press('F7');
  const deadline = Date.now() + CAMERA_GIVE_UP_MS + (CAMERA_BLANK / CAMERA_FPS) * 1000 + 5_000;
  let marks: Record<string, number> = {};
  while (Date.now() < deadline) {
    marks = await page.evaluate(() => ({ ...(globalThis as unknown as PageGlobals).__bench?.marks }));
    if (marks.decoded !== undefined) break;
    if (marks.visible !== undefined && (await page.evaluate(() => (globalThis as unknown as PageGlobals).performance.now())) - marks.visible > CAMERA_GIVE_UP_MS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const decoded = marks.decoded !== undefined;
  if (!decoded) await page.keyboard.press('Escape'); // close the camera: a miss
  await page.locator('[data-testid="camera-dialog"]').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  return { scene, decoded, visibleToDecoded: decoded ? (marks.decoded ?? NaN) - (marks.visible ?? NaN) : NaN };
}

async function cameraRun(host: SpawnedHost, tmp: string, scenes: SceneSpec[], key: EngineKey, cleanup: { browser?: Browser }): Promise<CameraSample[]> {
  const y4m = path.join(tmp, `camera-${key}.y4m`);
  // The file must exist before Chromium starts; each opening of the camera re-reads it.
  await makeQrY4m({ text: 'warm-up', out: y4m, width: W, height: H, frames: 2, fps: CAMERA_FPS });
  return withTillPage(host.tillUrl, fakeCameraArgs(y4m), cleanup, async (page) => {
    if (key === 'old') await blockWasm(page.context());
    const out: CameraSample[] = [];
    for (let i = 0; i < scenes.length; i++) {
      const scene = scenes[i]!;
      out.push(await cameraScene(page, y4m, scene, CAMERA_MEMBERS[i % CAMERA_MEMBERS.length] ?? DEMO.goldMember));
    }
    return out;
  });
}

// --- main ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(`SocialHub Till camera decoder bench — ${machineLine()}`);
  const scenes = hardSceneSet();
  const t = performance.now();
  const frames = scenes.map((scene) => ({ scene, data: renderScene(scene, encode).data }));
  const coded = scenes.filter((s) => s.text !== null);
  console.log(`Hard scene set (seed fixed): ${coded.length} frames with a code, ${scenes.length - coded.length} without, ${W}×${H}, rendered in ${ms(performance.now() - t)} ms. ${REPS} timed decodes a frame.`);
  console.log('Shared 2-core machine: other processes’ load lands in these figures (p95 most).\n');

  // 1.
  const wasmBytes = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'node_modules', 'zxing-wasm', 'dist', 'reader', 'zxing_reader.wasm'));
  const t0 = performance.now();
  const wasm = await createWasmEngine({ wasmBinary: wasmBytes.buffer.slice(wasmBytes.byteOffset, wasmBytes.byteOffset + wasmBytes.byteLength) });
  const cold = performance.now() - t0;
  const node: Record<EngineKey, Outcome[]> = { old: await nodeRun(createJsEngine(), frames), new: await nodeRun(wasm, frames) };
  console.log(`1. Both engines in Node (${process.version}); load ${loadNow()}; zxing-wasm module compiled in ${ms(cold)} ms`);
  printAccuracy(node);
  console.log('\nper frame (ms, p50 / p95):');
  console.log(table(['engine', 'hits', 'misses (code in view)', 'no code', 'all frames'], timingRows(node)));

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-bench-'));
  const cleanup: { host?: SpawnedHost; browser?: Browser } = {};
  try {
    const rendererDir = path.join(tmp, 'renderer');
    const renderer = await privateRendererBuild(rendererDir);
    const workerFile = fs.readdirSync(path.join(rendererDir, 'assets')).find((f) => /^qr-decode\.worker-[\w-]+\.js$/.test(f));
    if (workerFile === undefined) throw new Error('the renderer build has no qr-decode worker');
    const host = await spawnWebHost({ dataDir: path.join(tmp, 'data'), rendererDir, managerPin: '258046' });
    cleanup.host = host;
    console.log(`\nrenderer: ${renderer}; web host pid ${host.pid}`);

    // 2.
    console.log(`\n2. In the app's decode worker, headless Chromium (${W}×${H} RGBA frames, posted → reply); load ${loadNow()}`);
    try {
      const browser = await launchChromium();
      cleanup.browser = browser;
      const runs = {} as Record<EngineKey, WorkerRun>;
      for (const key of ENGINES) {
        const context = await browser.newContext({ viewport: VIEWPORT });
        if (key === 'old') await blockWasm(context);
        runs[key] = await workerRun(context, host.tillUrl, `/assets/${workerFile}`, frames);
        await context.close();
      }
      await browser.close();
      delete cleanup.browser;
      printAccuracy({ old: runs.old.outcomes, new: runs.new.outcomes });
      console.log('\nper frame in the worker (ms, p50 / p95), and cold start:');
      console.log(
        table(
          ['engine', 'engine the worker ran', 'cold start (created → ready)', 'hits', 'misses (code in view)', 'no code', 'all frames'],
          ENGINES.map((k) => {
            const row = timingRows({ old: runs.old.outcomes, new: runs.new.outcomes }).find((r) => r[0] === ENGINE_LABEL[k]) ?? [];
            return [ENGINE_LABEL[k], runs[k].engine, `${ms(runs[k].coldStartMs)} (worker says ${ms(runs[k].reportedColdStartMs)})`, ...row.slice(1)];
          }),
        ),
      );
      if (runs.old.fallbackReason !== null) console.log(`(the JS run's worker fell back because: ${firstLine(runs.old.fallbackReason)})`);
    } catch (e) {
      console.log(`WORKER PART COULD NOT RUN: ${firstLine(e)}`);
    }

    // 3.
    if (CAMERA !== 'none') {
      const keys: EngineKey[] = CAMERA === 'new' ? ['new'] : ['old', 'new'];
      console.log(`\n3. Camera path: each coded scene (a demo member's QR) on Chromium's fake camera (${CAMERA_FPS} fps, ${CAMERA_BLANK} grey frames first) → F7 → decoded; gives up ${CAMERA_GIVE_UP_MS / 1000} s after the code shows; load ${loadNow()}`);
      const rows: string[][] = [];
      for (const key of keys) {
        try {
          const samples = await cameraRun(host, tmp, coded, key, cleanup);
          const hits = samples.filter((s) => s.decoded);
          const missed = samples.filter((s) => !s.decoded).map((s) => s.scene.id);
          rows.push([
            ENGINE_LABEL[key],
            `${hits.length}/${samples.length} (${((100 * hits.length) / samples.length).toFixed(1)} %)`,
            p50p95(col(hits.map((s) => s.visibleToDecoded))),
            missed.length === 0 ? '—' : missed.join(' '),
          ]);
        } catch (e) {
          rows.push([ENGINE_LABEL[key], `could not run: ${firstLine(e)}`, '', '']);
        }
      }
      console.log(table(['engine', 'decoded', 'visible → decoded p50 / p95 (ms)', 'missed'], rows));
    }
    console.log(`\nload average at the end: ${loadNow()}`);
  } finally {
    await cleanup.browser?.close().catch(() => undefined);
    await cleanup.host?.stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
