/**
 * The object the preload exposes as `window.till`, derived from the contract: one method per
 * invoke channel, plus `on(event, cb)` over the event allow-list. Nothing else crosses: no
 * `ipcRenderer`, no generic `invoke(name)`, no raw IpcRendererEvent.
 */
import type { Envelope } from './envelope.ts';
import type { EventChannel, InvokeChannel, PayloadOf, RequestOf, ResponseOf } from './define-channel.ts';
import type { EventContract, EventKey, InvokeContract } from './contract.ts';

/** Where the preload puts the bridge on `window`. */
export const BRIDGE_KEY = 'till';

export type BridgeMethod<C extends InvokeChannel> = [RequestOf<C>] extends [undefined]
  ? () => Promise<Envelope<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;

export type Unsubscribe = () => void;

export type BridgeOf<I extends Readonly<Record<string, InvokeChannel>>, E extends Readonly<Record<string, EventChannel>>> = {
  readonly [K in keyof I]: BridgeMethod<I[K]>;
} & {
  /** Subscribe to a main → renderer event; returns the function that removes this subscription. */
  readonly on: <K extends keyof E & string>(event: K, listener: (payload: PayloadOf<E[K]>) => void) => Unsubscribe;
};

export type TillBridge = BridgeOf<InvokeContract, EventContract>;
export type TillEventPayload<K extends EventKey> = PayloadOf<EventContract[K]>;

declare global {
  /** The bridge the preload exposes (electron/preload.ts); the renderer's only way to main. */
  interface Window {
    readonly till: TillBridge;
  }
}
