import { describe, expect, it } from 'vitest';
import { DayWindowError, dayWindow, todayIn } from './day-window.ts';

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
