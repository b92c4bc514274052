import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_WEDGE_OPTIONS, WedgeDetector, keyEventChar, type WedgeDecision, type WedgeKeyEvent, type WedgeOptions } from './wedge-detector.ts';
import { syntheticKeys } from './synthetic-keys.ts';

function run<T>(events: readonly WedgeKeyEvent<T>[], options: Partial<WedgeOptions> = {}): { decisions: WedgeDecision<T>[]; detector: WedgeDetector<T> } {
  const detector = new WedgeDetector<T>(options);
  return { decisions: events.map((e) => detector.feed(e)), detector };
}
const scans = <T>(ds: readonly WedgeDecision<T>[]) => ds.flatMap((d) => (d.kind === 'scan' ? [d] : []));

describe('WedgeDetector', () => {
  it('has defaults that fit common scanners', () => {
    expect(DEFAULT_WEDGE_OPTIONS).toMatchObject({ maxGapMs: 50, minLength: 4, terminators: ['Enter', 'Tab'], prefix: '', suffix: '' });
  });

  it('recognises a fast burst ended by Enter, and consumes only the Enter', () => {
    const { decisions } = run(syntheticKeys('mb_7f3a9c', { gapMs: 8, shiftKeys: true }));
    const found = scans(decisions);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      consumeKey: true,
      scan: { payload: 'mb_7f3a9c', keys: 9, avgGapMs: 8, maxGapMs: 8, prefixSeen: false, suffixSeen: false, terminator: 'Enter' },
    });
    expect(decisions.at(-1)?.kind).toBe('scan');
    expect(decisions.slice(0, -1).every((d) => d.kind === 'pass')).toBe(true);
    expect(decisions.filter((d) => d.kind === 'pass' && d.startsBurst)).toHaveLength(1);
  });

  it('works at 5 ms and at 40 ms per key, with jitter', () => {
    for (const gap of [5, 40]) {
      expect(scans(run(syntheticKeys('cp_SPRING-10', { gapMs: gap })).decisions)[0]?.scan.payload).toBe('cp_SPRING-10');
    }
    const jitter = (i: number): number => [3, 12, 48, 20, 1][i % 5]!;
    expect(scans(run(syntheticKeys('mb_abcdef', { gapMs: jitter })).decisions)).toHaveLength(1);
  });

  it('accepts Tab as terminator, or only the configured ones', () => {
    expect(scans(run(syntheticKeys('mb_abcd', { terminator: 'Tab' })).decisions)[0]?.scan.terminator).toBe('Tab');
    expect(scans(run(syntheticKeys('mb_abcd', { terminator: 'Tab' }), { terminators: ['Enter'] }).decisions)).toHaveLength(0);
  });

  it('leaves human typing alone (gaps over maxGap)', () => {
    const { decisions } = run(syntheticKeys('12.50', { gapMs: 120 }));
    expect(scans(decisions)).toHaveLength(0);
    expect(decisions.every((d) => d.kind === 'pass' && d.startsBurst === (d !== decisions.at(-1)))).toBe(true);
    // Fast fingers for two keys, then a pause, then Enter: still not a scan.
    const pause = (i: number): number => (i < 3 ? 30 : 140);
    expect(scans(run(syntheticKeys('1000', { gapMs: pause })).decisions)).toHaveLength(0);
  });

  it('ignores bursts shorter than minLength', () => {
    expect(scans(run(syntheticKeys('abc', { gapMs: 5 })).decisions)).toHaveLength(0);
    expect(scans(run(syntheticKeys('abcd', { gapMs: 5 })).decisions)).toHaveLength(1);
    expect(scans(run(syntheticKeys('abcd', { gapMs: 5 }), { minLength: 6 }).decisions)).toHaveLength(0);
  });

  it('needs the terminator itself to be fast', () => {
    const lateEnter = (i: number): number => (i === 8 ? 300 : 10);
    const { decisions } = run(syntheticKeys('mb_abcde', { gapMs: lateEnter }));
    expect(scans(decisions)).toHaveLength(0);
    expect(decisions.at(-1)).toEqual({ kind: 'pass', startsBurst: false });
  });

  it('strips a configured prefix and suffix and reports whether they were seen', () => {
    const opts = { prefix: ']Q1', suffix: '#' };
    expect(scans(run(syntheticKeys(']Q1mb_abcd#'), opts).decisions)[0]?.scan).toMatchObject({ payload: 'mb_abcd', prefixSeen: true, suffixSeen: true, keys: 11 });
    expect(scans(run(syntheticKeys('mb_abcd'), opts).decisions)[0]?.scan).toMatchObject({ payload: 'mb_abcd', prefixSeen: false, suffixSeen: false });
    // STX/ETX framing, sent as Ctrl+B / Ctrl+C.
    const stx = scans(run(syntheticKeys('\u0002mb_abcd\u0003'), { prefix: '\u0002', suffix: '\u0003' }).decisions)[0]?.scan;
    expect(stx).toMatchObject({ payload: 'mb_abcd', prefixSeen: true, suffixSeen: true });
  });

  it('does not count modifier keys, or their timing', () => {
    const events: WedgeKeyEvent[] = [
      { key: 'm', timeStamp: 0 },
      { key: 'Shift', timeStamp: 500 },
      { key: 'Alt', timeStamp: 900 },
      { key: 'b', timeStamp: 10 + 0 },
    ];
    const { decisions } = run([...events, { key: '_', timeStamp: 20 }, { key: 'x', timeStamp: 30 }, { key: 'Enter', timeStamp: 40 }]);
    expect(scans(decisions)[0]?.scan.payload).toBe('mb_x');
  });

  it('aborts the burst on a non-character key, a shortcut or auto-repeat', () => {
    for (const interrupt of [{ key: 'Backspace' }, { key: 'ArrowLeft' }, { key: 'F2' }, { key: 'v', metaKey: true }, { key: 'x', altKey: true }, { key: 'a', repeat: true }]) {
      const events = syntheticKeys('mb_abcdef', { gapMs: 5 });
      events.splice(6, 0, { ...interrupt, timeStamp: events[5]!.timeStamp + 1 });
      const found = scans(run(events).decisions);
      // What follows the interruption is too short to be a scan on its own.
      expect(found, JSON.stringify(interrupt)).toHaveLength(0);
    }
  });

  it('keeps AltGr characters (Ctrl+Alt) and maps Ctrl+letter to control characters', () => {
    expect(keyEventChar({ key: '@', ctrlKey: true, altKey: true })).toBe('@');
    expect(keyEventChar({ key: 'b', ctrlKey: true })).toBe('\u0002');
    expect(keyEventChar({ key: '1', ctrlKey: true })).toBeNull();
    expect(keyEventChar({ key: 'Enter' })).toBeNull();
    expect(keyEventChar({ key: '😀' })).toBe('😀');
  });

  it('tracks which targets received the burst', () => {
    const field = { id: 'amount' };
    const found = scans(run(syntheticKeys('mb_abcd', {}, field)).decisions);
    expect(found[0]?.targets).toEqual([field]);
  });

  it('starts over when a scan follows typing in the same field', () => {
    const typing = syntheticKeys('12', { gapMs: 150, terminator: null, start: 0 });
    const scan = syntheticKeys('mb_abcd', { gapMs: 6, start: 800 });
    const { decisions } = run([...typing, ...scan]);
    expect(scans(decisions)[0]?.scan.payload).toBe('mb_abcd');
    expect(decisions[2]).toEqual({ kind: 'pass', startsBurst: true });
  });

  it('treats a clock that goes backwards as a pause', () => {
    const { decisions } = run([
      { key: 'a', timeStamp: 100 },
      { key: 'b', timeStamp: 50 },
      { key: 'c', timeStamp: 55 },
      { key: 'Enter', timeStamp: 60 },
    ]);
    expect(decisions[1]).toEqual({ kind: 'pass', startsBurst: true });
    expect(scans(decisions)).toHaveLength(0);
  });

  it('drops over-long bursts, including their tail', () => {
    const found = scans(run(syntheticKeys('x'.repeat(40), { gapMs: 2 }), { maxLength: 30 }).decisions);
    expect(found).toHaveLength(0);
  });

  it('supports scanners with no terminator: a pause or a non-character key ends the scan', () => {
    const opts = { terminators: [] as const };
    const d = new WedgeDetector(opts);
    for (const e of syntheticKeys('mb_abcd', { gapMs: 7, terminator: null, start: 0 })) expect(d.feed(e).kind).toBe('pass');
    expect(d.flush(60)).toBeNull(); // only 18 ms after the last key
    expect(d.flush(200)).toMatchObject({ kind: 'scan', consumeKey: false, scan: { payload: 'mb_abcd', terminator: null } });
    expect(d.flush(300)).toBeNull();

    // Next key after a pause reveals the end of the previous scan and starts a new candidate.
    for (const e of syntheticKeys('cp_wxyz', { gapMs: 7, terminator: null, start: 1000 })) d.feed(e);
    expect(d.feed({ key: '1', timeStamp: 2000 })).toMatchObject({ kind: 'scan', startsBurst: true, scan: { payload: 'cp_wxyz' } });
    // Enter is not a terminator here: it just passes, after ending the burst.
    for (const e of syntheticKeys('1234', { gapMs: 7, terminator: null, start: 2007 })) d.feed(e);
    expect(d.feed({ key: 'Enter', timeStamp: 2040 })).toMatchObject({ kind: 'scan', consumeKey: false, scan: { payload: '11234' } });
  });

  it('validates options', () => {
    expect(() => new WedgeDetector({ maxGapMs: 0 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ minLength: 1 })).toThrow(RangeError);
    expect(() => new WedgeDetector({ terminators: ['Escape' as 'Enter'] })).toThrow(RangeError);
  });

  it('property: with every gap over maxGap, nothing is ever a scan or consumed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 51, max: 2000 }), fc.constantFrom('Enter', 'Tab', null), (text, gap, terminator) => {
        const { decisions } = run(syntheticKeys(text, { gapMs: gap, terminator }));
        expect(decisions.every((d) => d.kind === 'pass')).toBe(true);
      }),
    );
  });

  it('property: a fast burst of any printable text round-trips as the payload', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x21-\x7e]{4,60}$/), fc.integer({ min: 1, max: 50 }), (text, gap) => {
        const found = scans(run(syntheticKeys(text, { gapMs: gap, shiftKeys: true })).decisions);
        expect(found.map((f) => f.scan.payload)).toEqual([text]);
      }),
    );
  });
});
