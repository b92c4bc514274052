import { describe, expect, it } from 'vitest';
import { SCANNER_TEST_CODE, analyseScannerBurst, wedgeOptionsFromProfile } from './scanner-profile.ts';
import { typeAcrossLayouts } from './keyboard-layouts.ts';
import { syntheticKeys } from './synthetic-keys.ts';
import { WedgeDetector } from './wedge-detector.ts';

const code = SCANNER_TEST_CODE;

describe('analyseScannerBurst', () => {
  it('QWERTY scanner, Enter, 8 ms per key: a profile the wedge detector then accepts', () => {
    const keys = syntheticKeys(code, { gapMs: 8, shiftKeys: true });
    const r = analyseScannerBurst(code, keys);
    expect(r).toMatchObject({
      ok: true,
      profile: { maxGapMs: 40, prefix: '', suffix: '', terminator: 'Enter', minLength: 4 },
      timing: { keys: code.length + 1, avgGapMs: 8, p95GapMs: 8, maxGapMs: 8 },
      notes: [],
    });
    expect(r.message).toBe('Scanner ready: keys arrive about 8 ms apart and Enter ends each code.');
    if (!r.ok) return;
    const detector = new WedgeDetector(wedgeOptionsFromProfile(r.profile));
    const decisions = keys.map((k) => detector.feed(k));
    expect(decisions.at(-1)).toMatchObject({ kind: 'scan', scan: { payload: code } });
  });

  it('French AZERTY till with a US scanner: says what arrived and what to change', () => {
    const arrived = typeAcrossLayouts(code, 'us', 'fr-azerty');
    expect(arrived).toBe('SHT)TEST)à&é"\'(-è_ç)QW');
    const r = analyseScannerBurst(code, syntheticKeys(arrived, { gapMs: 10 }));
    expect(r).toMatchObject({ ok: false, problem: 'keyboard_layout', layout: { scanner: 'us', till: 'fr-azerty' } });
    expect(r.message).toBe(
      'Your scanner types as a US (QWERTY) keyboard, but this till uses French (AZERTY), so "SHT-TEST-0123456789-AZ" arrived as "SHT)TEST)à&é"\'(-è_ç)QW". ' +
        'Set the scanner\'s keyboard language to French (AZERTY) to match the till (scan the matching "keyboard country" code in the scanner\'s manual), ' +
        'or switch the till\'s keyboard layout to US (QWERTY). Then scan the test code again.',
    );
  });

  it('an AZERTY scanner on a US till is told to switch the scanner to US', () => {
    const arrived = typeAcrossLayouts(code, 'fr-azerty', 'us');
    expect(arrived).toBe('SHT6TEST6)!@#$%^&*(6QW');
    const r = analyseScannerBurst(code, syntheticKeys(arrived, { gapMs: 10 }));
    expect(r).toMatchObject({ ok: false, problem: 'keyboard_layout', layout: { scanner: 'fr-azerty', till: 'us' } });
    expect(r.message).toMatch(/^Your scanner types as a French \(AZERTY\) keyboard, but this till uses US \(QWERTY\).*Set the scanner's keyboard language to US \(QWERTY\)/);
  });

  it('German QWERTZ till (Y and Z swapped, ß for -)', () => {
    const arrived = typeAcrossLayouts(code, 'us', 'de-qwertz');
    expect(arrived).toBe('SHTßTESTß0123456789ßAY');
    expect(analyseScannerBurst(code, syntheticKeys(arrived, { gapMs: 10 }))).toMatchObject({
      problem: 'keyboard_layout',
      layout: { scanner: 'us', till: 'de-qwertz' },
    });
  });

  it('Dvorak till, with a known till layout narrowing the search', () => {
    const arrived = typeAcrossLayouts(code, 'us', 'us-dvorak');
    expect(analyseScannerBurst(code, syntheticKeys(arrived, { gapMs: 10 }), { tillLayout: 'us-dvorak' })).toMatchObject({
      problem: 'keyboard_layout',
      layout: { scanner: 'us', till: 'us-dvorak' },
    });
  });

  it('every layout pair is told apart by the test code', () => {
    const seen = new Set<string>();
    for (const s of ['us', 'fr-azerty', 'de-qwertz', 'us-dvorak'] as const) {
      for (const t of ['us', 'fr-azerty', 'de-qwertz', 'us-dvorak'] as const) {
        if (s !== t) seen.add(typeAcrossLayouts(code, s, t));
      }
    }
    expect(seen.size).toBe(12);
  });

  it('works with any expected code, e.g. the printed QR sheet\'s (spaces, punctuation, mixed case)', () => {
    const sheet = 'SOCIALHUB-SCANNER-TEST 0123456789 AaZz -_./:'; // scripts/gen-qr-sheet.ts SCANNER_TEST_PAYLOAD
    expect(analyseScannerBurst(sheet, syntheticKeys(sheet, { gapMs: 7, shiftKeys: true }))).toMatchObject({ ok: true });
    const seen = new Set<string>();
    for (const s of ['us', 'fr-azerty', 'de-qwertz', 'us-dvorak'] as const) {
      for (const t of ['us', 'fr-azerty', 'de-qwertz', 'us-dvorak'] as const) {
        if (s === t) continue;
        const arrived = typeAcrossLayouts(sheet, s, t);
        seen.add(arrived);
        expect(analyseScannerBurst(sheet, syntheticKeys(arrived, { gapMs: 7 }))).toMatchObject({ problem: 'keyboard_layout', layout: { scanner: s, till: t } });
      }
    }
    expect(seen.size).toBe(12);
    expect(analyseScannerBurst(sheet, syntheticKeys('socialhub-scanner-test 0123456789 aAzZ -_./:', { gapMs: 7 }))).toMatchObject({ problem: 'caps_lock' });
  });

  it('an AIM prefix ]Q1 is found and saved', () => {
    const r = analyseScannerBurst(code, syntheticKeys(`]Q1${code}`, { gapMs: 6 }));
    expect(r).toMatchObject({ ok: true, profile: { prefix: ']Q1', suffix: '', terminator: 'Enter' } });
    expect(r.ok && r.notes).toEqual(['The scanner adds "]Q1" before each code; the till will remove it.']);
  });

  it('an STX prefix (sent as Ctrl+B) and ETX suffix are found, and the saved profile strips them', () => {
    const keys = syntheticKeys(`\u0002${code}\u0003`, { gapMs: 6 });
    const r = analyseScannerBurst(code, keys);
    expect(r).toMatchObject({ ok: true, profile: { prefix: '\u0002', suffix: '\u0003' } });
    expect(r.ok && r.notes[0]).toBe('The scanner adds "[STX]" before each code; the till will remove it.');
    if (!r.ok) return;
    const detector = new WedgeDetector(wedgeOptionsFromProfile(r.profile));
    expect(keys.map((k) => detector.feed(k)).at(-1)).toMatchObject({ scan: { payload: code, prefixSeen: true, suffixSeen: true } });
  });

  it('a Tab terminator is detected', () => {
    expect(analyseScannerBurst(code, syntheticKeys(code, { gapMs: 6, terminator: 'Tab' }))).toMatchObject({
      ok: true,
      profile: { terminator: 'Tab', suffix: '' },
    });
  });

  it('no terminator: accepted with advice', () => {
    const r = analyseScannerBurst(code, syntheticKeys(code, { gapMs: 6, terminator: null }));
    expect(r).toMatchObject({ ok: true, profile: { terminator: 'none' } });
    expect(r.ok && r.notes.join(' ')).toMatch(/no Enter or Tab/);
  });

  it('two terminators (CR LF) are refused, since the second Enter would reach the app', () => {
    const r = analyseScannerBurst(code, syntheticKeys(`${code}\n`, { gapMs: 6 }));
    expect(r).toMatchObject({ ok: false, problem: 'extra_terminator' });
    expect(r.message).toMatch(/single Enter/);
  });

  it('a slow scanner at 45 ms per key gets a wider window and a note', () => {
    const r = analyseScannerBurst(code, syntheticKeys(code, { gapMs: 45 }));
    expect(r).toMatchObject({ ok: true, profile: { maxGapMs: 70 }, timing: { p95GapMs: 45 } });
    expect(r.ok && r.notes.join(' ')).toMatch(/slow/);
  });

  it('a scanner at 70 ms per key is too slow to tell from typing', () => {
    expect(analyseScannerBurst(code, syntheticKeys(code, { gapMs: 70 }))).toMatchObject({ ok: false, problem: 'too_slow' });
  });

  it('human typing: "that looked like typing, not a scanner"', () => {
    const human = (i: number): number => [140, 95, 210, 180, 120, 160][i % 6]!;
    const r = analyseScannerBurst(code, syntheticKeys(code, { gapMs: human, shiftKeys: true }));
    expect(r).toMatchObject({ ok: false, problem: 'typing' });
    expect(r.message).toMatch(/^That looked like typing, not a scanner/);
  });

  it('Caps Lock', () => {
    const r = analyseScannerBurst('ab-CD-12', syntheticKeys('AB-cd-12', { gapMs: 5 }));
    expect(r).toMatchObject({ ok: false, problem: 'caps_lock' });
  });

  it('dropped characters and plain mismatches', () => {
    expect(analyseScannerBurst(code, syntheticKeys('SHT-TST-01234589-AZ', { gapMs: 1 }))).toMatchObject({ problem: 'dropped_characters' });
    const wrong = analyseScannerBurst(code, syntheticKeys('4006381333931', { gapMs: 5 }));
    expect(wrong).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(wrong.message).toBe('The scanner sent "4006381333931" instead of the test code "SHT-TEST-0123456789-AZ". Make sure you scanned the test code on this screen, then try again.');
  });

  it('no input, or a single key', () => {
    expect(analyseScannerBurst(code, [])).toMatchObject({ problem: 'no_input' });
    expect(analyseScannerBurst(code, [{ key: 'Shift', timeStamp: 1 }, { key: 'Enter', timeStamp: 2 }])).toMatchObject({ problem: 'no_input' });
  });
});
