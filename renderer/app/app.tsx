/**
 * The app frame: status strip on top, the cashier screen, notices, the coupon verdict overlay,
 * and the manager console (behind its own PIN) mounted on demand.
 */
import { defineMessages } from '@formatjs/intl';
import { lazy, Suspense, useEffect } from 'react';
import { CashierScreen } from '../cashier/cashier-screen.tsx';
import { TillProvider, useRuntime, useUi } from './context.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import type { TillRuntime } from './runtime.ts';
import { installShortcuts, LAYER, useShortcutLayer } from './shortcuts.ts';
import { StatusStrip } from './status-strip.tsx';
import { LocaleProvider, useT } from './translate.tsx';
import { ScanFlash, Toasts } from './toasts.tsx';

const M = defineMessages({
  opening: { id: 'app.manager.opening', defaultMessage: 'Opening the manager console…', description: 'While the manager console loads' },
});

const ManagerConsole = lazy(() => import('../manager/index.tsx').then((m) => ({ default: m.ManagerConsole })));

export function App({ runtime }: { runtime: TillRuntime }) {
  useEffect(() => runtime.start(window), [runtime]);
  useEffect(() => installShortcuts(window), []);
  return (
    <TillProvider runtime={runtime}>
      <LocaleProvider locale={runtime.locale}>
        <div className="app">
          <StatusStrip />
          <ErrorBoundary area="cashier" onReset={() => runtime.ui.getState().close()}>
            <CashierScreen />
          </ErrorBoundary>
          <Toasts />
          <ScanFlash />
          <ManagerSlot />
        </div>
      </LocaleProvider>
    </TillProvider>
  );
}

function ManagerSlot() {
  const runtime = useRuntime();
  const t = useT();
  const panel = useUi((s) => s.panel);
  const open = panel === 'manager';
  useShortcutLayer(LAYER.manager, open);
  // The manager's screens take typed input (journal search…): scans there are text, not members.
  useEffect(() => (open ? runtime.suspendScanning() : undefined), [open, runtime]);
  const close = (): void => {
    runtime.ui.getState().close('manager');
    // The queue may have changed in there (settings are current: they change only through their store).
    void runtime.status.getState().refresh();
  };
  if (!open) return null;
  return (
    <ErrorBoundary area="manager" onReset={close} overlay>
      <Suspense fallback={<div className="loading-screen">{t(M.opening)}</div>}>
        <ManagerConsole onClose={close} />
      </Suspense>
    </ErrorBoundary>
  );
}
