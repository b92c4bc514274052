/** Progress on stderr, at most about once a second (plus the final line), so logs stay readable. */
import type { CliIo } from './context.ts';

export function throttledLine(io: CliIo, intervalMs = 1000): (line: string, final?: boolean) => void {
  let last = -Infinity;
  const now = io.now ?? (() => performance.now());
  return (line, final = false) => {
    const t = now();
    if (!final && t - last < intervalMs) return;
    last = t;
    io.stderr(`${line}\n`);
  };
}
