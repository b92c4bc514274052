/**
 * A view rendered once on the server inside a runtime's providers (tests). Server rendering reads a
 * store's initial state, so each of `showing` is made to hand out what it holds now.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TillRuntime } from '../app/runtime.ts';
import { TillProvider } from '../app/context.tsx';
import { LocaleProvider } from '../app/translate.tsx';

interface ServerReadStore {
  getState: () => unknown;
  getInitialState: () => unknown;
}

export function renderInTill(runtime: TillRuntime, view: ReactElement, showing: readonly ServerReadStore[] = []): string {
  for (const store of showing) store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <TillProvider runtime={runtime}>
      <LocaleProvider locale={runtime.locale}>{view}</LocaleProvider>
    </TillProvider>,
  );
}
