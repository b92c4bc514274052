/**
 * Main → page events over Server-Sent Events: one stream per open page, each event named after
 * its channel (`event: event:lock-state`) with the JSON payload as data. The event publisher has
 * already validated and scrubbed the payload; this only writes it to every open stream.
 */
import type { ServerResponse } from 'node:http';

export interface SseHub {
  open(res: ServerResponse, headers: Record<string, string>): void;
  broadcast(channelName: string, payload: unknown): void;
  clients(): number;
  close(): void;
}

/** A comment line now and then keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 20_000;

export function createSseHub(): SseHub {
  const streams = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    open(res, headers) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
    },
    broadcast(channelName, payload) {
      // JSON has no raw line breaks, so one `data:` line carries it whole.
      const frame = `event: ${channelName}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of streams) res.write(frame);
    },
    clients: () => streams.size,
    close() {
      clearInterval(heartbeat);
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
