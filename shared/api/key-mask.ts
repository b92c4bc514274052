/**
 * The only form in which a key may leave the main process or reach a log:
 * first 8 characters, an ellipsis, last 4 (`fl_live_…3f9a`).
 */
export function maskKey(key: string): string {
  if (key.length <= 12) return '…' + key.slice(-Math.min(4, Math.floor(key.length / 3)));
  return `${key.slice(0, 8)}…${key.slice(-4)}`;
}

/** Anything shaped like a SocialHub key (`fl_<env>_…`), wherever it appears in a message; a mask (`fl_live_…3f9a`) is left as it is. */
const KEY_LIKE = /fl_([A-Za-z0-9]{1,16})_[A-Za-z0-9][^\s"'`,;)\\]*/g;

/** Replaces every key-like value with `fl_<env>_[redacted]`: a mistyped value must not echo a key back (CLI messages, log lines). */
export function redactKeys(text: string): string {
  return text.replace(KEY_LIKE, 'fl_$1_[redacted]');
}
