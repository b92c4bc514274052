/**
 * The business date a moment belongs to: the local calendar date, except that the business day
 * starts at `startsAt` (e.g. "04:00"), so a sale at 01:30 still belongs to yesterday's day.
 */
export function businessDateAt(ms: number, startsAt: string): string {
  const [h = 0, m = 0] = startsAt.split(':').map(Number);
  const d = new Date(ms);
  // Step back by the offset in local wall-clock terms (setHours handles DST and month ends).
  d.setHours(d.getHours() - h, d.getMinutes() - m);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
