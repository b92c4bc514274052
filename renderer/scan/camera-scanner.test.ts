import { describe, expect, it, vi } from 'vitest';
import { describeCameraError, listCameras, startCameraScanner, type DecodeWorker } from './camera-scanner.ts';
import type { QrEngineReport, QrFrameReply, QrFrameRequest, QrWorkerMessage } from './qr-engine.ts';

function fakeTrack() {
  const listeners: Record<string, (() => void)[]> = {};
  return {
    stop: vi.fn(),
    getSettings: () => ({ deviceId: 'cam-1' }),
    addEventListener: (type: string, l: () => void) => (listeners[type] = [...(listeners[type] ?? []), l]),
    fire: (type: string) => listeners[type]?.forEach((l) => l()),
  };
}

function fakeEnv(getUserMedia?: () => Promise<unknown>) {
  const track = fakeTrack();
  const stream = { getTracks: () => [track] };
  const frameCallbacks: (() => void)[] = [];
  const video = {
    muted: false,
    playsInline: false,
    srcObject: null as unknown,
    videoWidth: 640,
    videoHeight: 480,
    play: vi.fn(() => Promise.resolve()),
    pause: vi.fn(),
    requestVideoFrameCallback: (cb: () => void) => frameCallbacks.push(cb),
    cancelVideoFrameCallback: vi.fn(),
  };
  const posted: QrFrameRequest[] = [];
  const worker: DecodeWorker & { reply(text: string | null): void; report(r: QrEngineReport): void } = {
    onmessage: null,
    onerror: null,
    postMessage: (m: QrFrameRequest) => posted.push(m),
    terminate: vi.fn(),
    reply(text) {
      const last = posted.at(-1)!;
      this.onmessage?.({ data: { id: last.id, text } satisfies QrFrameReply } as MessageEvent<QrWorkerMessage>);
    },
    report(r) {
      this.onmessage?.({ data: r } as MessageEvent<QrWorkerMessage>);
    },
  };
  const mediaDevices = {
    getUserMedia: vi.fn(getUserMedia ?? (() => Promise.resolve(stream))),
    enumerateDevices: vi.fn(() =>
      Promise.resolve([
        { kind: 'audioinput', deviceId: 'mic', label: 'Mic' },
        { kind: 'videoinput', deviceId: 'cam-1', label: '' },
        { kind: 'videoinput', deviceId: 'cam-2', label: 'USB Camera' },
      ]),
    ),
  };
  let clock = 0;
  const decoded: string[] = [];
  const errors: string[] = [];
  const engines: QrEngineReport[] = [];
  const start = () =>
    startCameraScanner({
      video: video as unknown as HTMLVideoElement,
      deviceId: 'cam-1',
      onDecode: (t) => decoded.push(t),
      onError: (e) => errors.push(e.code),
      onEngine: (r) => engines.push(r),
      mediaDevices: mediaDevices as unknown as MediaDevices,
      createWorker: () => worker,
      grabFrame: () => ({ data: new Uint8ClampedArray(4 * 8), width: 4, height: 2 }),
      now: () => clock,
    });
  const nextFrame = () => frameCallbacks.shift()?.();
  const advance = (ms: number) => (clock += ms);
  return { track, stream, video, worker, posted, mediaDevices, decoded, errors, engines, start, nextFrame, advance, frameCallbacks };
}

