import { describe, expect, it } from 'vitest';
import { keyName, LAYER, registerShortcut, resolveShortcut } from './shortcuts.ts';

const ev = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({ key, ctrlKey: false, altKey: false, metaKey: false, shiftKey: false, ...mods });

describe('shortcuts', () => {
  it('names keys the way bindings are written', () => {
    expect(keyName(ev('F6'))).toBe('F6');
    expect(keyName(ev('Escape'))).toBe('Escape');
    expect(keyName(ev('1', { altKey: true }))).toBe('Alt+1');
    expect(keyName(ev('c'))).toBe('C');
    expect(keyName(ev('Enter', { shiftKey: true }))).toBe('Shift+Enter');
  });

  it('only the top layer answers, so Esc in a dialog does not clear the customer behind it', () => {
    const hits: string[] = [];
    const offScreen = registerShortcut('Escape', LAYER.screen, () => hits.push('screen'));
    const offF6 = registerShortcut('F6', LAYER.screen, () => hits.push('f6'));
    resolveShortcut('Escape')?.();
    const offDialog = registerShortcut('Escape', LAYER.panel, () => hits.push('dialog'));
    resolveShortcut('Escape')?.();
    expect(resolveShortcut('F6')).toBeNull();
    offDialog();
    resolveShortcut('Escape')?.();
    expect(hits).toEqual(['screen', 'dialog', 'screen']);
    offScreen();
    offF6();
    expect(resolveShortcut('Escape')).toBeNull();
  });
});
