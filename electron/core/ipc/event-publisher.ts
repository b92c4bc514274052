/**
 * Main → renderer events, held to the same rules as responses: only contract events, payloads
 * parsed with the event's schema (a bad payload is our bug: dropped and logged), and scrubbed for
 * secret material. The transport is injected (Electron: `webContents.send`; web host: SSE).
 */
import type { EventTable, PayloadOf } from '../../../shared/ipc/define-channel.ts';
import { containsSecret, serialiseForScan } from './secret-scrub.ts';
import type { SecretsProvider } from './secret-scrub.ts';
import type { AppLog } from '../log/app-log.ts';

export type EventTransport = (channelName: string, payload: unknown) => void;

export interface EventPublisher<E extends EventTable> {
  /** Returns whether the event was sent. */
  publish<K extends keyof E & string>(key: K, payload: PayloadOf<E[K]>): boolean;
}

export function createEventPublisher<E extends EventTable>(
  contract: E,
  options: { readonly transport: EventTransport; readonly secrets: SecretsProvider; readonly log: AppLog },
): EventPublisher<E> {
  return {
    publish(key, payload) {
      const channel = contract[key];
      if (channel === undefined) {
        options.log.error('Unknown event', { event: key });
        return false;
      }
      const parsed = channel.payload.safeParse(payload);
      if (!parsed.success) {
        options.log.error('Event payload did not match its schema (a bug); dropped', { event: channel.name });
        return false;
      }
      const json = serialiseForScan(parsed.data);
      if (json === null || containsSecret(json, options.secrets())) {
        options.log.error('SECURITY: event carried key material (or could not be checked) and was dropped', { event: channel.name });
        return false;
      }
      try {
        options.transport(channel.name, parsed.data);
        return true;
      } catch {
        options.log.warn('Event transport failed', { event: channel.name });
        return false;
      }
    },
  };
}
