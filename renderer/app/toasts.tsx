/**
 * Scan feedback you can see: a short notice, and a flash of the frame (green read / red refused).
 * Both stay visible and live above an open dialog (`AboveDialogs`); notices stay beneath the
 * coupon verdict.
 */
import { AboveDialogs } from '../ui/index.ts';
import { useFeedback, useRuntime } from './context.tsx';

export function Toasts() {
  const runtime = useRuntime();
  const toasts = useFeedback((s) => s.toasts);
  return (
    <AboveDialogs kind="notice">
      <div className="toasts" data-testid="toasts">
        <div role="status" aria-live="polite" className="toasts__polite">
          {toasts
            .filter((t) => t.tone !== 'error')
            .map((t) => (
              <div key={t.id} className={`toast toast--${t.tone}`} data-testid="toast" data-tone={t.tone}>
                <span>{t.text}</span>
                <button type="button" className="toast__close" onClick={() => runtime.feedback.getState().dismiss(t.id)} aria-label="Dismiss">
                  <span aria-hidden="true">×</span>
                </button>
              </div>
            ))}
        </div>
        <div role="alert" className="toasts__assertive">
          {toasts
            .filter((t) => t.tone === 'error')
            .map((t) => (
              <div key={t.id} className="toast toast--error" data-testid="toast" data-tone="error">
                <span aria-hidden="true" className="toast__icon">
                  ✕
                </span>
                <span>{t.text}</span>
                <button type="button" className="toast__close" onClick={() => runtime.feedback.getState().dismiss(t.id)} aria-label="Dismiss">
                  <span aria-hidden="true">×</span>
                </button>
              </div>
            ))}
        </div>
      </div>
    </AboveDialogs>
  );
}

export function ScanFlash() {
  const pulse = useFeedback((s) => s.scanPulse);
  if (pulse.n === 0) return null;
  // A new key restarts the CSS animation on every scan.
  return (
    <AboveDialogs kind="flash">
      <div key={pulse.n} className={`scan-flash ${pulse.ok ? 'scan-flash--ok' : 'scan-flash--error'}`} aria-hidden="true" data-testid="scan-flash" />
    </AboveDialogs>
  );
}
