/**
 * Keyboard input as the till sees it: a USB scanner (keyboard wedge) types a whole code in a
 * burst — 8–15 ms per key here, jittered like real hardware — and ends with Enter; a person
 * types about 150 ms per key.
 *
 * Keys go to Chromium's input pipeline over CDP (`Input.dispatchKeyEvent`) carrying the time the
 * key was "pressed", as the OS stamps a real device's events: the page's `KeyboardEvent.timeStamp`
 * (all the wedge detector looks at) then shows the device's rhythm, not the delivery jitter of a
 * busy 2-core runner (Playwright's `keyboard.type` adds 15–25 ms of round trips a key, with
 * spikes past the detector's 50 ms). Keys are also sent in real time on that schedule, so the
 * UI sees them arrive as it would. Without CDP the helpers fall back to `keyboard`.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface WedgeOptions {
  /** Average ms between keys (default 11; each gap is this ±4, never below 5). */
  perKeyMs?: number;
  /** Key that ends the scan (default Enter; null: none). */
  terminator?: 'Enter' | 'Tab' | null;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const sessions = new WeakMap<Page, Promise<CDPSession | null>>();

function cdp(page: Page): Promise<CDPSession | null> {
  let s = sessions.get(page);
  if (s === undefined) {
    s = page
      .context()
      .newCDPSession(page)
      .catch(() => null);
    sessions.set(page, s);
  }
  return s;
}

const SPECIAL: Record<string, { code: string; keyCode: number; text: string }> = {
  Enter: { code: 'Enter', keyCode: 13, text: '\r' },
  Tab: { code: 'Tab', keyCode: 9, text: '' },
};

/** One key press stamped `atMs` (epoch ms). */
async function press(session: CDPSession, key: string, atMs: number): Promise<void> {
  const timestamp = atMs / 1000; // CDP TimeSinceEpoch is in seconds
  const special = SPECIAL[key];
  if (special !== undefined) {
    await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code: special.code, windowsVirtualKeyCode: special.keyCode, text: special.text, unmodifiedText: special.text, timestamp });
  } else {
    const upper = key.toUpperCase();
    const keyCode = /^[A-Z0-9]$/.test(upper) ? upper.charCodeAt(0) : 0;
    await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key, unmodifiedText: key, windowsVirtualKeyCode: keyCode, timestamp });
  }
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: timestamp + 0.002, ...(special === undefined ? {} : { code: special.code, windowsVirtualKeyCode: special.keyCode }) });
}

/** Presses `keys` with these gaps (ms before each key after the first), stamped and paced accordingly. */
async function pressTimed(page: Page, keys: readonly string[], gapBefore: (index: number) => number): Promise<void> {
  const session = await cdp(page);
  if (session === null) {
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) await pause(gapBefore(i) - 5);
      await page.keyboard.press(keys[i]!);
    }
    return;
  }
  const start = Date.now();
  let at = start;
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) at += gapBefore(i);
    await pause(at - Date.now());
    await press(session, keys[i]!, at);
  }
}

/** Types `payload` like a keyboard-wedge scanner, wherever focus is. */
export async function wedgeScan(page: Page, payload: string, options: WedgeOptions = {}): Promise<void> {
  const perKey = options.perKeyMs ?? 11;
  const terminator = options.terminator === undefined ? 'Enter' : options.terminator;
  const keys = [...payload, ...(terminator === null ? [] : [terminator])];
  await pressTimed(page, keys, () => Math.max(5, perKey - 4 + Math.random() * 8));
}

/** Types like a person (default 150 ms a key) into whatever has focus. */
export async function humanType(page: Page, text: string, perKeyMs = 150): Promise<void> {
  await pressTimed(page, [...text], () => perKeyMs);
}
