/** Tiny fetch helpers for the sandbox's own tests (real HTTP, no mocks). */
import type { SandboxHandle } from '../server.ts';

export interface Client {
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, body?: unknown, init?: RequestInit): Promise<Response>;
}

/** A client for the API at `handle.url` using `key` (default: the demo write key). */
export function apiClient(handle: SandboxHandle, key: string = handle.keys.write): Client {
  const headers = { Authorization: `Bearer ${key}` };
  return {
    get: (path, init = {}) => fetch(`${handle.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } }),
    post: (path, body, init = {}) =>
      fetch(`${handle.url}${path}`, {
        method: 'POST',
        ...init,
        headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(init.headers as Record<string, string> | undefined) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
  };
}

/** A client for `/__sandbox/` with the admin token (or `token`). */
export function adminClient(handle: SandboxHandle, token: string = handle.adminToken): (method: string, path: string, body?: unknown) => Promise<Response> {
  return (method, path, body) =>
    fetch(`${handle.origin}/__sandbox${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

export async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}
