import { describe, expect, it } from 'vitest';
import { createTranslator, englishText } from '../../shared/i18n/translator.ts';
import { dayWindow } from '../../shared/time/business-day.ts';
import { dayRange } from './date-range.ts';

describe('dayRange', () => {
  it('turns From and To (inclusive) into whole local days, leaving empty ones out', () => {
    expect(dayRange('', '')).toEqual({ ok: true });
    expect(dayRange('2026-03-01', '2026-03-12')).toEqual({ ok: true, from: dayWindow('2026-03-01').start, to: dayWindow('2026-03-12').end });
    expect(dayRange('2026-03-12', '2026-03-12')).toMatchObject({ ok: true });
  });

  it('names the wrong field with a message the view translates', () => {
    const bad = dayRange('2026-02-30', '');
    expect(bad).toMatchObject({ ok: false, field: 'fromDate' });
    if (bad.ok) return;
    expect(englishText(bad.message)).toBe('Enter the start date as a calendar date.');
    expect(createTranslator('de').t(bad.message)).not.toBe(englishText(bad.message));
    const reversed = dayRange('2026-03-12', '2026-03-01');
    expect(reversed).toMatchObject({ ok: false, field: 'toDate' });
    if (!reversed.ok) expect(englishText(reversed.message)).toBe('The end date is before the start date.');
  });
});
