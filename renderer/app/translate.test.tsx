import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createLocaleStore } from '../state/locale-store.ts';
import { ErrorBanner, Modal } from '../ui/index.ts';
import { LocaleProvider } from './translate.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { BridgeMissing } from './fatal-screen.tsx';

const noop = (): void => undefined;

function inLanguage(language: string | null, node: ReactNode): string {
  // Server rendering reads a store's initial state, so the language comes in as the OS's.
  const locale = createLocaleStore(() => language ?? 'en-US');
  return renderToStaticMarkup(<LocaleProvider locale={locale}>{node}</LocaleProvider>);
}

function Boom(): never {
  throw new Error('render failed');
}

describe('views read the runtime translator through LocaleProvider', () => {
  it("the kit's own labels follow the language: the dialog close button, a call error", () => {
    const modal = <Modal title="x" onClose={noop}>body</Modal>;
    expect(renderToStaticMarkup(modal)).toContain('<span class="btn__label">Close</span>');
    expect(inLanguage('de', modal)).toContain('<span class="btn__label">Schließen</span>');
    expect(inLanguage('zh-CN', modal)).toContain('<span class="btn__label">关闭</span>');
    const banner = <ErrorBanner error={{ code: 'BRIDGE', message: 'The till could not finish that. Try again; if it keeps happening, call a manager.' }} />;
    expect(inLanguage('es', banner)).not.toContain('The till could not finish that');
  });

  it('the screen shown without main speaks the language it is given', () => {
    expect(inLanguage('de', <BridgeMissing missing={['till']} />)).toContain('Die Kasse kann nicht starten');
    expect(inLanguage(null, <BridgeMissing missing={['till']} />)).toContain('The till cannot start');
  });

  it('a crashed screen is named in the current language', () => {
    // Server rendering does not run error boundaries, so render what a failed boundary shows.
    const boundary = new ErrorBoundary({ area: 'manager', children: <Boom /> });
    boundary.state = { failed: true };
    expect(inLanguage('de', boundary.render())).toContain('Die Managerkonsole hat ein Problem.');
    expect(inLanguage(null, boundary.render())).toContain('The manager console ran into a problem.');
  });
});
