/**
 * Wires a `WedgeDetector` to a window: global (focus-independent) capture of scanner bursts.
 *
 * Listens to `keydown` in the capture phase on the window, so it sees every key before any
 * field or app handler, wherever focus is. Policy (see wedge-detector.ts for the reasoning):
 * character keys always pass; the terminator of a proven scan is swallowed; any text field the
 * burst typed into is put back exactly as it was before the scanner's first key.
 */
import { WedgeDetector, type WedgeOptions, type WedgeScan } from './wedge-detector.ts';

/** The slice of `window` this needs, so tests can pass a small fake. */
export interface WedgeHost {
  addEventListener(type: string, listener: (event: never) => void, options?: boolean | AddEventListenerOptions): void;
  removeEventListener(type: string, listener: (event: never) => void, options?: boolean | EventListenerOptions): void;
}

type KeyEventLike = Pick<
  KeyboardEvent,
  'key' | 'timeStamp' | 'target' | 'repeat' | 'ctrlKey' | 'altKey' | 'metaKey' | 'isComposing' | 'preventDefault' | 'stopImmediatePropagation'
>;

/** Input types whose value a stray key can change. */
const TEXT_INPUT_TYPES = new Set(['', 'text', 'search', 'tel', 'url', 'email', 'password', 'number']);

interface FieldSnapshot {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

export function attachWedgeDetector(win: WedgeHost, options: Partial<WedgeOptions>, onScan: (scan: WedgeScan) => void): () => void {
  const detector = new WedgeDetector<EventTarget>(options);
  const snapshots = new Map<TextField, FieldSnapshot>();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const deliver = (scan: WedgeScan, targets: readonly EventTarget[]): void => {
    for (const target of targets) {
      const field = asTextField(target);
      const snap = field === null ? undefined : snapshots.get(field);
      if (field !== null && snap !== undefined) restoreField(field, snap);
    }
    snapshots.clear();
    onScan(scan);
  };

  const onKeyDown = (event: KeyEventLike): void => {
    if (event.isComposing) {
      // IME composition is a person writing; its keys are not scanner output.
      detector.reset();
      return;
    }
    const target = event.target ?? undefined;
    const decision = detector.feed({
      key: event.key,
      timeStamp: event.timeStamp,
      target,
      repeat: event.repeat,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
    });
    if (decision.kind === 'scan') {
      if (decision.consumeKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
      deliver(decision.scan, decision.targets);
    }
    if (decision.startsBurst) snapshots.clear();
    // Snapshot before this key's character lands (keydown precedes insertion); once per field per burst.
    const field = asTextField(target ?? null);
    const consumed = decision.kind === 'scan' && decision.consumeKey;
    if (field !== null && !consumed && !snapshots.has(field)) snapshots.set(field, snapshotField(field));

    if (detector.options.terminators.length === 0) {
      clearTimeout(idleTimer);
      const keyTime = event.timeStamp;
      idleTimer = setTimeout(() => {
        const flushed = detector.flush(keyTime + detector.options.maxGapMs + 1);
        if (flushed?.kind === 'scan') deliver(flushed.scan, flushed.targets);
      }, detector.options.maxGapMs + 10);
    }
  };

  const onReset = (): void => {
    detector.reset();
    snapshots.clear();
  };

  win.addEventListener('keydown', onKeyDown, { capture: true });
  win.addEventListener('blur', onReset);
  return () => {
    clearTimeout(idleTimer);
    win.removeEventListener('keydown', onKeyDown, { capture: true });
    win.removeEventListener('blur', onReset);
  };
}

/** Duck-typed so it works across frames and in tests; only value-bearing text fields qualify. */
function asTextField(target: EventTarget | null): TextField | null {
  if (target === null || typeof target !== 'object' || !('tagName' in target)) return null;
  const tag = String(target.tagName).toUpperCase();
  if (tag === 'TEXTAREA') return target as HTMLTextAreaElement;
  if (tag !== 'INPUT') return null;
  const input = target as HTMLInputElement;
  return TEXT_INPUT_TYPES.has(String(input.type ?? '').toLowerCase()) ? input : null;
}

function snapshotField(field: TextField): FieldSnapshot {
  const [selectionStart, selectionEnd] = readSelection(field);
  return { value: field.value, selectionStart, selectionEnd };
}

function readSelection(field: TextField): [number | null, number | null] {
  try {
    return [field.selectionStart, field.selectionEnd];
  } catch {
    return [null, null]; // some input types (number, email) have no selection API
  }
}

/**
 * Put a field back and tell the app. The value goes through the prototype's setter, not the
 * instance's: React shadows `value` on the instance to track it, and only sees the change (and
 * fires onChange) if its tracker still holds the old value when the `input` event arrives.
 */
function restoreField(field: TextField, snap: FieldSnapshot): void {
  if (field.value === snap.value) return;
  setNativeValue(field, snap.value);
  if (snap.selectionStart !== null && snap.selectionEnd !== null) {
    try {
      field.setSelectionRange(snap.selectionStart, snap.selectionEnd);
    } catch {
      // Not all input types support selection; the value is what matters.
    }
  }
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function setNativeValue(field: TextField, value: string): void {
  for (let proto: unknown = Object.getPrototypeOf(field); proto !== null && typeof proto === 'object'; proto = Object.getPrototypeOf(proto)) {
    // Reflect.set with the field as receiver runs the prototype's setter on the field itself.
    if (Object.getOwnPropertyDescriptor(proto, 'value')?.set !== undefined && Reflect.set(proto, 'value', value, field)) return;
  }
  field.value = value;
}
