/**
 * The scanner set-up wizard's analysis: the cashier scans a known test code and this works out,
 * from the captured key events alone, how the scanner is configured — timing, prefix, suffix,
 * terminator — or says exactly what to change on it (layout, Caps Lock, typing by hand…).
 */
import { defineMessages } from '@formatjs/intl';
import { englishText, type Translator } from '../../shared/i18n/translator.ts';
import { DEFAULT_WEDGE_OPTIONS, isModifierKey, keyEventChar, type WedgeKeyEvent, type WedgeOptions } from './wedge-detector.ts';
import { KEYBOARD_LAYOUTS, LAYOUT_IDS, typeAcrossLayouts, type KeyboardLayoutId } from './keyboard-layouts.ts';

const M = defineMessages({
  noInput: { id: 'scan.wizard.noInput', defaultMessage: 'Nothing was received from the scanner. Check it is plugged in, then scan the test code.', description: 'Scanner set-up: no keys arrived' },
  oneKey: { id: 'scan.wizard.oneKey', defaultMessage: 'Only one key arrived. Scan the whole test code with the scanner.', description: 'Scanner set-up: a single key arrived' },
  typing: {
    id: 'scan.wizard.typing',
    defaultMessage: 'That looked like typing, not a scanner: keys arrived about {gap} ms apart, and a scanner sends them 5–40 ms apart. Scan the test code with the scanner.',
    description: 'Scanner set-up: the keys came from a person; gap in milliseconds',
  },
  extraTerminator: {
    id: 'scan.wizard.extraTerminator',
    defaultMessage: 'The scanner sends more than one Enter or Tab per code ({sent}). Set it to send a single Enter after the code, then scan the test code again.',
    description: 'Scanner set-up: several Enter/Tab keys per code; sent is the captured text',
  },
  tooSlow: {
    id: 'scan.wizard.tooSlow',
    defaultMessage: "The scanner sends keys up to {gap} ms apart, too close to typing speed to tell apart reliably. Set the scanner's inter-character delay lower (under 40 ms), then scan the test code again.",
    description: 'Scanner set-up: the scanner is as slow as typing',
  },
  prefixNote: { id: 'scan.wizard.note.prefix', defaultMessage: 'The scanner adds {text} before each code; the till will remove it.', description: 'Scanner set-up note: a prefix the till strips' },
  suffixNote: { id: 'scan.wizard.note.suffix', defaultMessage: 'The scanner adds {text} after each code; the till will remove it.', description: 'Scanner set-up note: a suffix the till strips' },
  noTerminatorNote: {
    id: 'scan.wizard.note.noTerminator',
    defaultMessage: 'The scanner sends no Enter or Tab after a code, so the till waits {ms} ms of quiet to end each scan. Setting the scanner to add Enter makes scans quicker and more reliable.',
    description: 'Scanner set-up note: the scanner sends no terminator',
  },
  slowNote: {
    id: 'scan.wizard.note.slow',
    defaultMessage: 'This scanner is slow (up to {gap} ms between keys); it works, but a shorter inter-character delay on the scanner makes scans more reliable.',
    description: 'Scanner set-up note: a slow but usable scanner',
  },
  ready: {
    id: 'scan.wizard.ready',
    defaultMessage: 'Scanner ready: keys arrive about {gap} ms apart and {terminator, select, none {a pause ends} other {{terminator} ends}} each code.',
    description: 'Scanner set-up: success; terminator is Enter, Tab or none (key names stay as on the keyboard)',
  },
  capsLock: {
    id: 'scan.wizard.capsLock',
    defaultMessage: 'Caps Lock is on at the till, so capitals arrive as small letters and small letters as capitals. Turn Caps Lock off, then scan the test code again.',
    description: 'Scanner set-up: Caps Lock swapped the case',
  },
  layout: {
    id: 'scan.wizard.layout',
    defaultMessage:
      'Your scanner types as a {scanner} keyboard, but this till uses {till}, so {expected} arrived as {arrived}. Set the scanner\'s keyboard language to {till} to match the till (scan the matching "keyboard country" code in the scanner\'s manual), or switch the till\'s keyboard layout to {scanner}. Then scan the test code again.',
    description: 'Scanner set-up: the scanner and the till use different keyboard layouts',
  },
  dropped: {
    id: 'scan.wizard.dropped',
    defaultMessage: 'Some characters were lost: {got} arrived instead of {expected}. The scanner may be too fast for this till; set a small inter-character delay on it (about 10 ms), then scan the test code again.',
    description: 'Scanner set-up: characters were dropped',
  },
  mismatch: {
    id: 'scan.wizard.mismatch',
    defaultMessage: 'The scanner sent {got} instead of the test code {expected}. Make sure you scanned the test code on this screen, then try again.',
    description: 'Scanner set-up: some other code was scanned',
  },
});

