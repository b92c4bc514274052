/**
 * The renderer's Content-Security-Policy, as a pure function so a test can read it.
 *
 * Production is strict: everything comes from our own `app://till` origin; no inline script or
 * style, no eval, no remote host (the renderer never calls the API — main does, with the key).
 * What the Vite React build needs is covered by 'self': one module script, one stylesheet and
 * asset files (the renderer build sets `assetsInlineLimit: 0`, so no data: fonts or scripts).
 * React's `style={…}` props go through CSSOM, which `style-src` does not block. The camera needs
 * `mediastream:` for the <video> and `blob:` for ZXing's frame grabs and any worker.
 *
 * `'wasm-unsafe-eval'` lets the camera's decode worker compile ZXing-C++'s WebAssembly (the file
 * bundled in the build, from our own origin). It admits WebAssembly compilation only: JavaScript
 * `eval` and `new Function` stay blocked, as `'unsafe-eval'` is never granted.
 */

export interface CspOptions {
  /**
   * Development only: the Vite dev server origin (`http://localhost:5173`). Vite's client and the
   * React refresh preamble need an inline script, eval-free module loading from that origin and a
   * websocket back to it. Never set for a packaged build.
   */
  readonly devServerOrigin?: string;
}

type Directives = ReadonlyArray<readonly [string, readonly string[]]>;

const PRODUCTION: Directives = [
  ['default-src', ["'none'"]],
  ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
  ['style-src', ["'self'"]],
  ['img-src', ["'self'", 'data:', 'blob:']],
  ['media-src', ["'self'", 'blob:', 'mediastream:']],
  ['connect-src', ["'self'"]],
  ['worker-src', ["'self'", 'blob:']],
  ['font-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
  ['frame-src', ["'none'"]],
];

function serialise(directives: Directives): string {
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

export function buildCsp(options: CspOptions = {}): string {
  if (options.devServerOrigin === undefined) return serialise(PRODUCTION);
  const dev = new URL(options.devServerOrigin);
  if (dev.protocol !== 'http:' || (dev.hostname !== 'localhost' && dev.hostname !== '127.0.0.1')) {
    throw new Error(`The dev CSP only admits a loopback Vite server, not ${options.devServerOrigin}`);
  }
  const origin = dev.origin;
  const ws = `ws://${dev.host}`;
  return serialise(
    PRODUCTION.map(([name, values]) => {
      if (name === 'script-src') return [name, [...values, origin, "'unsafe-inline'"]] as const;
      if (name === 'style-src') return [name, [...values, origin, "'unsafe-inline'"]] as const;
      if (name === 'connect-src') return [name, [...values, origin, ws]] as const;
      if (name === 'img-src' || name === 'font-src' || name === 'media-src' || name === 'worker-src') return [name, [...values, origin]] as const;
      return [name, values] as const;
    }),
  );
}

/** Headers sent with every renderer response, next to the CSP. */
export function securityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
