/**
 * `t(MESSAGES.x, values)` for a view, in the current language (re-renders when it changes). The
 * same translator the stores use, so a message reads the same from a store and from a view.
 */
import { useCallback } from 'react';
import { useStore } from 'zustand';
import { useRuntime } from './context.tsx';
import type { Translate } from '../state/locale-store.ts';

export function useText(): Translate {
  const translator = useStore(useRuntime().locale, (s) => s.translator);
  return useCallback<Translate>((message, values) => translator.t(message, values), [translator]);
}
