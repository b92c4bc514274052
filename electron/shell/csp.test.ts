import { beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('./testing/electron-stub.ts'));
import type { Session } from 'electron';
import { electronStub, session } from './testing/electron-stub.ts';
import { installCspHeaders } from './csp.ts';
import { appOriginFrom } from '../core/shell-policy/app-origin.ts';
import { buildCsp } from '../core/shell-policy/csp.ts';

beforeEach(() => electronStub.reset());

describe('CSP response headers', () => {
  it('replace any policy on our pages and leave other responses alone', () => {
    const csp = buildCsp({ devServerOrigin: 'http://localhost:5173' });
    installCspHeaders(session.defaultSession as unknown as Session, { origins: [appOriginFrom('http://localhost:5173')], csp });
    const results: unknown[] = [];
    session.defaultSession.headersReceived!({ url: 'http://localhost:5173/', responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, (r: unknown) => results.push(r));
    session.defaultSession.headersReceived!({ url: 'https://elsewhere.example/', responseHeaders: {} }, (r: unknown) => results.push(r));
    expect(results[0]).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [csp] } });
    expect(results[1]).toEqual({});
  });
});
