/** Numbers, points and times as the cashier reads them. */
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function fmtInt(n: number): string {
  return int.format(n);
}

export function fmtPoints(n: number, signed = false): string {
  const sign = signed ? (n > 0 ? '+' : n < 0 ? '−' : '') : n < 0 ? '−' : '';
  return `${sign}${int.format(Math.abs(n))} pts`;
}

export function fmtMultiplier(m: number): string {
  return `×${dec.format(m)}`;
}

export function fmtMinor(minor: number): string {
  return (minor / 100).toFixed(2);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function fmtClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function fmtDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getDate()} ${MONTHS[d.getMonth()] ?? ''} ${d.getFullYear()}`;
}

/** "today at 14:02", "yesterday at 09:10", "on 3 Mar 2026 at 17:45". */
export function fmtWhen(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
  if (ms >= startOfToday && ms < startOfToday + 86_400_000) return `today at ${fmtClock(ms)}`;
  if (ms >= startOfToday - 86_400_000 && ms < startOfToday) return `yesterday at ${fmtClock(ms)}`;
  return `on ${fmtDate(d.getTime())} at ${fmtClock(ms)}`;
}

export function fmtIsoDate(iso: string | null): string | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : fmtDate(ms);
}
