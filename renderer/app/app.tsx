/**
 * The app frame: status strip on top, the cashier screen, notices, the coupon verdict overlay,
 * and the manager console (behind its own PIN) mounted on demand.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { useStore } from 'zustand';
import { SOURCE_LOCALE } from '../../shared/i18n/locales.ts';
import { CashierScreen } from '../cashier/cashier-screen.tsx';
import { TillProvider, useRuntime, useUi } from './context.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import type { TillRuntime } from './runtime.ts';
import { installShortcuts, LAYER, useShortcutLayer } from './shortcuts.ts';
import { StatusStrip } from './status-strip.tsx';
import { ScanFlash, Toasts } from './toasts.tsx';

const ManagerConsole = lazy(() => import('../manager/index.tsx').then((m) => ({ default: m.ManagerConsole })));

export function App({ runtime }: { runtime: TillRuntime }) {
  useEffect(() => runtime.start(window), [runtime]);
  useEffect(() => installShortcuts(window), []);
  return (
    <TillProvider runtime={runtime}>
      <LocaleProvider runtime={runtime}>
        <div className="app">
          <StatusStrip />
          <ErrorBoundary label="The cashier screen" onReset={() => runtime.ui.getState().close()}>
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

/**
 * react-intl for every view, fed from the runtime's locale store, so a language change in the
 * settings re-renders the app in the new language. Views use `useIntl()` / `<FormattedMessage>`.
 */
function LocaleProvider({ runtime, children }: { runtime: TillRuntime; children: ReactNode }) {
  const translator = useStore(runtime.locale, (s) => s.translator);
  return (
    <IntlProvider locale={translator.locale} messages={translator.messages} defaultLocale={SOURCE_LOCALE} onError={ignoreIntlError}>
      {children}
    </IntlProvider>
  );
}

/** Missing translations fall back to English by construction; the catalogue test catches the rest. */
function ignoreIntlError(): void {}

function ManagerSlot() {
  const runtime = useRuntime();
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
    <ErrorBoundary label="The manager console" onReset={close} overlay>
      <Suspense fallback={<div className="loading-screen">Opening the manager console…</div>}>
        <ManagerConsole onClose={close} />
      </Suspense>
    </ErrorBoundary>
  );
}
