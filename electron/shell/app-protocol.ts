/**
 * Serves the renderer from `app://till/` (checklist #18: no `file://`). The path decision is the
 * Electron-free policy in electron/core/shell-policy/app-protocol-path.ts; this file only adds the
 * symlink check against the real filesystem and builds the Response, with the CSP header.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import { protocol } from 'electron';
import { APP_SCHEME } from '../core/shell-policy/app-origin.ts';
import { isInside, resolveAppRequest } from '../core/shell-policy/app-protocol-path.ts';

// The callback forms are the ones Electron's asar layer is documented to patch.
const realpath = promisify(fs.realpath);
const stat = promisify(fs.stat);
const readFile = promisify(fs.readFile);

/** Must run before `app` is ready: a standard, secure scheme gets a real origin (`app://till`), cookies off the table, and fetch. */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

function plain(status: number, headers: Record<string, string>): Response {
  return new Response(status === 404 ? 'Not found' : 'Forbidden', { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

export async function handleAppRequest(request: Pick<Request, 'method' | 'url'>, rootDir: string, headers: Record<string, string>): Promise<Response> {
  const decision = resolveAppRequest({ method: request.method, url: request.url }, rootDir);
  if (decision.kind === 'deny') return plain(decision.status, headers);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(decision.path), realpath(rootDir)]);
  } catch {
    return plain(404, headers);
  }
  // A symlink inside the build dir must not lead out of it.
  if (!isInside(realRoot, real)) return plain(403, headers);
  try {
    if (!(await stat(real)).isFile()) return plain(404, headers);
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': decision.contentType, 'Cache-Control': 'no-cache' } });
  } catch {
    return plain(404, headers);
  }
}

export function serveAppProtocol(options: { rootDir: string; headers: Record<string, string> }): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, options.rootDir, options.headers));
}
