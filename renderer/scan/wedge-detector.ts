/**
 * Keyboard-wedge (USB barcode scanner) detection, as a pure state machine fed key events.
 *
 * A scanner "types" a whole code in a burst — typically 5–40 ms per key — then Enter or Tab.
 * A person types 100+ ms per key. So a scan is: at least `minLength` characters whose gaps are
 * all ≤ `maxGapMs`, ended by a terminator that also arrives within `maxGapMs`.
 *
 * How a scan and the cashier's typing coexist (the attach layer implements this):
 * - Character keys are NEVER blocked. While a burst is still unproven we cannot know it is a
 *   scanner, and blocking then "replaying" keys would risk losing or reordering real typing.
 * - Only the terminator of a proven scan is consumed (so Enter does not submit the form the
 *   cashier was in, and Tab does not move focus).
 * - Characters the burst typed into a field are undone afterwards: `startsBurst` tells the
 *   attach layer when to snapshot the focused field, and a `scan` decision tells it to restore
 *   that snapshot. A field therefore ends exactly as it was before the scanner's first key.
 * - Human typing has gaps > `maxGapMs`, so each key starts a fresh one-key candidate and can
 *   never complete a scan. The one way to lose typing is to type ≥ `minLength` characters plus
 *   Enter with every gap ≤ `maxGapMs` (50 ms by default), which people do not do.
 */

export type WedgeTerminator = 'Enter' | 'Tab';

export interface WedgeOptions {
  /** Largest gap between two keys of one scan. Scanners: 5–40 ms; people: 100+ ms. */
  maxGapMs: number;
  /** Shortest payload (after prefix/suffix are removed) that counts as a scan. */
  minLength: number;
  /** Characters the scanner is configured to send before / after the code. */
  prefix: string;
  suffix: string;
  /** Keys that end a scan. Empty: the scanner sends no terminator; a pause ends the scan (see `flush`). */
  terminators: readonly WedgeTerminator[];
  /** A burst longer than this is not a scan (e.g. a stuck key); it is dropped. */
  maxLength: number;
}

export const DEFAULT_WEDGE_OPTIONS: Readonly<WedgeOptions> = Object.freeze({
  maxGapMs: 50,
  minLength: 4,
  prefix: '',
  suffix: '',
  terminators: Object.freeze(['Enter', 'Tab'] as const),
  maxLength: 1024,
});

export interface WedgeKeyEvent<T = unknown> {
  key: string;
  /** `KeyboardEvent.timeStamp` (ms, monotonic). */
  timeStamp: number;
  target?: T;
  repeat?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export interface WedgeScan {
  payload: string;
  avgGapMs: number;
  maxGapMs: number;
  /** Character keys in the burst, prefix and suffix included, terminator excluded. */
  keys: number;
  prefixSeen: boolean;
  suffixSeen: boolean;
  terminator: WedgeTerminator | null;
}

export type WedgeDecision<T = unknown> =
  /** Let the key through. `startsBurst`: this key may be a scanner's first; snapshot the field now. */
  | { kind: 'pass'; startsBurst: boolean }
  /**
   * A scan completed. `consumeKey`: this key is its terminator, so swallow it. `targets`: where
   * the burst's characters went, to be restored. `startsBurst`: (terminator-less mode only) this
   * key, which revealed the end of the previous scan, may itself start a new burst.
   */
  | { kind: 'scan'; scan: WedgeScan; consumeKey: boolean; targets: T[]; startsBurst: boolean };

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'OS', 'Hyper', 'Super', 'Fn', 'FnLock', 'NumLock', 'ScrollLock', 'Symbol', 'SymbolLock']);

export function isModifierKey(key: string): boolean {
  return MODIFIERS.has(key);
}

/**
 * The character a key event contributes to a scan, or null if it is not a character.
 * Ctrl+letter becomes the C0 control character scanners use for prefixes (Ctrl+B = STX);
 * Ctrl+Alt is AltGr on Windows and Linux, so its key is taken as typed.
 */
export function keyEventChar(ev: Pick<WedgeKeyEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): string | null {
  const { key } = ev;
  if (ev.metaKey === true) return null;
  const single = key.length === 1 || (key.length === 2 && key.codePointAt(0)! > 0xffff);
  if (!single) return null;
  if (ev.ctrlKey === true && ev.altKey !== true) {
    const code = key.toUpperCase().charCodeAt(0);
    return code >= 0x40 && code <= 0x5f ? String.fromCharCode(code - 0x40) : null;
  }
  if (ev.altKey === true && ev.ctrlKey !== true) return null;
  return key;
}

export function validateWedgeOptions(options: Partial<WedgeOptions>): WedgeOptions {
  const o: WedgeOptions = { ...DEFAULT_WEDGE_OPTIONS, ...options };
  if (!Number.isFinite(o.maxGapMs) || o.maxGapMs <= 0 || o.maxGapMs > 1000) throw new RangeError('maxGapMs must be between 0 and 1000');
  if (!Number.isInteger(o.minLength) || o.minLength < 2) throw new RangeError('minLength must be an integer of at least 2');
  if (!Number.isInteger(o.maxLength) || o.maxLength < o.minLength) throw new RangeError('maxLength must be at least minLength');
  if (o.terminators.some((t) => t !== 'Enter' && t !== 'Tab')) throw new RangeError('terminators may only be Enter or Tab');
  return { ...o, terminators: [...o.terminators] };
}

