/**
 * The only form in which a key may leave the main process or reach a log:
 * first 8 characters, an ellipsis, last 4 (`fl_live_…3f9a`).
 */
export function maskKey(key: string): string {
  if (key.length <= 12) return '…' + key.slice(-Math.min(4, Math.floor(key.length / 3)));
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}
