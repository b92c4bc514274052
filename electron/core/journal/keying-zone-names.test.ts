/**
 * One time zone under two spellings is one keying. The CLI stores `--tz` as typed
 * (Asia/Kolkata, Etc/UTC, +00:00); the app claims the name Intl reports for the OS zone
 * (Asia/Calcutta, UTC). Refusing the pair would stop a till in that very zone for good once the
 * journal holds sales. Real journal files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zoneOffset } from '../../../shared/time/business-day.ts';
import { openJournal } from './journal.ts';
import { award, tempDir } from './testing/fixtures.ts';
import type { TempDir } from './testing/fixtures.ts';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir('keying-zone-');
});
afterEach(() => dir.remove());

// [as the CLI was given it, as a till in that zone claims it (Intl's resolved name on Node 20)]
const SAME_ZONE: readonly (readonly [string, string])[] = [
  ['Asia/Kolkata', 'Asia/Calcutta'],
  ['Etc/UTC', 'UTC'],
  ['+00:00', 'UTC'],
  ['europe/berlin', 'Europe/Berlin'],
];

// Intl also takes an offset without minutes (`+00`, `-05`): a zero one is UTC too.
const ZERO_OFFSET_NAMES: readonly (readonly [string, string])[] = [
  ['+00', 'UTC'],
  ['-00', 'UTC'],
  ['+00', '+00:00'],
];

describe('a time zone named two ways', () => {
  it.each([...SAME_ZONE, ...ZERO_OFFSET_NAMES])('a journal keyed %s with sales accepts a till claiming %s', (stored, claimed) => {
    // The two names are one zone: the same offset at every instant of a year (both DST edges included).
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 6 * 3600_000) expect(zoneOffset(claimed)(t)).toBe(zoneOffset(stored)(t));
    const path = dir.file();
    const cli = openJournal({ path, keying: { storeId: 'st_1', idScope: 'business-day', timeZone: stored } });
    cli.record(award('90871', { businessDate: '2026-03-13' }));
    cli.close();
    const till = openJournal({ path });
    expect(() => till.settleKeying({ storeId: 'st_1', timeZone: claimed })).not.toThrow();
    till.close();
  });
});
