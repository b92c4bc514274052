/**
 * The decode worker's engine, whichever it is: ZXing-C++ in WebAssembly when it starts, else the
 * JavaScript port as a fallback. DOM-free, so the worker body is testable under Node.
 */
import type { PixelData } from './qr-decode.ts';

export type QrEngineName = 'zxing-cpp' | 'zxing-js';

export interface QrEngine {
  readonly name: QrEngineName;
  /** The QR code's text, or null when this frame shows none that can be read. */
  decode(data: PixelData, width: number, height: number): Promise<string | null> | string | null;
}

/** Sent once by the worker when its engine is ready, for the camera's diagnostics. */
export interface QrEngineReport {
  type: 'engine';
  engine: QrEngineName;
  /** Worker start → engine ready (the WebAssembly fetch and compile, or the fallback's load). */
  coldStartMs: number;
  /** Why the WebAssembly engine could not start; null when it did. */
  fallbackReason: string | null;
}

/** A frame posted to the decode worker. */
export interface QrFrameRequest {
  id: number;
  data: PixelData;
  width: number;
  height: number;
}

export interface QrFrameReply {
  id: number;
  text: string | null;
}

export type QrWorkerMessage = QrFrameReply | QrEngineReport;

export function isEngineReport(m: QrWorkerMessage): m is QrEngineReport {
  return 'type' in m && m.type === 'engine';
}

/** Past this, a WebAssembly start that has neither failed nor finished is given up on. */
export const ENGINE_START_TIMEOUT_MS = 10_000;

/**
 * Start the preferred engine, falling back when it throws or does not come up in time: a till
 * whose WebAssembly is blocked (policy, old runtime) must still scan, only less well.
 */
export async function startEngine(
  preferred: () => Promise<QrEngine>,
  fallback: () => Promise<QrEngine>,
  options: { now?: () => number; timeoutMs?: number } = {},
): Promise<{ engine: QrEngine; report: QrEngineReport }> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let fallbackReason: string;
  try {
    const engine = await withTimeout(preferred(), options.timeoutMs ?? ENGINE_START_TIMEOUT_MS);
    return { engine, report: { type: 'engine', engine: engine.name, coldStartMs: now() - started, fallbackReason: null } };
  } catch (err) {
    fallbackReason = err instanceof Error && err.message !== '' ? err.message : String(err);
  }
  const engine = await fallback();
  return { engine, report: { type: 'engine', engine: engine.name, coldStartMs: now() - started, fallbackReason } };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * The worker's message handler, separate from the worker so it can be tested. Frames that arrive
 * while the engine is still starting wait for it (the camera keeps one frame in flight at most).
 */
export function createFrameHandler(engine: Promise<QrEngine>): (message: unknown) => Promise<QrFrameReply | null> {
  return async (message) => {
    if (!isFrameRequest(message)) return null;
    try {
      const text = await (await engine).decode(message.data, message.width, message.height);
      return { id: message.id, text };
    } catch {
      // A malformed frame must not kill the worker: the camera loop would stall waiting for it.
      return { id: message.id, text: null };
    }
  };
}

function isFrameRequest(m: unknown): m is QrFrameRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return (
    typeof r.id === 'number' &&
    typeof r.width === 'number' &&
    typeof r.height === 'number' &&
    (r.data instanceof Uint8ClampedArray || r.data instanceof Uint8Array)
  );
}
