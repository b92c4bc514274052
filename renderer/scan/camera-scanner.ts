/**
 * Webcam QR scanning: camera choice, the frame loop, and errors a cashier can act on.
 *
 * Frames are grabbed from a <video> on each new video frame (requestVideoFrameCallback, else
 * requestAnimationFrame) and sent to the decode worker, at most one in flight: while the worker
 * is busy, frames are skipped rather than queued, so a slow machine decodes fewer frames but
 * never falls behind the live picture or piles up memory.
 */
import { defineMessages } from '@formatjs/intl';
import { englishText, type Translator } from '../../shared/i18n/translator.ts';
import { isEngineReport, type QrEngineReport, type QrFrameRequest, type QrWorkerMessage } from './qr-engine.ts';

const M = defineMessages({
  permissionDenied: {
    id: 'scan.camera.permissionDenied',
    defaultMessage: 'The till is not allowed to use the camera. Allow camera access for SocialHub Till in the system settings, then try again.',
    description: 'Camera error: no permission',
  },
  noCamera: { id: 'scan.camera.noCamera', defaultMessage: 'No camera was found. Plug in a webcam, or scan with the USB scanner.', description: 'Camera error: none found' },
  busy: {
    id: 'scan.camera.busy',
    defaultMessage: 'The camera could not be started. It may be in use by another app: close that app, or pick another camera, then try again.',
    description: 'Camera error: in use elsewhere',
  },
  unavailable: { id: 'scan.camera.unavailable', defaultMessage: 'The chosen camera is not available any more. Pick another camera from the list.', description: 'Camera error: the chosen camera is gone' },
  failed: { id: 'scan.camera.failed', defaultMessage: 'The camera could not be started. Try again, or scan with the USB scanner.', description: 'Camera error: anything else' },
  unsupported: { id: 'scan.camera.unsupported', defaultMessage: 'This till cannot use a camera. Scan with the USB scanner instead.', description: 'Camera error: no camera support at all' },
  disconnected: {
    id: 'scan.camera.disconnected',
    defaultMessage: 'The camera was disconnected or taken by another app. Pick a camera and start again.',
    description: 'Camera error: the camera went away while scanning',
  },
  numbered: { id: 'scan.camera.numbered', defaultMessage: 'Camera {n}', description: 'A camera the system gives no name; n is a number' },
});

/** The language of the messages below (English unless told). */
type Translate = Translator['t'];

export type CameraErrorCode = 'unsupported' | 'no_camera' | 'permission_denied' | 'camera_busy' | 'camera_unavailable' | 'failed';

export interface CameraError {
  code: CameraErrorCode;
  message: string;
}

export interface CameraInfo {
  deviceId: string;
  label: string;
}

/** Map a getUserMedia / play() failure to what the cashier should do about it. */
export function describeCameraError(err: unknown, t: Translate = englishText): CameraError {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return { code: 'permission_denied', message: t(M.permissionDenied) };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return { code: 'no_camera', message: t(M.noCamera) };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return { code: 'camera_busy', message: t(M.busy) };
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return { code: 'camera_unavailable', message: t(M.unavailable) };
    default:
      return { code: 'failed', message: t(M.failed) };
  }
}

const unsupported = (t: Translate): CameraError => ({ code: 'unsupported', message: t(M.unsupported) });

type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia'>;

function defaultMediaDevices(): MediaDevicesLike | undefined {
  // Undefined outside a secure context, whatever the DOM types say.
  return typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
}

/** A camera's name for a picker: the browser's, else "Camera n" by its place `n` (from 1). */
export function cameraLabel(label: string, n: number, t: Translate = englishText): string {
  return label !== '' ? label : t(M.numbered, { n });
}

/** Cameras for a picker. Labels are empty until camera permission has been granted once. */
export async function listCameras(
  mediaDevices: MediaDevicesLike | undefined = defaultMediaDevices(),
  t: Translate = englishText,
): Promise<{ ok: true; cameras: CameraInfo[] } | { ok: false; error: CameraError }> {
  if (mediaDevices === undefined) return { ok: false, error: unsupported(t) };
  try {
    const devices = await mediaDevices.enumerateDevices();
    const cameras = devices
      .filter((d) => d.kind === 'videoinput')
      .map((d, i) => ({ deviceId: d.deviceId, label: cameraLabel(d.label, i + 1, t) }));
    if (cameras.length === 0) return { ok: false, error: describeCameraError({ name: 'NotFoundError' }, t) };
    return { ok: true, cameras };
  } catch (err) {
    return { ok: false, error: describeCameraError(err, t) };
  }
}