describe('startCameraScanner', () => {
  it('asks for the chosen camera and plays it muted', async () => {
    const env = fakeEnv();
    const r = await env.start();
    expect(r.ok && r.scanner.deviceId).toBe('cam-1');
    expect(env.mediaDevices.getUserMedia).toHaveBeenCalledWith({
      audio: false,
      video: { deviceId: { exact: 'cam-1' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    expect(env.video.muted).toBe(true);
    expect(env.video.play).toHaveBeenCalled();
  });

  it('keeps at most one frame in flight', async () => {
    const env = fakeEnv();
    await env.start();
    env.nextFrame();
    env.nextFrame();
    env.nextFrame();
    expect(env.posted).toHaveLength(1);
    env.worker.reply(null);
    env.nextFrame();
    expect(env.posted).toHaveLength(2);
    expect(env.posted.map((p) => p.id)).toEqual([1, 2]);
  });

  it('passes on the engine report, sent while the camera starts or later, without taking it for a frame reply', async () => {
    const env = fakeEnv();
    const wasm: QrEngineReport = { type: 'engine', engine: 'zxing-cpp', coldStartMs: 120, fallbackReason: null };
    env.mediaDevices.getUserMedia.mockImplementationOnce(() => {
      env.worker.report(wasm); // the WebAssembly compiled before the camera was up
      return Promise.resolve(env.stream);
    });
    await env.start();
    expect(env.engines).toEqual([wasm]);
    env.nextFrame();
    const fallback: QrEngineReport = { type: 'engine', engine: 'zxing-js', coldStartMs: 300, fallbackReason: 'blocked' };
    env.worker.report(fallback);
    expect(env.engines).toEqual([wasm, fallback]);
    env.nextFrame();
    expect(env.posted).toHaveLength(1); // the frame sent is still in flight
    expect(env.decoded).toEqual([]);
  });

  it('reports a code once while it stays in view, and again after it was gone a while', async () => {
    const env = fakeEnv();
    await env.start();
    for (let i = 0; i < 5; i++) {
      env.nextFrame();
      env.worker.reply('mb_1');
      env.advance(100);
    }
    expect(env.decoded).toEqual(['mb_1']);
    env.nextFrame();
    env.worker.reply('cp_2');
    env.advance(2000);
    env.nextFrame();
    env.worker.reply('mb_1');
    expect(env.decoded).toEqual(['mb_1', 'cp_2', 'mb_1']);
  });

  it('stop() releases the camera, ends the loop and ignores late replies', async () => {
    const env = fakeEnv();
    const r = await env.start();
    env.nextFrame();
    if (!r.ok) throw new Error('start failed');
    const onmessage = env.worker.onmessage;
    r.scanner.stop();
    expect(env.track.stop).toHaveBeenCalled();
    expect(env.worker.terminate).toHaveBeenCalled();
    expect(env.video.srcObject).toBeNull();
    expect(env.video.cancelVideoFrameCallback).toHaveBeenCalled();
    onmessage?.call(env.worker as unknown as Worker, { data: { id: 1, text: 'mb_late' } } as MessageEvent<QrWorkerMessage>);
    expect(env.decoded).toEqual([]);
    r.scanner.stop(); // idempotent
    expect(env.track.stop).toHaveBeenCalledTimes(1);
  });

  it('reports a camera that goes away mid-scan', async () => {
    const env = fakeEnv();
    await env.start();
    env.track.fire('ended');
    expect(env.errors).toEqual(['camera_unavailable']);
    expect(env.worker.terminate).toHaveBeenCalled();
  });

  it.each([
    ['NotAllowedError', 'permission_denied', /not allowed to use the camera/],
    ['NotFoundError', 'no_camera', /No camera was found/],
    ['NotReadableError', 'camera_busy', /in use by another app/],
    ['OverconstrainedError', 'camera_unavailable', /Pick another camera/],
    ['WeirdError', 'failed', /could not be started/],
  ])('%s → %s', async (name, code, message) => {
    const env = fakeEnv(() => Promise.reject(new DOMException('x', name)));
    const r = await env.start();
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(!r.ok && r.error.message).toMatch(message);
  });

  it('releases the stream if the video will not play', async () => {
    const env = fakeEnv();
    env.video.play.mockImplementation(() => Promise.reject(new DOMException('x', 'AbortError')));
    const r = await env.start();
    expect(r).toMatchObject({ ok: false, error: { code: 'camera_busy' } });
    expect(env.track.stop).toHaveBeenCalled();
  });

  it('is unsupported without mediaDevices', async () => {
    const r = await startCameraScanner({ video: {} as HTMLVideoElement, onDecode: () => {}, mediaDevices: undefined });
    // Node has no navigator.mediaDevices, so the default is undefined too.
    expect(r).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});

describe('listCameras', () => {
  it('lists video inputs with a fallback label', async () => {
    const env = fakeEnv();
    expect(await listCameras(env.mediaDevices as unknown as MediaDevices)).toEqual({
      ok: true,
      cameras: [
        { deviceId: 'cam-1', label: 'Camera 1' },
        { deviceId: 'cam-2', label: 'USB Camera' },
      ],
    });
  });

  it('says when there is none', async () => {
    const none = { enumerateDevices: () => Promise.resolve([]), getUserMedia: () => Promise.reject(new Error()) };
    expect(await listCameras(none as unknown as MediaDevices)).toMatchObject({ ok: false, error: { code: 'no_camera' } });
    expect(await listCameras(undefined)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('describeCameraError handles non-errors', () => {
    expect(describeCameraError(undefined).code).toBe('failed');
    expect(describeCameraError('NotAllowedError').code).toBe('failed');
  });
});