export class WedgeDetector<T = unknown> {
  readonly options: Readonly<WedgeOptions>;
  #chars: string[] = [];
  #times: number[] = [];
  #targets: T[] = [];
  #lastTime: number | null = null;
  #overflowed = false;

  constructor(options: Partial<WedgeOptions> = {}) {
    this.options = validateWedgeOptions(options);
  }

  feed(ev: WedgeKeyEvent<T>): WedgeDecision<T> {
    if (isModifierKey(ev.key)) return { kind: 'pass', startsBurst: false };
    const last = this.#lastTime;
    // A clock that jumps back is treated as a long pause, never as a fast key.
    const gap = last === null || ev.timeStamp < last ? Number.POSITIVE_INFINITY : ev.timeStamp - last;
    const fast = gap <= this.options.maxGapMs;
    const noTerminator = this.options.terminators.length === 0;

    // Terminator-less scanners: a pause (or any non-character key) is what ends the scan.
    let pending: WedgeScan | null = null;
    let pendingTargets: T[] = [];
    if (noTerminator && this.#chars.length > 0 && (!fast || keyEventChar(ev) === null || ev.repeat === true)) {
      pending = this.#build(null, null);
      pendingTargets = this.#targets;
      this.reset();
    }
    const withPending = (startsBurst: boolean): WedgeDecision<T> =>
      pending !== null
        ? { kind: 'scan', scan: pending, consumeKey: false, targets: pendingTargets, startsBurst }
        : { kind: 'pass', startsBurst };

    // Scanners never auto-repeat; a held key is a person.
    if (ev.repeat === true) {
      this.reset();
      return withPending(false);
    }

    const terminator = (ev.key === 'Enter' || ev.key === 'Tab') && ev.ctrlKey !== true && ev.altKey !== true && ev.metaKey !== true ? ev.key : null;
    if (terminator !== null && this.options.terminators.includes(terminator)) {
      const scan = fast && this.#chars.length > 0 ? this.#build(terminator, ev.timeStamp - (last ?? ev.timeStamp)) : null;
      const targets = this.#targets;
      this.reset();
      if (scan === null) return { kind: 'pass', startsBurst: false };
      return { kind: 'scan', scan, consumeKey: true, targets, startsBurst: false };
    }

    const ch = keyEventChar(ev);
    if (ch === null) {
      // Arrows, Backspace, F-keys, shortcuts, IME: not a scanner.
      this.reset();
      return withPending(false);
    }

    // A slow gap means whatever came before was not this scan (and a first key has no gap).
    const startsBurst = !fast;
    if (startsBurst) this.reset();
    this.#lastTime = ev.timeStamp;
    if (this.#overflowed) return withPending(false);
    this.#chars.push(ch);
    this.#times.push(ev.timeStamp);
    if (ev.target !== undefined && !this.#targets.includes(ev.target)) this.#targets.push(ev.target);
    if (this.#chars.length > this.options.maxLength) {
      // Keep timing so the rest of this run is not mistaken for a fresh burst, but drop the text.
      this.#chars = [];
      this.#times = [];
      this.#overflowed = true;
    }
    return withPending(startsBurst);
  }

  /**
   * For terminator-less scanners: call once `maxGapMs` has passed since the last key. Returns
   * the completed scan, if the keys so far form one.
   */
  flush(timeStamp: number): WedgeDecision<T> | null {
    if (this.options.terminators.length > 0 || this.#chars.length === 0 || this.#lastTime === null) return null;
    if (timeStamp - this.#lastTime <= this.options.maxGapMs) return null;
    const scan = this.#build(null, null);
    const targets = this.#targets;
    this.reset();
    return scan === null ? null : { kind: 'scan', scan, consumeKey: false, targets, startsBurst: false };
  }

  /** Forget the current burst (focus left the window, the page was hidden, …). */
  reset(): void {
    this.#chars = [];
    this.#times = [];
    this.#targets = [];
    this.#lastTime = null;
    this.#overflowed = false;
  }

  #build(terminator: WedgeTerminator | null, terminatorGap: number | null): WedgeScan | null {
    if (this.#overflowed) return null;
    let text = this.#chars.join('');
    const { prefix, suffix } = this.options;
    const prefixSeen = prefix !== '' && text.startsWith(prefix);
    if (prefixSeen) text = text.slice(prefix.length);
    const suffixSeen = suffix !== '' && text.endsWith(suffix);
    if (suffixSeen) text = text.slice(0, -suffix.length);
    if (text.length < this.options.minLength) return null;
    const gaps: number[] = [];
    for (let i = 1; i < this.#times.length; i++) gaps.push(this.#times[i]! - this.#times[i - 1]!);
    if (terminatorGap !== null) gaps.push(terminatorGap);
    return {
      payload: text,
      avgGapMs: gaps.length === 0 ? 0 : gaps.reduce((a, b) => a + b, 0) / gaps.length,
      maxGapMs: gaps.length === 0 ? 0 : Math.max(...gaps),
      keys: this.#chars.length,
      prefixSeen,
      suffixSeen,
      terminator,
    };
  }
}
