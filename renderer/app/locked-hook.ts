/**
 * One runtime's "a call came back LOCKED" signal (the manager session ended): `createRuntime`
 * makes one and hands its stores the watched bridge, so whichever store's call found the session
 * gone, that runtime's console goes back to the PIN — and no other runtime's (tests, a remounted
 * app), which a module-wide listener list would also have told.
 */
import { readEnvelope } from './call.ts';

export interface LockedHook {
  /** Be told of every answer through the watched bridge that is LOCKED; returns the unsubscribe. */
  onLocked(listener: () => void): () => void;
  /** The same bridge, its answers watched (anything that is not a promise passes as it is). */
  watch<B extends object>(bridge: B): B;
}

export function createLockedHook(): LockedHook {
  const listeners = new Set<() => void>();
  const tell = (answer: unknown): void => {
    const result = readEnvelope(answer);
    if (!result.ok && result.error.code === 'LOCKED') for (const listener of [...listeners]) listener();
  };

  return {
    onLocked(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    watch<B extends object>(bridge: B): B {
      const wrapped = new Map<PropertyKey, unknown>();
      // An empty target: the bridge itself may be frozen (contextBridge), which a Proxy over it could not wrap.
      return new Proxy({} as B, {
        get(_, key) {
          const value: unknown = Reflect.get(bridge, key);
          if (typeof value !== 'function') return value;
          if (!wrapped.has(key)) {
            const fn = value as (...args: unknown[]) => unknown;
            wrapped.set(key, (...args: unknown[]) => {
              const answer = fn.apply(bridge, args);
              // Told before the caller's own await resumes (this handler is attached first).
              if (answer instanceof Promise) answer.then(tell, () => undefined);
              return answer;
            });
          }
          return wrapped.get(key);
        },
        has: (_, key) => Reflect.has(bridge, key),
      });
    },
  };
}