/** Digits, upper-case letters that differ across AZERTY/QWERTZ/Dvorak (A, Z…), and dashes. */
export const SCANNER_TEST_CODE = 'SHT-TEST-0123456789-AZ';

export interface ScannerProfile {
  maxGapMs: number;
  prefix: string;
  suffix: string;
  terminator: 'Enter' | 'Tab' | 'none';
  minLength: number;
}

export interface BurstTiming {
  keys: number;
  avgGapMs: number;
  p95GapMs: number;
  maxGapMs: number;
}

export type ScannerProblem =
  | 'no_input'
  | 'typing'
  | 'too_slow'
  | 'keyboard_layout'
  | 'caps_lock'
  | 'extra_terminator'
  | 'dropped_characters'
  | 'mismatch';

export type ScannerAnalysis =
  | { ok: true; profile: ScannerProfile; timing: BurstTiming; message: string; notes: string[] }
  | {
      ok: false;
      problem: ScannerProblem;
      message: string;
      timing: BurstTiming | null;
      layout?: { scanner: KeyboardLayoutId; till: KeyboardLayoutId };
    };

/** Above this median gap the keys came from a person. */
export const TYPING_MEDIAN_GAP_MS = 80;
/** A scanner needing a wider window than this cannot be told apart from fast typing. */
export const MAX_RECOMMENDED_GAP_MS = 100;
const MIN_RECOMMENDED_GAP_MS = 40;

export interface AnalyseOptions {
  /** The till's layout, if known (e.g. from `navigator.keyboard.getLayoutMap()`), to narrow the diagnosis. */
  tillLayout?: KeyboardLayoutId;
  /** The messages' language (English unless told). */
  t?: Translator['t'];
}

export function analyseScannerBurst(expected: string, events: readonly WedgeKeyEvent[], options: AnalyseOptions = {}): ScannerAnalysis {
  const t = options.t ?? englishText;
  const keys = normalise(events);
  if (keys.length === 0) return { ok: false, problem: 'no_input', timing: null, message: t(M.noInput) };
  const timing = measure(keys);
  if (timing === null) return { ok: false, problem: 'no_input', timing: null, message: t(M.oneKey) };

  const gaps = gapsOf(keys);
  const median = percentile(gaps, 0.5);
  if (median > TYPING_MEDIAN_GAP_MS) {
    return {
      ok: false,
      problem: 'typing',
      timing,
      message: t(M.typing, { gap: Math.round(median) }),
    };
  }

  let text = keys.map((k) => k.ch).join('');
  const last = text.at(-1);
  const terminator = last === '\n' ? 'Enter' : last === '\t' ? 'Tab' : 'none';
  if (terminator !== 'none') text = text.slice(0, -1);

  const at = text.indexOf(expected);
  if (at < 0) return diagnoseContent(expected, text, timing, options);
  const prefix = text.slice(0, at);
  const suffix = text.slice(at + expected.length);
  if (/[\n\t]/.test(prefix + suffix)) {
    return {
      ok: false,
      problem: 'extra_terminator',
      timing,
      message: t(M.extraTerminator, { sent: `${show(prefix)}…${show(suffix)}${terminator === 'none' ? '' : ` ${terminator}`}` }),
    };
  }

  const recommended = Math.max(MIN_RECOMMENDED_GAP_MS, roundUpTo5(Math.max(timing.p95GapMs * 1.5, timing.p95GapMs + 20)));
  if (recommended > MAX_RECOMMENDED_GAP_MS) {
    return {
      ok: false,
      problem: 'too_slow',
      timing,
      message: t(M.tooSlow, { gap: Math.round(timing.p95GapMs) }),
    };
  }

  const notes: string[] = [];
  if (prefix !== '') notes.push(t(M.prefixNote, { text: show(prefix) }));
  if (suffix !== '') notes.push(t(M.suffixNote, { text: show(suffix) }));
  if (terminator === 'none') notes.push(t(M.noTerminatorNote, { ms: recommended }));
  if (timing.p95GapMs > 30) notes.push(t(M.slowNote, { gap: Math.round(timing.p95GapMs) }));

  return {
    ok: true,
    profile: { maxGapMs: recommended, prefix, suffix, terminator, minLength: DEFAULT_WEDGE_OPTIONS.minLength },
    timing,
    notes,
    message: t(M.ready, { gap: Math.round(timing.avgGapMs), terminator }),
  };
}

