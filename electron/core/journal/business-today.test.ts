import { describe, expect, it } from 'vitest';
import { businessDayAt } from '../../../shared/time/business-day.ts';
import { businessToday } from './business-today.ts';

const NOW = Date.UTC(2026, 2, 14, 11, 30);

describe('businessToday', () => {
  it('goes by the journal’s keying when it has one, whatever the settings say', () => {
    expect(businessToday({ dayStart: '02:00', timeZone: 'Pacific/Kiritimati' }, '04:00', NOW)).toEqual(businessDayAt(NOW, '02:00', 'Pacific/Kiritimati'));
  });
  it('before anything keyed the journal, takes what the engine will claim: the settings’ day start in this process’s zone', () => {
    expect(businessToday(null, '06:00', NOW)).toEqual(businessDayAt(NOW, '06:00', 'local'));
  });
});
