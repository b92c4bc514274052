/**
 * The business day on nights the clocks change: a day start the clocks skip resolves forward to
 * the first instant that exists, one they repeat to its first occurrence, and `businessDateAt`
 * agrees with `businessDayWindow` (every instant lies in its own date's window; the date never
 * goes back as time goes forward).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, businessDateAt, businessDayWindow, calendarDateAt, dayWindow, zoneOffset } from './business-day.ts';

const MIN = 60_000;
const H = 3_600_000;
const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Tehran', 'Pacific/Apia', 'America/Havana'];
const DAY_STARTS = ['00:00', '00:30', '01:30', '02:00', '02:15', '02:30', '03:00', '04:00'];

/** The zone's wall clock at an instant, as a UTC instant. */
const wallAt = (zone: string, t: number) => t + zoneOffset(zone)(t);
const wallOf = (date: string, dayStart: string) => Date.parse(`${date}T${dayStart}:00Z`);

describe('businessDayWindow on clock-change nights', () => {
  it('a day start the clocks skip resolves forward to the first instant that exists', () => {
    // New York springs from 02:00 EST to 03:00 EDT at 07:00 UTC: 02:30 never shows.
    expect(businessDayWindow('2026-03-08', '02:30', 'America/New_York').start).toBe(Date.UTC(2026, 2, 8, 7));
    expect(businessDayWindow('2026-03-07', '02:30', 'America/New_York').end).toBe(Date.UTC(2026, 2, 8, 7));
    expect(businessDayWindow('2026-03-08', '02:00', 'America/New_York').start).toBe(Date.UTC(2026, 2, 8, 7));
    expect(businessDayWindow('2026-03-08', '03:00', 'America/New_York').start).toBe(Date.UTC(2026, 2, 8, 7));
    // Havana skips from midnight to 01:00, so neither 00:00 nor 00:30 shows that night.
    expect(businessDayWindow('2026-03-08', '00:30', 'America/Havana').start).toBe(Date.UTC(2026, 2, 8, 5));
    expect(dayWindow('2026-03-08', 'America/Havana').start).toBe(Date.UTC(2026, 2, 8, 5));
    // Lord Howe moves by half an hour: 02:00 → 02:30.
    const lordHowe = businessDayWindow('2026-10-04', '02:15', 'Australia/Lord_Howe').start;
    expect(new Date(wallAt('Australia/Lord_Howe', lordHowe)).toISOString()).toBe('2026-10-04T02:30:00.000Z');
    // Samoa skipped 30 December 2011: that business day is the first four hours of the 31st.
    const apia = businessDayWindow('2011-12-30', '04:00', 'Pacific/Apia');
    expect(new Date(wallAt('Pacific/Apia', apia.start)).toISOString()).toBe('2011-12-31T00:00:00.000Z');
    expect(apia.end - apia.start).toBe(4 * H);
    // With a midnight day start that day never shows on the clock at all: its window is empty.
    const skipped = businessDayWindow('2011-12-30', '00:00', 'Pacific/Apia');
    expect(skipped.end).toBe(skipped.start);
    expect(skipped.start).toBe(businessDayWindow('2011-12-31', '00:00', 'Pacific/Apia').start);
  });

  it('a day start the clocks repeat takes its first occurrence', () => {
    // New York falls back from 02:00 EDT to 01:00 EST at 06:00 UTC: 01:30 shows twice.
    expect(businessDayWindow('2026-11-01', '01:30', 'America/New_York').start).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(businessDayWindow('2026-10-31', '01:30', 'America/New_York').end).toBe(Date.UTC(2026, 10, 1, 5, 30));
    // Lord Howe falls back from 02:00 to 01:30: 01:45 shows twice, first at +11:00.
    expect(businessDayWindow('2026-04-05', '01:45', 'Australia/Lord_Howe').start).toBe(Date.UTC(2026, 3, 4, 14, 45));
  });
});