/** The subset of a Worker the loop uses. */
export interface DecodeWorker {
  postMessage(message: QrFrameRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<QrWorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Copies the current video frame into pixels; null when there is no frame yet. */
export type FrameGrabber = (video: HTMLVideoElement, maxWidth: number) => { data: Uint8ClampedArray; width: number; height: number } | null;

export interface CameraScannerOptions {
  video: HTMLVideoElement;
  /** From `listCameras`; omitted: the system's default (preferring a rear camera). */
  deviceId?: string;
  onDecode: (text: string) => void;
  /** The camera stopped after it had started (unplugged, taken by another app). */
  onError?: (error: CameraError) => void;
  /** The decode worker's engine is ready (which one, how long it took, why it fell back). */
  onEngine?: (report: QrEngineReport) => void;
  /** The same code is reported again only after it has been out of view this long. */
  repeatAfterMs?: number;
  /** Frames wider than this are scaled down before decoding (speed; QR needs few pixels). */
  maxFrameWidth?: number;
  mediaDevices?: MediaDevicesLike;
  createWorker?: () => DecodeWorker;
  grabFrame?: FrameGrabber;
  now?: () => number;
  /** The language of error messages (English unless told). */
  t?: Translate;
}

export interface CameraScanner {
  readonly deviceId: string | null;
  stop(): void;
}

export const CAMERA_DEFAULTS = { repeatAfterMs: 1500, maxFrameWidth: 960 } as const;

export async function startCameraScanner(options: CameraScannerOptions): Promise<{ ok: true; scanner: CameraScanner } | { ok: false; error: CameraError }> {
  const mediaDevices = options.mediaDevices ?? defaultMediaDevices();
  const t = options.t ?? englishText;
  if (mediaDevices === undefined) return { ok: false, error: unsupported(t) };
  const { video, onDecode } = options;
  const repeatAfterMs = options.repeatAfterMs ?? CAMERA_DEFAULTS.repeatAfterMs;
  const maxFrameWidth = options.maxFrameWidth ?? CAMERA_DEFAULTS.maxFrameWidth;
  const now = options.now ?? (() => performance.now());
  const grab = options.grabFrame ?? createCanvasGrabber();
  // Started before the camera so the decoder's WebAssembly compiles while the camera warms up:
  // otherwise a code already in view waits for the worker after the preview starts.
  const worker = (options.createWorker ?? createDecodeWorker)();
  // Its engine report can come while the camera is still starting; frames are handled below.
  worker.onmessage = (event) => {
    if (isEngineReport(event.data)) options.onEngine?.(event.data);
  };

  let stream: MediaStream;
  try {
    stream = await mediaDevices.getUserMedia({
      audio: false,
      video: {
        ...(options.deviceId === undefined ? { facingMode: 'environment' } : { deviceId: { exact: options.deviceId } }),
        width: { ideal: 1280 },
        height: { ideal: 720 },
      },
    });
  } catch (err) {
    worker.terminate();
    return { ok: false, error: describeCameraError(err, t) };
  }

  const tracks = stream.getTracks();
  const releaseStream = (): void => {
    for (const track of tracks) track.stop();
  };
  try {
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;
    await video.play();
  } catch (err) {
    worker.terminate();
    releaseStream();
    video.srcObject = null;
    return { ok: false, error: describeCameraError(err, t) };
  }

  let stopped = false;
  let inFlight = false;
  let frameId = 0;
  let pending: { cancel: () => void } | null = null;
  let lastText: string | null = null;
  let lastSeenAt = Number.NEGATIVE_INFINITY;

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    pending?.cancel();
    pending = null;
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    releaseStream();
    video.pause();
    video.srcObject = null;
  };

  const fail = (error: CameraError): void => {
    if (stopped) return;
    stop();
    options.onError?.(error);
  };

  for (const track of tracks) {
    track.addEventListener('ended', () => fail({ code: 'camera_unavailable', message: t(M.disconnected) }));
  }

  worker.onmessage = (event) => {
    if (isEngineReport(event.data)) {
      if (!stopped) options.onEngine?.(event.data);
      return;
    }
    inFlight = false;
    const text = event.data.text;
    if (stopped || typeof text !== 'string') return;
    const at = now();
    // Holding a code in view must not re-scan it every frame.
    const repeat = text === lastText && at - lastSeenAt < repeatAfterMs;
    lastText = text;
    lastSeenAt = at;
    if (!repeat) onDecode(text);
  };
  worker.onerror = () => {
    // The frame is lost, not the scanner: let the next frame try again.
    inFlight = false;
  };

  const onFrame = (): void => {
    pending = null;
    if (stopped) return;
    if (!inFlight) {
      const frame = grab(video, maxFrameWidth);
      if (frame !== null) {
        inFlight = true;
        const id = ++frameId;
        // Transfer, not copy: the buffer moves to the worker with no per-frame clone.
        worker.postMessage({ id, data: frame.data, width: frame.width, height: frame.height }, [frame.data.buffer]);
      }
    }
    schedule();
  };

  const schedule = (): void => {
    if (stopped) return;
    if (typeof video.requestVideoFrameCallback === 'function') {
      const handle = video.requestVideoFrameCallback(onFrame);
      pending = { cancel: () => video.cancelVideoFrameCallback(handle) };
    } else {
      const handle = requestAnimationFrame(onFrame);
      pending = { cancel: () => cancelAnimationFrame(handle) };
    }
  };
  schedule();

  const settings = tracks[0]?.getSettings();
  return { ok: true, scanner: { deviceId: settings?.deviceId ?? options.deviceId ?? null, stop } };
}

function createDecodeWorker(): DecodeWorker {
  return new Worker(new URL('./qr-decode.worker.ts', import.meta.url), { type: 'module', name: 'qr-decode' });
}

/** Draw the video into a (reused) canvas and read its pixels. */
export function createCanvasGrabber(): FrameGrabber {
  let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  let ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null = null;
  return (video, maxWidth) => {
    const vw = video.videoWidth;
    const vh = video.videoHeight;
    if (vw === 0 || vh === 0) return null;
    const scale = Math.min(1, maxWidth / vw);
    const width = Math.max(1, Math.round(vw * scale));
    const height = Math.max(1, Math.round(vh * scale));
    if (canvas === null || ctx === null) {
      canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
      ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (ctx === null) return null;
    }
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    ctx.drawImage(video, 0, 0, width, height);
    return { data: ctx.getImageData(0, 0, width, height).data, width, height };
  };
}
