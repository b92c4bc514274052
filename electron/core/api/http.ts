/**
 * One HTTP exchange: fetch under a per-request timeout that also covers reading the body, with a
 * cap on body size. Reports what happened on the wire; interpreting it is response.ts's job.
 */

export type FetchFn = typeof globalThis.fetch;

export interface HttpRequest {
  fetch: FetchFn;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
}

export type HttpOutcome =
  /** A complete response. */
  | { kind: 'response'; status: number; headers: Headers; body: string; latencyMs: number }
  /** A status line arrived but the body did not (reset, timeout or over the cap mid-body). */
  | { kind: 'body-failed'; status: number; headers: Headers; error: unknown; timedOut: boolean; tooLarge: boolean; latencyMs: number }
  /** No response at all. */
  | { kind: 'no-response'; error: unknown; timedOut: boolean; latencyMs: number };

export const MAX_BODY_BYTES_DEFAULT = 4 * 1024 * 1024;

class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

export async function sendHttp(req: HttpRequest): Promise<HttpOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no response within ${req.timeoutMs} ms`, 'TimeoutError'));
  }, req.timeoutMs);
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    let response: Response;
    try {
      response = await req.fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
        // A redirect would replay the request (and the key) somewhere we did not vet.
        redirect: 'manual',
      });
    } catch (error) {
      return { kind: 'no-response', error, timedOut, latencyMs: elapsed() };
    }
    const { status, headers } = response;
    try {
      const body = await readCapped(response, req.maxBodyBytes);
      return { kind: 'response', status, headers, body, latencyMs: elapsed() };
    } catch (error) {
      return { kind: 'body-failed', status, headers, error, timedOut, tooLarge: error instanceof BodyTooLarge, latencyMs: elapsed() };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the body as UTF-8, giving up (and releasing the socket) past `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    throw new BodyTooLarge(`response body of ${declared} bytes exceeds ${maxBytes}`);
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(`response body exceeds ${maxBytes} bytes`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
