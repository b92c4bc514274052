/**
 * The renderer build over HTTP, with the same path policy and the same CSP + security headers as
 * Electron's app:// protocol (electron/core/shell-policy). The only difference: index.html gets a
 * <script> tag for the bridge stand-in, placed before the renderer's own scripts so `window.till`
 * exists before the app runs — exactly as the preload guarantees in Electron.
 */
import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isInside, resolveAppRequest } from '../core/shell-policy/app-protocol-path.ts';
import { APP_ORIGIN_URL } from '../core/shell-policy/app-origin.ts';

export const BRIDGE_SCRIPT_PATH = '/__bridge/bridge.js';
const BRIDGE_TAG = `<script src="${BRIDGE_SCRIPT_PATH}"></script>`;

/** Puts the bridge tag first in <head> (before any module script or preload link). */
export function injectBridgeTag(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (head !== null) return html.slice(0, head.index + head[0].length) + BRIDGE_TAG + html.slice(head.index + head[0].length);
  return BRIDGE_TAG + html;
}

function plain(res: ServerResponse, status: number, headers: Record<string, string>, text: string): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(text);
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string, headers: Record<string, string>): Promise<void> {
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  // Judged as the app:// URL it stands for, so both hosts share one traversal policy.
  const decision = resolveAppRequest({ method: req.method ?? 'GET', url: `${APP_ORIGIN_URL.replace(/\/$/, '')}${rawPath}` }, rootDir);
  if (decision.kind === 'deny') return plain(res, decision.status, headers, decision.status === 404 ? 'Not found' : 'Forbidden');
  let real: string;
  try {
    const [file, root] = await Promise.all([fs.realpath(decision.path), fs.realpath(rootDir)]);
    if (!isInside(root, file)) return plain(res, 403, headers, 'Forbidden');
    if (!(await fs.stat(file)).isFile()) return plain(res, 404, headers, 'Not found');
    real = file;
  } catch {
    return plain(res, 404, headers, 'Not found');
  }
  let body: Buffer | string = await fs.readFile(real);
  if (decision.contentType.startsWith('text/html')) body = injectBridgeTag(body.toString('utf8'));
  res.writeHead(200, { ...headers, 'Content-Type': decision.contentType, 'Cache-Control': 'no-cache', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
