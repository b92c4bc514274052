/**
 * The runtime's translator as a `t(descriptor, values)` for views that hand text to the pure
 * view-models (pin-model, adjust-model, wizard-model): the same locale and messages the
 * IntlProvider has, re-rendering when the language changes. Stable while the language stays, so
 * it can sit in hook dependencies.
 */
import { useCallback } from 'react';
import { useStore } from 'zustand';
import { useRuntime } from '../app/context.tsx';
import type { Translate } from '../state/locale-store.ts';

export function useTranslate(): Translate {
  const translator = useStore(useRuntime().locale, (s) => s.translator);
  return useCallback<Translate>((message, values) => translator.t(message, values), [translator]);
}