/** The wedge-detector settings a saved profile stands for. */
export function wedgeOptionsFromProfile(profile: ScannerProfile): Partial<WedgeOptions> {
  return {
    maxGapMs: profile.maxGapMs,
    minLength: profile.minLength,
    prefix: profile.prefix,
    suffix: profile.suffix,
    terminators: profile.terminator === 'none' ? [] : [profile.terminator],
  };
}

function diagnoseContent(expected: string, text: string, timing: BurstTiming, options: AnalyseOptions): ScannerAnalysis {
  const t = options.t ?? englishText;
  if (text.includes(swapCase(expected))) {
    return {
      ok: false,
      problem: 'caps_lock',
      timing,
      message: t(M.capsLock),
    };
  }
  const tills = options.tillLayout === undefined ? LAYOUT_IDS : [options.tillLayout];
  for (const till of tills) {
    for (const scanner of LAYOUT_IDS) {
      if (scanner === till) continue;
      const arrived = typeAcrossLayouts(expected, scanner, till);
      if (arrived !== expected && text.includes(arrived)) {
        return {
          ok: false,
          problem: 'keyboard_layout',
          timing,
          layout: { scanner, till },
          message: t(M.layout, { scanner: KEYBOARD_LAYOUTS[scanner].name, till: KEYBOARD_LAYOUTS[till].name, expected: show(expected), arrived: show(arrived) }),
        };
      }
    }
  }
  if (text.length < expected.length && isSubsequence(text, expected)) {
    return {
      ok: false,
      problem: 'dropped_characters',
      timing,
      message: t(M.dropped, { got: show(text), expected: show(expected) }),
    };
  }
  return {
    ok: false,
    problem: 'mismatch',
    timing,
    message: t(M.mismatch, { got: show(text), expected: show(expected) }),
  };
}

interface TimedChar {
  ch: string;
  t: number;
}

function normalise(events: readonly WedgeKeyEvent[]): TimedChar[] {
  const out: TimedChar[] = [];
  for (const ev of events) {
    if (isModifierKey(ev.key)) continue;
    const ch = ev.key === 'Enter' ? '\n' : ev.key === 'Tab' ? '\t' : (keyEventChar(ev) ?? '\ufffd');
    out.push({ ch, t: ev.timeStamp });
  }
  return out;
}

function gapsOf(keys: readonly TimedChar[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < keys.length; i++) gaps.push(Math.max(0, keys[i]!.t - keys[i - 1]!.t));
  return gaps;
}

function measure(keys: readonly TimedChar[]): BurstTiming | null {
  const gaps = gapsOf(keys);
  if (gaps.length === 0) return null;
  return {
    keys: keys.length,
    avgGapMs: gaps.reduce((a, b) => a + b, 0) / gaps.length,
    p95GapMs: percentile(gaps, 0.95),
    maxGapMs: Math.max(...gaps),
  };
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function roundUpTo5(n: number): number {
  return Math.ceil(n / 5) * 5;
}

function swapCase(s: string): string {
  return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
}

/** Quote captured text for a message, naming invisible characters (STX, Enter…) instead of hiding them. */
function show(s: string): string {
  const names: Record<string, string> = { '\n': '[Enter]', '\t': '[Tab]', '\u0002': '[STX]', '\u0003': '[ETX]', '\u001d': '[GS]', '\u001e': '[RS]', '\u0004': '[EOT]', '\ufffd': '[?]' };
  const body = [...s]
    .map((c) => names[c] ?? (c.charCodeAt(0) < 0x20 ? `[Ctrl+${String.fromCharCode(c.charCodeAt(0) + 0x40)}]` : c))
    .join('');
  return `"${body}"`;
}
