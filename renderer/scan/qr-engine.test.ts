import { describe, expect, it } from 'vitest';
import { createJsEngine } from './qr-decode.ts';
import { createFrameHandler, isEngineReport, startEngine, type QrEngine } from './qr-engine.ts';

const fixed = (name: QrEngine['name'], text: string | null): QrEngine => ({ name, decode: () => text });

describe('startEngine', () => {
  it('uses the WebAssembly engine when it starts, and says how long it took', async () => {
    let t = 100;
    const { engine, report } = await startEngine(
      () => {
        t += 140;
        return Promise.resolve(fixed('zxing-cpp', 'a'));
      },
      () => Promise.resolve(fixed('zxing-js', 'b')),
      { now: () => t },
    );
    expect(engine.name).toBe('zxing-cpp');
    expect(report).toEqual({ type: 'engine', engine: 'zxing-cpp', coldStartMs: 140, fallbackReason: null });
  });

  it('falls back to the JavaScript engine when WebAssembly fails, and keeps the reason', async () => {
    const { engine, report } = await startEngine(
      () => Promise.reject(new Error("WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'wasm-unsafe-eval' is not an allowed source")),
      () => Promise.resolve(createJsEngine()),
    );
    expect(engine.name).toBe('zxing-js');
    expect(report.engine).toBe('zxing-js');
    expect(report.fallbackReason).toMatch(/wasm-unsafe-eval/);
  });

  it('falls back when WebAssembly neither starts nor fails in time', async () => {
    const { report } = await startEngine(
      () => new Promise<QrEngine>(() => undefined),
      () => Promise.resolve(fixed('zxing-js', null)),
      { timeoutMs: 20 },
    );
    expect(report.engine).toBe('zxing-js');
    expect(report.fallbackReason).toBe('did not start within 20 ms');
  });

  it('reports the engine in a message the camera can tell from a frame reply', () => {
    expect(isEngineReport({ type: 'engine', engine: 'zxing-cpp', coldStartMs: 1, fallbackReason: null })).toBe(true);
    expect(isEngineReport({ id: 1, text: 'x' })).toBe(false);
  });
});

describe('createFrameHandler (the worker body)', () => {
  it('answers each frame with its id once the engine is up, frames sent before it included', async () => {
    let release: (e: QrEngine) => void = () => undefined;
    const handle = createFrameHandler(new Promise<QrEngine>((r) => (release = r)));
    const early = handle({ id: 1, data: new Uint8Array(4), width: 2, height: 2 });
    release(fixed('zxing-cpp', 'mb_x'));
    expect(await early).toEqual({ id: 1, text: 'mb_x' });
    expect(await handle({ id: 2, data: new Uint8ClampedArray(16), width: 2, height: 2 })).toEqual({ id: 2, text: 'mb_x' });
  });

  it('ignores messages that are not frames, and survives an engine that throws', async () => {
    const handle = createFrameHandler(
      Promise.resolve<QrEngine>({
        name: 'zxing-cpp',
        decode: () => Promise.reject(new RangeError('bad frame')),
      }),
    );
    expect(await handle(null)).toBeNull();
    expect(await handle({ id: 'x' })).toBeNull();
    expect(await handle({ id: 4, data: [1, 2], width: 1, height: 2 })).toBeNull();
    expect(await handle({ id: 5, data: new Uint8ClampedArray(3), width: 9, height: 9 })).toEqual({ id: 5, text: null });
  });
});
