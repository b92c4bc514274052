/**
 * HTTP-date parsing per RFC 9110 §5.6.7. Hand-rolled because `Date.parse` is far too lenient
 * ("1" or "-5" parse as years), which would turn a garbage Retry-After into a real delay.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

// Sun, 06 Nov 1994 08:49:37 GMT
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
// Sunday, 06-Nov-94 08:49:37 GMT (obsolete, but recipients must accept it)
const RFC850 = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`,
);
// Sun Nov  6 08:49:37 1994 (obsolete asctime)
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTH}) ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/** Milliseconds since the epoch, or undefined when `value` is not a valid HTTP-date. */
export function parseHttpDate(value: string, nowMs: number = Date.now()): number | undefined {
  const s = value.trim();
  let m = IMF_FIXDATE.exec(s);
  if (m) return build(Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = RFC850.exec(s);
  if (m) return build(fullYear(Number(m[3]), nowMs), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = ASCTIME.exec(s);
  if (m) return build(Number(m[6]), m[1], Number(m[2]?.trim()), m[3], m[4], m[5]);
  return undefined;
}

/** RFC 9110: a two-digit year more than 50 years ahead means the most recent matching past year. */
function fullYear(twoDigit: number, nowMs: number): number {
  const nowYear = new Date(nowMs).getUTCFullYear();
  let year = Math.floor(nowYear / 100) * 100 + twoDigit;
  if (year > nowYear + 50) year -= 100;
  return year;
}

function build(
  year: number,
  monthName: string | undefined,
  day: number,
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
): number | undefined {
  const month = MONTHS.indexOf(monthName ?? '');
  const [h, min, sec] = [Number(hh), Number(mm), Number(ss)];
  if (month < 0 || h > 23 || min > 59 || sec > 60) return undefined;
  const ms = Date.UTC(year, month, day, h, min, Math.min(sec, 59));
  // Reject impossible calendar dates (31 Feb) that Date.UTC would silently roll over.
  if (new Date(ms).getUTCDate() !== day) return undefined;
  return ms;
}
