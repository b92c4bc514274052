/**
 * The applier between download and restart: applies at the first moment the gate opens, never
 * during a sale, and a feed that is down is one line, not one per check.
 */
import { describe, expect, it } from 'vitest';
import { createUpdateApplier } from './update-applier.ts';
import { IDLE_MS_DEFAULT } from './update-gate.ts';
import type { UpdateReadiness } from './update-gate.ts';

function setup(initial: UpdateReadiness) {
  let readiness = initial;
  let now = 1_800_000_000_000;
  const lines: string[] = [];
  let applied = 0;
  const applier = createUpdateApplier({ readiness: () => readiness, apply: () => applied++, now: () => now, log: { warn: (m) => lines.push(m) } });
  return {
    applier,
    lines,
    applied: () => applied,
    set: (r: Partial<UpdateReadiness>) => (readiness = { ...readiness, ...r }),
    advance: (ms: number) => (now += ms),
    now: () => now,
  };
}

describe('createUpdateApplier', () => {
  it('does nothing until an update is downloaded', () => {
    const t = setup({ writesInFlight: 0, unfinished: 0, journalDurable: true, saleOpen: false, lastActivityAt: null });
    expect(t.applier.tick()).toBe(false);
    expect(t.applied()).toBe(0);
  });

  it('waits through a sale, says why once per reason, and applies when the till goes quiet', () => {
    const t = setup({ writesInFlight: 0, unfinished: 0, journalDurable: true, saleOpen: true, lastActivityAt: 1_800_000_000_000 });
    t.applier.downloaded('0.2.0');
    for (let i = 0; i < 5; i++) expect(t.applier.tick()).toBe(false);
    t.set({ saleOpen: false, writesInFlight: 1, unfinished: 1 });
    expect(t.applier.tick()).toBe(false);
    t.set({ writesInFlight: 0, unfinished: 0 });
    expect(t.applier.tick()).toBe(false);
    expect(t.applied()).toBe(0);
    t.advance(IDLE_MS_DEFAULT);
    expect(t.applier.tick()).toBe(true);
    expect(t.applier.tick()).toBe(true);
    expect(t.applied()).toBe(1);
    expect(t.lines).toEqual([
      'Update 0.2.0 is ready; it waits because a sale is open.',
      'Update 0.2.0 is ready; it waits because 1 write is being sent or verified.',
      'Update 0.2.0 is ready; it waits because the till is in use.',
      'Applying update 0.2.0: the till is idle, no sale is open and every write is safe in the journal.',
    ]);
  });

  it('reports a feed that is down once, and once when it is back', () => {
    const t = setup({ writesInFlight: 0, unfinished: 3, journalDurable: true, saleOpen: false, lastActivityAt: null });
    for (let i = 0; i < 4; i++) t.applier.feedFailed('https://updates.example.com/till/stable/win32/x64', new Error('net::ERR_NAME_NOT_RESOLVED\n    at stack'));
    t.applier.feedAnswered();
    t.applier.feedAnswered();
    expect(t.lines).toEqual([
      'Updates: the feed at https://updates.example.com/till/stable/win32/x64 cannot be read (net::ERR_NAME_NOT_RESOLVED); this version keeps running and the feed is asked again later.',
      'Updates: the feed answers again.',
    ]);
    expect(t.applier.pending()).toBeNull();
    expect(t.applied()).toBe(0);
  });
});
