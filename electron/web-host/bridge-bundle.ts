/**
 * Bundles bridge-client.ts (and the contract it imports) into one classic script for the browser,
 * at host start, with Vite's library mode in memory (nothing written to disk). Kept out of the
 * renderer build on purpose: the stand-in exists only while the web host runs.
 */
import path from 'node:path';
import { build, createLogger } from 'vite';
import type { Rolldown } from 'vite';

const ENTRY = path.join(import.meta.dirname, 'bridge-client.ts');

/** Vite's logger writes to stdout; the web host keeps stdout for its TILL_URL=… lines. */
function stderrLogger() {
  const logger = createLogger('warn');
  const write = (msg: string): void => void process.stderr.write(`${msg}\n`);
  return { ...logger, info: write, warn: write, warnOnce: write, error: write };
}

let cached: Promise<string> | null = null;

/** Bundled once per process (the tests start several hosts). */
export function bundleBridgeClient(): Promise<string> {
  cached ??= bundle().catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    root: path.resolve(import.meta.dirname, '..', '..'),
    publicDir: false,
    customLogger: stderrLogger(),
    logLevel: 'warn',
    build: {
      write: false,
      emptyOutDir: false,
      minify: false,
      sourcemap: false,
      lib: { entry: ENTRY, formats: ['iife'], name: 'TillBridgeStandIn', fileName: () => 'bridge.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  for (const output of outputs) {
    for (const chunk of output.output) if (chunk.type === 'chunk' && chunk.isEntry) return chunk.code;
  }
  throw new Error('The bridge stand-in bundle produced no script.');
}
