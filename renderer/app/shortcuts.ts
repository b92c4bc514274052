/**
 * One keyboard-shortcut registry for the whole app. Bindings live in layers: while a dialog or
 * overlay has registered a higher layer, only that layer's keys work (Esc closes the dialog, not
 * the customer behind it). Buttons show their key with <Kbd>, so every shortcut is visible.
 */
import { useEffect, useRef } from 'react';

export const LAYER = { screen: 0, panel: 10, overlay: 20, manager: 100, wizard: 200 } as const;

interface Binding {
  key: string;
  layer: number;
  run: () => void;
}

const bindings = new Set<Binding>();

/** The key as bindings name it: `F6`, `Escape`, `Enter`, `Ctrl+K`, `Alt+1`. */
export function keyName(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>): string {
  const mods = `${e.ctrlKey || e.metaKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}`;
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return `${mods}${e.shiftKey && e.key.length > 1 && e.key !== 'Shift' ? 'Shift+' : ''}${key}`;
}

export function topLayer(): number {
  let top = -1;
  for (const b of bindings) top = Math.max(top, b.layer);
  return top;
}

/** Exposed for tests: which binding a key would run, or null. */
export function resolveShortcut(name: string): (() => void) | null {
  const top = topLayer();
  let found: Binding | null = null;
  for (const b of bindings) if (b.layer === top && b.key === name) found = b; // the newest wins
  return found?.run ?? null;
}

export function registerShortcut(key: string, layer: number, run: () => void): () => void {
  const binding: Binding = { key, layer, run };
  bindings.add(binding);
  return () => {
    bindings.delete(binding);
  };
}

/** Listen on the window (bubble phase: the scanner's capture-phase listener runs first). */
export function installShortcuts(win: Window): () => void {
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.isComposing) return;
    const run = resolveShortcut(keyName(e));
    if (run === null) return;
    e.preventDefault();
    e.stopPropagation();
    run();
  };
  win.addEventListener('keydown', onKeyDown);
  return () => win.removeEventListener('keydown', onKeyDown);
}

/** Bind `key` while mounted (and `enabled`); the latest handler is always the one called. */
export function useShortcut(key: string, handler: () => void, options: { layer?: number; enabled?: boolean } = {}): void {
  const { layer = LAYER.screen, enabled = true } = options;
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    return registerShortcut(key, layer, () => ref.current());
  }, [key, layer, enabled]);
}

/** Claim a layer with no keys of its own: everything below it stops responding (e.g. the manager console). */
export function useShortcutLayer(layer: number, active = true): void {
  useEffect(() => {
    if (!active) return;
    return registerShortcut('\u0000', layer, () => undefined);
  }, [layer, active]);
}

/** Several keys at once (e.g. Alt+1…Alt+9): `handlers[i]` runs for `keys[i]`. */
export function useShortcuts(keys: readonly string[], handler: (index: number) => void, options: { layer?: number; enabled?: boolean } = {}): void {
  const { layer = LAYER.screen, enabled = true } = options;
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const joined = keys.join('\u0001');
  useEffect(() => {
    if (!enabled || joined === '') return;
    const offs = joined.split('\u0001').map((key, i) => registerShortcut(key, layer, () => ref.current(i)));
    return () => {
      for (const off of offs) off();
    };
  }, [joined, layer, enabled]);
}
