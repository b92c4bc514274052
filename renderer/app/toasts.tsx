/**
 * Scan feedback you can see: a short notice, and a flash of the frame (green read / red refused).
 * Both stay visible and live above an open dialog (`AboveDialogs`); notices stay beneath the
 * coupon verdict.
 */
import { defineMessages } from '@formatjs/intl';
import type { Toast as ToastItem } from '../state/feedback-store.ts';
import { AboveDialogs } from '../ui/index.ts';
import { useFeedback, useRuntime } from './context.tsx';
import { useT } from './translate.tsx';

const M = defineMessages({
  dismiss: { id: 'app.toast.dismiss', defaultMessage: 'Dismiss', description: 'Close button of a notice (read out, shown as ×)' },
});

export function Toasts() {
  const toasts = useFeedback((s) => s.toasts);
  // Errors interrupt (alert); everything else waits its turn (status).
  const urgent = toasts.filter((t) => t.tone === 'error');
  const polite = toasts.filter((t) => t.tone !== 'error');
  return (
    <AboveDialogs kind="notice">
      <div className="toasts" data-testid="toasts">
        <div role="status" aria-live="polite" className="toasts__polite">
          {polite.map((t) => (
            <Toast key={t.id} toast={t} />
          ))}
        </div>
        <div role="alert" className="toasts__assertive">
          {urgent.map((t) => (
            <Toast key={t.id} toast={t} />
          ))}
        </div>
      </div>
    </AboveDialogs>
  );
}

function Toast({ toast }: { toast: ToastItem }) {
  const feedback = useRuntime().feedback;
  const t = useT();
  return (
    <div className={`toast toast--${toast.tone}`} data-testid="toast" data-tone={toast.tone}>
      {toast.tone === 'error' && (
        <span aria-hidden="true" className="toast__icon">
          ✕
        </span>
      )}
      <span>{toast.text}</span>
      <button type="button" className="toast__close" onClick={() => feedback.getState().dismiss(toast.id)} aria-label={t(M.dismiss)}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
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
