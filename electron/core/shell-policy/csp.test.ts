import { describe, expect, it } from 'vitest';
import { buildCsp, securityHeaders } from './csp.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );
}

describe('production CSP', () => {
  const csp = buildCsp();
  const d = directives(csp);

  it('is the agreed strict policy', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(d.get('font-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows no inline code, no eval and no remote host', () => {
    expect(csp).not.toMatch(/unsafe-inline|(?<!wasm-)unsafe-eval|unsafe-hashes|strict-dynamic/);
    expect(csp).not.toMatch(/https?:|wss?:|\*/);
    expect(csp).not.toMatch(/socialhub/i);
  });

  it("admits WebAssembly compilation for the camera's decoder (ZXing-C++), and only in script-src", () => {
    // Without it the decode worker cannot compile the bundled .wasm and falls back to the slower,
    // weaker JavaScript decoder. It does not admit eval or new Function ('unsafe-eval' does).
    expect(d.get('script-src')).toContain("'wasm-unsafe-eval'");
    expect(d.get('script-src')).not.toContain("'unsafe-eval'");
    expect([...d].filter(([, values]) => values.includes("'wasm-unsafe-eval'")).map(([name]) => name)).toEqual(['script-src']);
    // The .wasm comes from the app's own origin, never a CDN: nothing but 'self' may be fetched.
    expect(d.get('connect-src')).toEqual(["'self'"]);
  });

  it('is delivered with nosniff and no referrer', () => {
    const h = securityHeaders();
    expect(h['Content-Security-Policy']).toBe(csp);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('no-referrer');
  });
});

describe('development CSP', () => {
  it('admits only the loopback Vite server, for HMR', () => {
    const d = directives(buildCsp({ devServerOrigin: 'http://localhost:5173' }));
    expect(d.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
  });

  it('refuses a non-loopback dev origin', () => {
    expect(() => buildCsp({ devServerOrigin: 'http://evil.example:5173' })).toThrow();
    expect(() => buildCsp({ devServerOrigin: 'https://localhost:5173' })).toThrow();
  });
});
