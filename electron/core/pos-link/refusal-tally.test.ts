import { describe, expect, it } from 'vitest';
import type { ApiCallInput } from '../../../shared/journal/row.ts';
import { createRefusalTally, refusalOutcome } from './refusal-tally.ts';
import type { Refusal } from './refusal-tally.ts';

const MIN = 60_000;

function setup(rowsPerHour = 4) {
  let clock = 1_000_000;
  const rows: ApiCallInput[] = [];
  const tally = createRefusalTally({ write: (c) => rows.push(c), now: () => clock, windowMs: MIN, rowsPerHour });
  const refuse = (code: string, extra: Partial<Refusal> = {}): void =>
    tally.count({ at: clock, keyMask: 'shpos_…none', method: 'GET', path: '/pos/v1/openapi.json', endpoint: 'POS link GET /openapi.json', status: 403, code, ...extra });
  const counted = (): number => rows.reduce((sum, r) => sum + Number(/×(\d+)$/.exec(r.outcome)?.[1] ?? 1), 0);
  return { tally, rows, refuse, counted, advance: (ms: number) => (clock += ms) };
}

describe('refusal tally', () => {
  it('writes one counted row per kind of refusal once its window is over', () => {
    const { tally, rows, refuse, advance } = setup();
    for (let i = 0; i < 500; i++) refuse('forbidden-origin');
    for (let i = 0; i < 3; i++) refuse('unauthorized', { status: 401 });
    tally.flush();
    expect(rows).toEqual([]); // the window is still open
    advance(MIN);
    tally.flush();
    expect(rows.map((r) => [r.outcome, r.status])).toEqual([
      ['refused: forbidden-origin ×500', 403],
      ['refused: unauthorized ×3', 401],
    ]);
    expect(rows[0]).toMatchObject({ keyMask: 'shpos_…none', method: 'GET', endpoint: 'POS link GET /openapi.json', latencyMs: 0 });
  });

  it('a day-long flood writes at most rowsPerHour rows an hour, and every refusal is still counted', () => {
    const { tally, rows, refuse, counted, advance } = setup(4);
    const codes = ['forbidden-origin', 'forbidden-host', 'unauthorized', 'not-found', 'body-too-large', 'rate-limited'];
    let sent = 0;
    for (let minute = 0; minute < 24 * 60; minute++) {
      for (const code of codes) {
        for (let i = 0; i < 50; i++) refuse(code);
        sent += 50;
      }
      advance(MIN);
      tally.flush();
    }
    expect(rows.length).toBeLessThanOrEqual(4 * 24);
    tally.flush(true);
    expect(counted()).toBe(sent);
  });

  it('flush(all) writes what is pending at once, whatever the window and the allowance', () => {
    const { tally, rows, refuse } = setup(0);
    refuse('unauthorized', { status: 401 });
    tally.flush();
    expect(rows).toEqual([]);
    tally.flush(true);
    expect(rows.map((r) => r.outcome)).toEqual(['refused: unauthorized']);
  });

  it('keeps the outcome within the audit column (40 characters) for any count', () => {
    expect(refusalOutcome('unsupported-media-type', 10 ** 12).length).toBeLessThanOrEqual(40);
    expect(refusalOutcome('forbidden-host', 1)).toBe('refused: forbidden-host');
  });
});
