/**
 * Decodes camera frames off the UI thread. Receives `{ id, data, width, height }` (RGBA or
 * luminance), replies `{ id, text }` with `text: null` when no QR code was read.
 */
import { createFrameHandler } from './qr-decode.ts';

// The renderer is type-checked with the DOM lib, where `self` is a Window; in a dedicated
// worker it is the worker scope, of which only these two members are used.
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
const handle = createFrameHandler();

scope.onmessage = (event) => {
  const reply = handle(event.data);
  if (reply !== null) scope.postMessage(reply);
};
