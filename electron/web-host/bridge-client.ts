/**
 * Browser-side stand-in for the preload bridge (dev/test web host only). It gives the page the
 * same `window.till` as electron/preload.ts (the same builder, shared/ipc/build-bridge.ts) but
 * forwards over HTTP:
 *
 *   invoke: POST /__bridge/invoke/<wire name>, body {"payload": …}, header X-Till-Token
 *   events: Server-Sent Events from /__bridge/events?token=…, one SSE event name per channel
 *
 * The per-launch token arrives in the URL fragment (`#token=…`, never sent to any server), is
 * kept in sessionStorage so a reload works, and is removed from the address bar at once.
 * Bundled by the host at start (bridge-bundle.ts) and served from /__bridge/bridge.js: it is
 * never part of the renderer bundle and never in a packaged build.
 */
import { buildBridge } from '../../shared/ipc/build-bridge.ts';
import { BRIDGE_KEY } from '../../shared/ipc/bridge-types.ts';
import type { Unsubscribe } from '../../shared/ipc/bridge-types.ts';
import type { Envelope } from '../../shared/ipc/envelope.ts';
import { EVENTS_PATH, INVOKE_PATH, TOKEN_HEADER } from './bridge-client-paths.ts';

const TOKEN_STORAGE_KEY = 'till-web-host-token';

/** The few browser APIs used here, typed locally: this file is type-checked with the Node config. */
interface MessageEventLike {
  readonly data: unknown;
}
interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  removeEventListener(type: string, listener: (event: MessageEventLike) => void): void;
  close(): void;
}
interface BrowserGlobals {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  EventSource: new (url: string) => EventSourceLike;
  fetch: typeof fetch;
}
const browser = globalThis as unknown as BrowserGlobals;

function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]{16,128})(?:&|$)/.exec(browser.location.hash);
  if (match?.[1] !== undefined) {
    try {
      browser.sessionStorage.setItem(TOKEN_STORAGE_KEY, match[1]);
    } catch {
      // Storage disabled: the token still works until the page is reloaded.
    }
    browser.history.replaceState(null, '', browser.location.pathname + browser.location.search);
    return match[1];
  }
  try {
    return browser.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

const token = takeToken();

function failure(code: 'FORBIDDEN' | 'INTERNAL', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** Like ipcRenderer.invoke through the registry: always resolves to an envelope, never rejects. */
async function invoke(name: string, request: unknown): Promise<unknown> {
  let response: Response;
  try {
    response = await browser.fetch(INVOKE_PATH + encodeURIComponent(name), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(request === undefined ? {} : { payload: request }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return failure('INTERNAL', 'The till web host cannot be reached.');
  }
  if (response.status === 403) return failure('FORBIDDEN', 'This page may not use the till bridge (open the TILL_URL the host printed).');
  try {
    return await response.json();
  } catch {
    return failure('INTERNAL', `The till web host answered HTTP ${response.status}.`);
  }
}

let source: EventSourceLike | null = null;
let subscriptions = 0;

function subscribe(channel: string, deliver: (payload: unknown) => void): Unsubscribe {
  // One stream for all subscriptions, opened on first use (EventSource reconnects by itself).
  source ??= new browser.EventSource(`${EVENTS_PATH}?token=${encodeURIComponent(token)}`);
  const stream = source;
  const forward = (e: MessageEventLike): void => {
    let payload: unknown;
    try {
      payload = JSON.parse(String(e.data));
    } catch {
      return;
    }
    deliver(payload);
  };
  stream.addEventListener(channel, forward);
  subscriptions++;
  let active = true;
  return () => {
    if (!active) return;
    active = false;
    stream.removeEventListener(channel, forward);
    if (--subscriptions === 0 && source === stream) {
      stream.close();
      source = null;
    }
  };
}

const bridge = Object.freeze(buildBridge({ invoke, subscribe }));

// Read-only like contextBridge.exposeInMainWorld: page code cannot swap the bridge out.
Object.defineProperty(globalThis, BRIDGE_KEY, { value: bridge, writable: false, configurable: false, enumerable: true });
