#!/usr/bin/env node
// Launcher for the headless CLI: runs electron/cli/main.ts under this Node, which must strip
// TypeScript types natively (unflagged from Node 22.18 / 23.6). Older Node: one clear line, exit 2.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const supported = major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
if (!supported || !process.features.typescript) {
  process.stderr.write(
    `socialhub-till: needs Node.js 22.18 or newer with TypeScript type stripping (this is ${process.version}${supported ? ' with stripping disabled' : ''})\n`,
  );
  process.exit(2);
}
try {
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
} catch (err) {
  // A broken install (missing or unloadable module): one line, never a stack trace.
  process.stderr.write(`socialhub-till: cannot start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
  process.exit(1);
}
