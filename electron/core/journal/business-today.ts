/**
 * Today's business day as this till keys sales, for every part of main that says "today": the
 * engine, the POS-link share and the status the renderer reads its default day from. The journal's
 * settled keying (its time zone and day start) decides; before anything settled it, what the
 * till's engine will claim: the settings' day start in this process's zone.
 */
import { businessDayAt, localTimeZone, type DayWindow } from '../../../shared/time/business-day.ts';
import type { KeyingSettings } from './keying.ts';

export type DayKeying = Pick<KeyingSettings, 'dayStart' | 'timeZone'>;

export function businessToday(keying: DayKeying | null, settingsDayStart: string, now: number): DayWindow {
  const k = keying ?? { dayStart: settingsDayStart, timeZone: localTimeZone() };
  return businessDayAt(now, k.dayStart, k.timeZone);
}
