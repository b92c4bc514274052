/**
 * Key-event sequences that look like a keyboard-wedge scanner (or a person) typing, for unit
 * tests and the QA/training mode's scanner injection.
 */
import type { WedgeKeyEvent } from './wedge-detector.ts';

export interface SyntheticTypingOptions {
  /** Timestamp of the first key. */
  start?: number;
  /** Gap between keys: a number, or a function of the key index for jitter or pauses. */
  gapMs?: number | ((index: number) => number);
  /** Appended key: 'Enter', 'Tab' or none. */
  terminator?: 'Enter' | 'Tab' | null;
  /** Send a Shift keydown before upper-case letters and shifted symbols, as real wedges do. */
  shiftKeys?: boolean;
}

const SHIFTED = new Set('~!@#$%^&*()_+{}|:"<>?');

/**
 * Events for `text`. C0 control characters are sent the way a wedge sends them: Ctrl+letter
 * (STX = Ctrl+B); `\t` and `\n` become Tab and Enter.
 */
export function syntheticKeys<T = unknown>(text: string, options: SyntheticTypingOptions = {}, target?: T): WedgeKeyEvent<T>[] {
  const { start = 1000, gapMs = 10, terminator = 'Enter', shiftKeys = false } = options;
  const gap = typeof gapMs === 'number' ? () => gapMs : gapMs;
  const events: WedgeKeyEvent<T>[] = [];
  let t = start;
  let index = 0;
  const push = (ev: Omit<WedgeKeyEvent<T>, 'timeStamp' | 'target'>): void => {
    if (index > 0) t += gap(index);
    index++;
    events.push({ ...ev, timeStamp: t, ...(target === undefined ? {} : { target }) });
  };
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === '\t') push({ key: 'Tab' });
    else if (ch === '\n' || ch === '\r') push({ key: 'Enter' });
    else if (code < 0x20) {
      // Modifier keydowns carry a timestamp too, a hair before the key they modify.
      events.push({ key: 'Control', timeStamp: t + 1, ctrlKey: true });
      push({ key: String.fromCharCode(code + 0x60), ctrlKey: true });
    } else {
      if (shiftKeys && (/[A-Z]/.test(ch) || SHIFTED.has(ch))) events.push({ key: 'Shift', timeStamp: t + 1 });
      push({ key: ch });
    }
  }
  if (terminator !== null) push({ key: terminator });
  return events;
}
