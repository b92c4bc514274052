import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachWedgeDetector, type WedgeHost } from './attach-wedge.ts';
import { syntheticKeys } from './synthetic-keys.ts';
import type { WedgeKeyEvent, WedgeScan } from './wedge-detector.ts';

/** A text input with the browser's default key action, plus React's instance-level value tracker. */
class FakeInput extends EventTarget {
  readonly tagName = 'INPUT';
  type = 'text';
  selectionStart: number | null = 0;
  selectionEnd: number | null = 0;
  #value = '';
  /** What React last saw; React fires onChange only when an input event shows a different value. */
  reactTracked = '';
  reactChanges: string[] = [];

  constructor() {
    super();
    const proto = Object.getPrototypeOf(this) as object;
    const native = Object.getOwnPropertyDescriptor(proto, 'value')!;
    Object.defineProperty(this, 'value', {
      configurable: true,
      get: () => native.get!.call(this) as string,
      set: (v: string) => {
        this.reactTracked = v;
        native.set!.call(this, v);
      },
    });
    this.addEventListener('input', () => {
      if (this.value !== this.reactTracked) {
        this.reactTracked = this.value;
        this.reactChanges.push(this.value);
      }
    });
  }
  get value(): string {
    return this.#value;
  }
  set value(v: string) {
    this.#value = v;
  }
  setSelectionRange(start: number, end: number): void {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  /** The default action of a character keydown: replace the selection and fire `input`. */
  insert(ch: string): void {
    const s = this.selectionStart ?? this.#value.length;
    const e = this.selectionEnd ?? s;
    this.#value = this.#value.slice(0, s) + ch + this.#value.slice(e);
    this.selectionStart = this.selectionEnd = s + ch.length;
    this.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

class FakeWindow implements WedgeHost {
  listeners = new Map<string, ((e: never) => void)[]>();
  enterReachedApp = 0;
  addEventListener(type: string, l: (e: never) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  removeEventListener(type: string, l: (e: never) => void): void {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((x) => x !== l));
  }
  /** Dispatch as the browser would: capture listeners first, then app handlers and the default action. */
  press(ev: WedgeKeyEvent<FakeInput | null>): void {
    let prevented = false;
    let stopped = false;
    const event = {
      key: ev.key,
      timeStamp: ev.timeStamp,
      target: ev.target ?? null,
      repeat: ev.repeat ?? false,
      ctrlKey: ev.ctrlKey ?? false,
      altKey: ev.altKey ?? false,
      metaKey: ev.metaKey ?? false,
      isComposing: false,
      preventDefault: () => (prevented = true),
      stopImmediatePropagation: () => (stopped = true),
    };
    for (const l of this.listeners.get('keydown') ?? []) (l as (e: typeof event) => void)(event);
    if (!stopped && ev.key === 'Enter') this.enterReachedApp++;
    const target = ev.target;
    if (!prevented && target && ev.key.length === 1 && !ev.ctrlKey) target.insert(ev.key);
  }
  blur(): void {
    for (const l of this.listeners.get('blur') ?? []) (l as () => void)();
  }
}

function setup(options = {}) {
  const win = new FakeWindow();
  const amount = new FakeInput();
  const found: WedgeScan[] = [];
  const detach = attachWedgeDetector(win, options, (s) => found.push(s));
  const type = (text: string, opts: Parameters<typeof syntheticKeys>[1] = {}, target: FakeInput | null = amount): void => {
    for (const e of syntheticKeys<FakeInput | null>(text, opts, target)) win.press(e);
  };
  return { win, amount, found, detach, type };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('attachWedgeDetector', () => {
  it('a scan while the amount field is focused leaves the field as it was, and Enter does not reach the app', () => {
    const { amount, found, win, type } = setup();
    type('12.5', { gapMs: 140, terminator: null, start: 0 });
    amount.setSelectionRange(2, 2); // caret in the middle, as a cashier might leave it
    type('mb_7f3a9c', { gapMs: 9, start: 5000 });
    expect(found.map((s) => s.payload)).toEqual(['mb_7f3a9c']);
    expect(amount.value).toBe('12.5');
    expect([amount.selectionStart, amount.selectionEnd]).toEqual([2, 2]);
    expect(amount.reactTracked).toBe('12.5'); // React was told about the restored value
    expect(amount.reactChanges.at(-1)).toBe('12.5');
    expect(win.enterReachedApp).toBe(0);
  });

  it('slow typing into the amount field is not a scan and is untouched, Enter included', () => {
    const { amount, found, win, type } = setup();
    type('1000', { gapMs: 130 });
    expect(found).toEqual([]);
    expect(amount.value).toBe('1000');
    expect(win.enterReachedApp).toBe(1);
  });

  it('a short fast burst (below minLength) is left alone', () => {
    const { amount, found, win, type } = setup();
    type('12', { gapMs: 20 });
    expect(found).toEqual([]);
    expect(amount.value).toBe('12');
    expect(win.enterReachedApp).toBe(1);
  });

  it('works with no field focused', () => {
    const { found, type } = setup();
    type('cp_SPRING-10', { gapMs: 4 }, null);
    expect(found.map((s) => s.payload)).toEqual(['cp_SPRING-10']);
  });

  it('forgets a half burst when the window loses focus, and stops after detach', () => {
    const { found, type, win, detach } = setup();
    type('mb_ab', { gapMs: 4, terminator: null, start: 0 });
    win.blur();
    type('cd', { gapMs: 4, start: 24 });
    expect(found).toEqual([]);
    detach();
    type('mb_abcd', { gapMs: 4, start: 9000 });
    expect(found).toEqual([]);
    expect(win.listeners.get('keydown')).toEqual([]);
  });

  it('terminator-less scanners are flushed after a pause', () => {
    vi.useFakeTimers();
    const { amount, found, type } = setup({ terminators: [] });
    type('mb_abcd', { gapMs: 6, terminator: null });
    expect(found).toEqual([]);
    expect(amount.value).toBe('mb_abcd');
    vi.advanceTimersByTime(100);
    expect(found.map((s) => s.payload)).toEqual(['mb_abcd']);
    expect(amount.value).toBe('');
  });
});