describe('businessDateAt agrees with businessDayWindow on clock-change nights', () => {
  const nights: [string, string, number, number][] = [
    // zone, day start, scan from, scan to (UTC ms)
    ['America/New_York', '02:30', Date.UTC(2026, 2, 8, 0), Date.UTC(2026, 2, 8, 12)], // 02:30 does not exist that night
    ['America/New_York', '01:30', Date.UTC(2026, 10, 1, 0), Date.UTC(2026, 10, 1, 12)], // 01:30 happens twice
    ['America/Havana', '00:30', Date.UTC(2026, 2, 8, 0), Date.UTC(2026, 2, 8, 12)], // the jump is at midnight
    ['Australia/Lord_Howe', '02:15', Date.UTC(2026, 3, 4, 10), Date.UTC(2026, 3, 5, 2)], // 30-minute fall-back
    ['Australia/Lord_Howe', '01:45', Date.UTC(2026, 3, 4, 10), Date.UTC(2026, 3, 5, 2)], // inside the repeated half hour
    ['Pacific/Apia', '04:00', Date.UTC(2011, 11, 29, 0), Date.UTC(2011, 11, 31, 0)], // a whole day skipped
  ];
  for (const [zone, start, from, to] of nights) {
    it(`${zone}, day start ${start}: every instant lies in the window of its own business date, and the date never goes back`, () => {
      let prev = '';
      for (let t = from; t < to; t += 5 * MIN) {
        const date = businessDateAt(t, start, zone);
        const w = businessDayWindow(date, start, zone);
        expect(w.start <= t && t < w.end, `${new Date(t).toISOString()} -> ${date}`).toBe(true);
        expect(date >= prev, `${new Date(t).toISOString()} went back from ${prev} to ${date}`).toBe(true);
        prev = date;
      }
    });
  }

  it('calendarDateAt agrees with dayWindow where midnight is skipped', () => {
    for (let t = Date.UTC(2026, 2, 8, 3); t < Date.UTC(2026, 2, 8, 7); t += 5 * MIN) {
      const w = dayWindow(calendarDateAt(t, 'America/Havana'), 'America/Havana');
      expect(w.start <= t && t < w.end).toBe(true);
    }
  });
});

/** Every instant the zone's offset changed, 2010–2030 (to the second). */
function clockChanges(zone: string): number[] {
  const offsetAt = zoneOffset(zone);
  const changes: number[] = [];
  for (let t = Date.UTC(2010, 0, 1); t < Date.UTC(2031, 0, 1); t += 24 * H) {
    if (offsetAt(t) === offsetAt(t + 24 * H)) continue;
    let lo = t;
    let hi = t + 24 * H;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetAt(mid) === offsetAt(t)) lo = mid;
      else hi = mid;
    }
    changes.push(hi);
  }
  return changes;
}

describe('business day property across zones and day starts', () => {
  const nearChanges = ZONES.flatMap((zone) => clockChanges(zone).map((change) => [zone, change] as const));
  // An instant anywhere, or within a few hours of a clock change (where things go wrong).
  const instant = fc.oneof(
    fc.tuple(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) })),
    fc.tuple(fc.constantFrom(...nearChanges), fc.integer({ min: -5 * 60, max: 5 * 60 })).map(([[zone, change], minutes]) => [zone, change + minutes * MIN] as const),
  );

  it('has clock changes to test in every zone', () => {
    for (const zone of ZONES) expect(nearChanges.some(([z]) => z === zone), zone).toBe(true);
  });

  it('every instant lies in its own date’s window, and the date never goes back', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...DAY_STARTS), fc.integer({ min: 0, max: 6 * 60 * 60 }), ([zone, t], dayStart, laterSeconds) => {
        const date = businessDateAt(t, dayStart, zone);
        const w = businessDayWindow(date, dayStart, zone);
        expect(w.start <= t && t < w.end, `${zone} ${dayStart} ${new Date(t).toISOString()} -> ${date} [${w.start}, ${w.end})`).toBe(true);
        expect(businessDateAt(t + laterSeconds * 1000, dayStart, zone) >= date).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('a window starts at the first instant whose wall clock shows the day start or later', () => {
    const date = fc.oneof(
      fc.constantFrom(...nearChanges).map(([zone, change]) => [zone, new Date(change).toISOString().slice(0, 10)] as const),
      fc.tuple(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 365 * 40 }).map((n) => addDays('2000-01-01', n))),
    );
    fc.assert(
      fc.property(date, fc.constantFrom(...DAY_STARTS), fc.integer({ min: -1, max: 1 }), ([zone, day], dayStart, shift) => {
        const d = addDays(day, shift);
        const { start, end } = businessDayWindow(d, dayStart, zone);
        expect(wallAt(zone, start)).toBeGreaterThanOrEqual(wallOf(d, dayStart));
        expect(wallAt(zone, start - 1000)).toBeLessThan(wallOf(d, dayStart));
        // Empty only for a day the clocks skipped whole (Apia, 30 Dec 2011): its start already shows the next day's.
        if (end === start) expect(wallAt(zone, start)).toBeGreaterThanOrEqual(wallOf(addDays(d, 1), dayStart));
        else expect(end).toBeGreaterThan(start);
        expect(end).toBe(businessDayWindow(addDays(d, 1), dayStart, zone).start);
      }),
      { numRuns: 2000 },
    );
  });
});
