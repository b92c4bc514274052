/**
 * One IPC channel = one name + the zod schema of what goes in + the zod schema of what comes out.
 * The preload, the main-process registry, the web host and the renderer's types are all derived
 * from these objects, so a channel is declared exactly once (no enum + union + ambient .d.ts to
 * keep in sync).
 */
import type { z } from 'zod';

/**
 * `manager` channels run only while a manager session is unlocked (the registry asks an injected
 * authoriser before the implementation sees the call). Everything else is `cashier`.
 */
export type Access = 'cashier' | 'manager';

export interface InvokeChannel<N extends string = string, Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly name: N;
  readonly request: Req;
  readonly response: Res;
  readonly access: Access;
}

export interface EventChannel<N extends string = string, P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly name: N;
  readonly payload: P;
}

/** `area:verb` or `area:verb-noun`, lower case: readable in logs, impossible to confuse with Electron's own. */
const INVOKE_NAME = /^[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z]+)*$/;
/** Events live in their own namespace so an invoke name can never be subscribed to, or the reverse. */
const EVENT_NAME = /^event:[a-z]+(?:-[a-z]+)*$/;

export function defineChannel<const N extends string, Req extends z.ZodType, Res extends z.ZodType>(
  name: N,
  spec: { request: Req; response: Res; access?: Access },
): InvokeChannel<N, Req, Res> {
  if (!INVOKE_NAME.test(name)) throw new Error(`Invalid invoke channel name: ${name}`);
  return Object.freeze({ kind: 'invoke', name, request: spec.request, response: spec.response, access: spec.access ?? 'cashier' });
}

export function defineEvent<const N extends string, P extends z.ZodType>(name: N, payload: P): EventChannel<N, P> {
  if (!EVENT_NAME.test(name)) throw new Error(`Invalid event channel name: ${name}`);
  return Object.freeze({ kind: 'event', name, payload });
}

export type InvokeTable = Readonly<Record<string, InvokeChannel>>;
export type EventTable = Readonly<Record<string, EventChannel>>;

/** What a channel's caller passes (before defaults/transforms) and what it gets back. */
export type RequestOf<C extends InvokeChannel> = z.input<C['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<C['response']>;
/** What an implementation receives (after parsing) and may return (before the response parse). */
export type ParsedRequestOf<C extends InvokeChannel> = z.output<C['request']>;
export type ImplResultOf<C extends InvokeChannel> = z.input<C['response']>;
export type PayloadOf<E extends EventChannel> = z.output<E['payload']>;
