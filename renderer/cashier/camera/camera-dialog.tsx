/**
 * Webcam scanning (F7), loaded only when opened: camera picker (the runtime's camera list; the
 * camera saved in Settings unless the cashier picks another for this app run), live preview, and a clear message when there is no camera or no permission. The camera is
 * released as soon as a code is read or the dialog closes.
 */
import { defineMessages } from '@formatjs/intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCameras, useRuntime, useSettings } from '../../app/context.tsx';
import { Button, Dialog, FormError } from '../../ui/index.ts';
import { cameraLabel, startCameraScanner, type CameraError, type CameraScanner } from '../../scan/camera-scanner.ts';
import { chosenCamera } from '../../state/camera-list-store.ts';
import type { QrEngineReport } from '../../scan/qr-engine.ts';
import { useT } from '../../app/translate.tsx';

const M = defineMessages({
  title: { id: 'camera.title', defaultMessage: 'Scan with the camera', description: 'Camera dialog title' },
  preview: { id: 'camera.preview', defaultMessage: 'Camera preview', description: 'Accessible name of the live video' },
  starting: { id: 'camera.starting', defaultMessage: 'Starting the camera…', description: 'Over the video while the camera starts' },
  help: { id: 'camera.help', defaultMessage: 'Hold the member’s or coupon’s QR code up to the camera. The till beeps when it reads it.', description: 'Camera dialog: what to do' },
  camera: { id: 'camera.pick', defaultMessage: 'Camera', description: 'Camera picker label' },
  defaultCamera: { id: 'camera.default', defaultMessage: 'Default camera', description: 'Camera picker: the system default' },
  retry: { id: 'camera.retry', defaultMessage: 'Try again', description: 'Camera dialog: start the camera again after an error' },
  close: { id: 'camera.close', defaultMessage: 'Close camera', description: 'Camera dialog: close button' },
  decoderStarting: { id: 'camera.decoder.starting', defaultMessage: 'Decoder: starting…', description: 'Camera diagnostics while the QR decoder loads' },
  decoder: {
    id: 'camera.decoder.ready',
    defaultMessage: '{engine, select, wasm {Decoder: ZXing-C++ (WebAssembly)} other {Decoder: ZXing JavaScript fallback (WebAssembly could not start)}}, ready in {ms} ms',
    description: 'Camera diagnostics: which QR decoder runs and how long it took to start (ZXing and WebAssembly are names)',
  },
});

type CameraState = { phase: 'starting' } | { phase: 'live'; deviceId: string | null } | { phase: 'error'; error: CameraError };

export default function CameraDialog({ onClose }: { onClose: () => void }) {
  const runtime = useRuntime();
  const t = useT();
  const list = runtime.cameras;
  const savedId = useSettings((s) => s.settings?.camera.deviceId ?? null);
  const cameras = useCameras((s) => s.cameras);
  const chosen = useCameras((s) => chosenCamera(s, savedId));
  const videoRef = useRef<HTMLVideoElement>(null);
  const scannerRef = useRef<CameraScanner | null>(null);
  const [state, setState] = useState<CameraState>({ phase: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const [lastError, setLastError] = useState<string | null>(null);
  const [engine, setEngine] = useState<QrEngineReport | null>(null);

  const onDecode = useCallback(
    (text: string) => {
      const result = runtime.handleScan(text, 'camera');
      if (result.kind === 'error') setLastError(result.message);
      // member / coupon: the runtime closes this dialog, which stops the camera.
    },
    [runtime],
  );

  useEffect(() => {
    let cancelled = false;
    const video = videoRef.current;
    if (video === null) return;
    setState({ phase: 'starting' });
    setEngine(null);
    void (async () => {
      const started = await startCameraScanner({
        video,
        ...(chosen !== null ? { deviceId: chosen } : {}),
        onDecode,
        t,
        onError: (error) => setState({ phase: 'error', error }),
        onEngine: (report) => {
          if (!cancelled) setEngine(report);
        },
      });
      if (cancelled) {
        if (started.ok) started.scanner.stop();
        return;
      }
      if (!started.ok) {
        setState({ phase: 'error', error: started.error });
        // The chosen camera is gone: the system's default starts instead (the choice changes), and
        // a fresh list offers what there is.
        if (started.error.code === 'camera_unavailable' && chosen !== null) {
          list.getState().markMissing(chosen);
          void list.getState().load();
        }
        return;
      }
      scannerRef.current = started.scanner;
      setState({ phase: 'live', deviceId: started.scanner.deviceId });
      // Labels are only readable once permission was granted, so read the list again now (the choice stays).
      void list.getState().load();
    })();
    return () => {
      cancelled = true;
      scannerRef.current?.stop();
      scannerRef.current = null;
    };
  }, [list, chosen, attempt, onDecode, t]);

  const pick = (deviceId: string): void => list.getState().pick(deviceId);

  const current = state.phase === 'live' ? (state.deviceId ?? chosen) : chosen;

  return (
    <Dialog title={t(M.title)} onClose={onClose} variant="wide" className="camera" testId="camera-dialog" dismiss={{ label: t(M.close), testId: 'camera-close', focus: true }}>
      <div className="camera__body">
        <div className="camera__view">
          <video ref={videoRef} className="camera__video" muted playsInline aria-label={t(M.preview)} data-testid="camera-video" />
          {state.phase === 'starting' && <p className="camera__overlay">{t(M.starting)}</p>}
          {state.phase === 'error' && (
            <div className="camera__overlay camera__overlay--error" role="alert" data-testid="camera-error" data-code={state.error.code}>
              <span aria-hidden="true">✕ </span>
              {state.error.message}
            </div>
          )}
          {state.phase === 'live' && <div className="camera__frame" aria-hidden="true" />}
        </div>
        <div className="camera__side">
          <p className="camera__help">{t(M.help)}</p>
          {cameras !== null && cameras.length > 0 && (
            <div className="field">
              <label className="field__label" htmlFor="camera-pick">
                {t(M.camera)}
              </label>
              <select id="camera-pick" className="field__input" value={current ?? ''} onChange={(e) => pick(e.target.value)} data-testid="camera-select">
                {current === null && <option value="">{t(M.defaultCamera)}</option>}
                {cameras.map((c) => (
                  <option key={c.id} value={c.id}>
                    {cameraLabel(c.label, c.n, t)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <FormError text={lastError ?? undefined} />
          <EngineLine report={engine} />
          {state.phase === 'error' && (
            <Button variant="secondary" onClick={() => setAttempt((n) => n + 1)} testId="camera-retry">
              {t(M.retry)}
            </Button>
          )}
        </div>
      </div>
    </Dialog>
  );
}

/** Diagnostics: which decoder reads the frames, so support can tell a till on the fallback. */
function EngineLine({ report }: { report: QrEngineReport | null }) {
  const t = useT();
  if (report === null) {
    return (
      <p className="camera__engine" data-testid="camera-engine" data-engine="starting">
        {t(M.decoderStarting)}
      </p>
    );
  }
  return (
    <p className="camera__engine" data-testid="camera-engine" data-engine={report.engine} title={report.fallbackReason ?? undefined}>
      {t(M.decoder, { engine: report.engine === 'zxing-cpp' ? 'wasm' : 'js', ms: Math.round(report.coldStartMs) })}
    </p>
  );
}
