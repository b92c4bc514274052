import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BUSINESS_DATE_PATTERN,
  DayWindowError,
  addDays,
  businessDateAt,
  businessDayAt,
  businessDayWindow,
  calendarDateAt,
  canonicalTimeZone,
  dayWindow,
  isBusinessDate,
  sameTimeZone,
  todayIn,
} from './business-day.ts';


const H = 3_600_000;

describe('dayWindow', () => {
  it('UTC and fixed offsets', () => {
    expect(dayWindow('2026-11-25', 'UTC')).toEqual({ date: '2026-11-25', start: Date.UTC(2026, 10, 25), end: Date.UTC(2026, 10, 26) });
    expect(dayWindow('2026-11-25', '+05:30').start).toBe(Date.UTC(2026, 10, 25) - 5.5 * H);
    expect(dayWindow('2026-11-25', '-0800').start).toBe(Date.UTC(2026, 10, 25) + 8 * H);
  });

  it('IANA zones, including 23- and 25-hour DST days', () => {
    const normal = dayWindow('2026-11-25', 'America/New_York');
    expect(normal.start).toBe(Date.UTC(2026, 10, 25, 5));
    expect(normal.end - normal.start).toBe(24 * H);
    const spring = dayWindow('2026-03-08', 'America/New_York');
    expect(spring.start).toBe(Date.UTC(2026, 2, 8, 5));
    expect(spring.end - spring.start).toBe(23 * H);
    const autumn = dayWindow('2026-10-25', 'Europe/London');
    expect(autumn.start).toBe(Date.UTC(2026, 9, 24, 23));
    expect(autumn.end - autumn.start).toBe(25 * H);
    expect(dayWindow('2026-12-31', 'Asia/Kolkata').end).toBe(Date.UTC(2026, 11, 31, 18, 30));
  });

  it('local follows the process zone', () => {
    const w = dayWindow('2026-11-25');
    expect(w.start).toBe(new Date(2026, 10, 25).getTime());
    expect(w.end).toBe(new Date(2026, 10, 26).getTime());
  });

  it('refuses unreal dates and unknown zones', () => {
    expect(() => dayWindow('2026-02-30', 'UTC')).toThrow(DayWindowError);
    expect(() => dayWindow('26-1-1', 'UTC')).toThrow(DayWindowError);
    expect(() => dayWindow('2026-01-01', 'Mars/Olympus')).toThrow(/unknown time zone/);
    expect(() => dayWindow('2026-01-01', '+25:00')).toThrow(DayWindowError);
  });

  it('todayIn finds the day holding now', () => {
    const t = Date.UTC(2026, 10, 25, 3);
    expect(todayIn('UTC', t)).toBe('2026-11-25');
    expect(todayIn('America/New_York', t)).toBe('2026-11-24');
    expect(todayIn('+09:00', t)).toBe('2026-11-25');
  });
});

describe('businessDateAt', () => {
  it('counts the small hours to the previous business day (local zone)', () => {
    const at = (h: number, m: number) => new Date(2026, 10, 25, h, m).getTime();
    expect(businessDateAt(at(3, 59), '04:00')).toBe('2026-11-24');
    expect(businessDateAt(at(4, 0), '04:00')).toBe('2026-11-25');
    expect(businessDateAt(at(0, 0), '00:00')).toBe('2026-11-25');
    expect(businessDateAt(new Date(2026, 0, 1, 1, 0).getTime(), '04:00')).toBe('2025-12-31');
    expect(businessDateAt(new Date(2026, 2, 1, 0, 10).getTime(), '04:00')).toBe('2026-02-28');
  });

  it('reads the day start in the store zone, not the process zone', () => {
    const t = Date.UTC(2026, 10, 25, 7, 30); // 02:30 in New York, 08:30 in Berlin
    expect(businessDateAt(t, '04:00', 'America/New_York')).toBe('2026-11-24');
    expect(businessDateAt(t, '04:00', 'Europe/Berlin')).toBe('2026-11-25');
    expect(businessDateAt(t, '00:00', '+09:00')).toBe('2026-11-25');
  });

  it('agrees with the day windows: a moment lies in the window of its business date, moved by the day start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.constantFrom('UTC', '+05:30', '-08:00', '+14:00'),
        fc.integer({ min: 0, max: 23 * 60 + 59 }),
        (t, zone, minutes) => {
          const start = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
          const w = dayWindow(businessDateAt(t, start, zone), zone);
          return w.start + minutes * 60_000 <= t && t < w.end + minutes * 60_000;
        },
      ),
    );
    // DST zones: with a midnight start the business date's window holds the moment exactly.
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'local'), (t, zone) => {
        const w = dayWindow(businessDateAt(t, '00:00', zone), zone);
        return w.start <= t && t < w.end;
      }),
    );
  });

  it('a moment lies in the business-day window of its business date, DST zones included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.constantFrom('UTC', '+05:30', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'local'),
        fc.constantFrom('00:00', '02:30', '04:00', '06:00', '23:30'),
        (t, zone, start) => {
          const w = businessDayWindow(businessDateAt(t, start, zone), start, zone);
          return w.start <= t && t < w.end;
        },
      ),
    );
    // Spring forward at 02:00 on 8 March, before a 04:00 start: the business day of 7 March is 23 hours.
    const w = businessDayWindow('2026-03-07', '04:00', 'America/New_York');
    expect(w.end - w.start).toBe(23 * H);
    expect(new Date(w.start).toISOString()).toBe('2026-03-07T09:00:00.000Z');
    expect(new Date(w.end).toISOString()).toBe('2026-03-08T08:00:00.000Z');
  });

  it('refuses a malformed day start', () => {
    expect(() => businessDateAt(0, '4:00', 'UTC')).toThrow(DayWindowError);
    expect(() => businessDateAt(0, '24:00', 'UTC')).toThrow(DayWindowError);
  });

  it('defaults to the 04:00 day start', () => {
    expect(businessDateAt(Date.UTC(2026, 10, 25, 3, 59), undefined, 'UTC')).toBe('2026-11-24');
  });
});

