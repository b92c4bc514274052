/**
 * Renderer entry: find the bridge (`window.till`); without it, a clear full-screen message
 * instead of a crash. With it, the cashier app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { findBridge } from './bridge.ts';
import { App } from './app/app.tsx';
import { BridgeMissing } from './app/fatal-screen.tsx';
import { createRuntime } from './app/runtime.ts';
import { LocaleProvider } from './app/translate.tsx';
import { createLocaleStore } from './state/locale-store.ts';
import './styles/index.css';

const container = document.getElementById('root');
if (container !== null) {
  const root = createRoot(container);
  const found = findBridge();
  root.render(
    <StrictMode>
      {found.ok ? (
        <App runtime={createRuntime(found.bridge)} />
      ) : (
        // No settings without main: the OS language.
        <LocaleProvider locale={createLocaleStore(() => navigator.language)}>
          <BridgeMissing missing={found.missing} />
        </LocaleProvider>
      )}
    </StrictMode>,
  );
}
