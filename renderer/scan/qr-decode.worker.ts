/**
 * Decodes camera frames off the UI thread. On start it fetches and compiles ZXing-C++'s
 * WebAssembly (the file Vite bundled, from the app's own origin) and posts one engine report
 * `{ type: 'engine', … }`; if WebAssembly cannot start it loads the JavaScript decoder instead.
 * Then for each `{ id, data, width, height }` (RGBA or luminance) it replies `{ id, text }`,
 * `text: null` when no QR code was read.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { createWasmEngine } from './qr-decode-wasm.ts';
import { createFrameHandler, startEngine } from './qr-engine.ts';

// The renderer is type-checked with the DOM lib, where `self` is a Window; in a dedicated
// worker it is the worker scope, of which only these two members are used.
interface WorkerScope {
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

const ready = startEngine(
  () => createWasmEngine({ locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : prefix + file) }),
  // Loaded only when needed: most tills never pay for parsing the JavaScript decoder.
  async () => (await import('./qr-decode.ts')).createJsEngine(),
);
void ready.then(({ report }) => scope.postMessage(report));
const handle = createFrameHandler(ready.then(({ engine }) => engine));

scope.onmessage = (event) => {
  void handle(event.data).then((reply) => {
    if (reply !== null) scope.postMessage(reply);
  });
};