describe('businessDayAt', () => {
  it('names the day an instant falls in and that day’s window, in the zone given', () => {
    // 2026-03-15 01:30 in Kiritimati (+14): before a 02:00 day start, so still the 14th there.
    const t = Date.UTC(2026, 2, 14, 11, 30);
    expect(businessDayAt(t, '02:00', 'Pacific/Kiritimati')).toEqual({ date: '2026-03-14', start: Date.UTC(2026, 2, 13, 12), end: Date.UTC(2026, 2, 14, 12) });
    expect(businessDayAt(t, '04:00', 'UTC')).toEqual(businessDayWindow('2026-03-14', '04:00', 'UTC'));
  });
  it('always holds the instant in its window', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), fc.constantFrom('00:00', '04:00', '23:30'), fc.constantFrom('UTC', 'America/New_York', 'Pacific/Kiritimati', '-03:30'), (t, start, zone) => {
        const day = businessDayAt(t, start, zone);
        return day.start <= t && t < day.end && day.date === businessDateAt(t, start, zone);
      }),
    );
  });
});

describe('calendar dates', () => {
  it('calendarDateAt is the local calendar date', () => {
    expect(calendarDateAt(new Date(2026, 0, 5, 23, 59).getTime())).toBe('2026-01-05');
    expect(calendarDateAt(new Date(2026, 0, 5, 0, 0).getTime())).toBe('2026-01-05');
  });

  it('addDays steps across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(() => addDays('2026-02-30', 1)).toThrow(DayWindowError);
  });

  it('isBusinessDate takes real dates only', () => {
    expect(isBusinessDate('2028-02-29')).toBe(true);
    // The pattern checks the shape (for schemas and markers); the calendar check is isBusinessDate's.
    expect(BUSINESS_DATE_PATTERN.test('2026-02-30')).toBe(true);
    expect(BUSINESS_DATE_PATTERN.test('2026-13-01')).toBe(false);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '12/03/2026', '2026-03-12T00:00', '']) expect(isBusinessDate(bad)).toBe(false);
  });
});

describe('one zone under several names', () => {
  it('aliases, case and UTC spellings are one zone', () => {
    for (const utc of ['UTC', 'utc', 'Z', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/UCT', 'Zulu', '+00:00', '-0000']) expect(canonicalTimeZone(utc)).toBe('UTC');
    expect(sameTimeZone('Asia/Kolkata', 'Asia/Calcutta')).toBe(true);
    expect(sameTimeZone('europe/berlin', 'Europe/Berlin')).toBe(true);
    expect(canonicalTimeZone('+0530')).toBe('+05:30');
    expect(sameTimeZone('+0530', '+05:30')).toBe(true);
  });

  it('distinct zones stay distinct even where their offsets agree today', () => {
    // Berlin and Paris share every rule now; a future change to one would split their business days.
    expect(sameTimeZone('Europe/Berlin', 'Europe/Paris')).toBe(false);
    expect(sameTimeZone('+05:30', 'Asia/Kolkata')).toBe(false);
    expect(sameTimeZone('UTC', '+01:00')).toBe(false);
    expect(sameTimeZone('Mars/Olympus', 'UTC')).toBe(false);
    expect(() => canonicalTimeZone('Mars/Olympus')).toThrow(DayWindowError);
  });
});
