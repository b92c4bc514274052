/**
 * The scanner wizard's logic, DOM-free: record a burst of key events, decide when it ended,
 * and turn the analysis (renderer/scan/scanner-profile.ts) into either a settings patch the
 * till can save or exact instructions for the manager.
 */
import { defineMessages } from '@formatjs/intl';
import { englishText } from '../../../shared/i18n/translator.ts';
import type { Settings } from '../../../shared/ipc/schemas/settings.ts';
import type { Translate } from '../../state/locale-store.ts';
import type { KeyboardLayoutId } from '../../scan/keyboard-layouts.ts';
import type { ScannerProfile } from '../../scan/scanner-profile.ts';
import type { WedgeKeyEvent } from '../../scan/wedge-detector.ts';
import { errorText } from '../../app/call.ts';
import type { Translator } from '../../../shared/i18n/translator.ts';
import type { SettingsStore } from '../../state/settings-store.ts';

export const WIZARD_MESSAGES = defineMessages({
  affixTooLong: {
    id: 'manager.scanner.affixTooLong',
    defaultMessage:
      'The scanner adds {chars} {where, select, before {before} other {after}} each code, which is longer than the till can remove (8 characters). On the scanner, turn off the {where, select, before {prefix} other {suffix}} (scan the “clear {where, select, before {prefix} other {suffix}}” code in its manual), then scan the test code again.',
    description: 'Scanner set-up: the prefix/suffix is too long; chars is the quoted characters',
  },
  affixHidden: {
    id: 'manager.scanner.affixHidden',
    defaultMessage:
      'The scanner adds {chars} {where, select, before {before} other {after}} each code — hidden control characters the till cannot remove. On the scanner, turn off the {where, select, before {prefix} other {suffix}} (scan the “clear {where, select, before {prefix} other {suffix}}” or “no {where, select, before {prefix} other {suffix}}” code in its manual), then scan the test code again.',
    description: 'Scanner set-up: the prefix/suffix holds control characters',
  },
  changeGap: { id: 'manager.scanner.change.gap', defaultMessage: 'Longest gap between keys: {from} ms → {to} ms', description: 'Scanner set-up: a setting that changes' },
  changePrefix: { id: 'manager.scanner.change.prefix', defaultMessage: 'Prefix: {from} → {to}', description: 'Scanner set-up: a setting that changes' },
  changeSuffix: { id: 'manager.scanner.change.suffix', defaultMessage: 'Suffix: {from} → {to}', description: 'Scanner set-up: a setting that changes' },
  changeEnd: { id: 'manager.scanner.change.end', defaultMessage: 'End of code: {from} → {to}', description: 'Scanner set-up: a setting that changes' },
  endEnter: { id: 'manager.scanner.end.enter', defaultMessage: 'Enter', description: 'Scanner set-up: a code ends with the Enter key' },
  endTab: { id: 'manager.scanner.end.tab', defaultMessage: 'Tab', description: 'Scanner set-up: a code ends with the Tab key' },
  endPause: { id: 'manager.scanner.end.pause', defaultMessage: 'a pause', description: 'Scanner set-up: a code ends with a pause' },
  endPauseLong: { id: 'manager.scanner.end.pauseLong', defaultMessage: 'a pause (no Enter or Tab)', description: 'Scanner set-up: a code ends with a pause (in the facts list)' },
  none: { id: 'manager.scanner.none', defaultMessage: 'none', description: 'Scanner set-up: no prefix/suffix' },
  signIn: {
    id: 'manager.scanner.signIn',
    defaultMessage: 'A manager must be signed in to save scanner settings. Open Manager (F9), sign in, and run the set-up again.',
    description: 'Scanner set-up: saving needs an unlocked manager session',
  },
});

/** Quiet time after the last key that ends the test scan (well above any scanner's gap). */
export const BURST_QUIET_MS = 400;
/** A burst longer than this is not the test code: stop recording (a stuck key, a pasted text). */
export const BURST_MAX_KEYS = 400;

export class BurstRecorder {
  readonly events: WedgeKeyEvent[] = [];

  /** Returns true if the key was recorded (and should be kept from the page). */
  record(e: Pick<KeyboardEvent, 'key' | 'timeStamp' | 'ctrlKey' | 'altKey' | 'metaKey' | 'repeat'>): boolean {
    if (this.events.length >= BURST_MAX_KEYS) return true;
    this.events.push({ key: e.key, timeStamp: e.timeStamp, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat });
    return true;
  }

  get size(): number {
    return this.events.length;
  }

  clear(): void {
    this.events.length = 0;
  }
}

/** What settings can store around a code: printable ASCII, at most 8 characters (shared/ipc/schemas/settings.ts). */
export function storableAffix(s: string): boolean {
  return /^[\x20-\x7e]{0,8}$/.test(s);
}

export type SavePlan =
  | { ok: true; scanner: Settings['scanner']; changes: string[] }
  | { ok: false; instructions: string };

/** The settings patch for a detected profile, or what the manager must change on the scanner instead. */
export function planSave(profile: ScannerProfile, current: Settings['scanner'], t: Translate = englishText): SavePlan {
  for (const [where, value] of [['before', profile.prefix], ['after', profile.suffix]] as const) {
    if (!storableAffix(value)) {
      const tooLong = value.length > 8 && /^[\x20-\x7e]*$/.test(value);
      return {
        ok: false,
        instructions: t(tooLong ? WIZARD_MESSAGES.affixTooLong : WIZARD_MESSAGES.affixHidden, { chars: showChars(value, t), where }),
      };
    }
  }
  const terminator = profile.terminator === 'Enter' ? 'enter' : profile.terminator === 'Tab' ? 'tab' : 'none';
  const maxGapMs = Math.min(500, Math.max(5, Math.round(profile.maxGapMs)));
  const scanner: Settings['scanner'] = { ...current, maxGapMs, prefix: profile.prefix, suffix: profile.suffix, terminator };
  const changes: string[] = [];
  if (current.maxGapMs !== maxGapMs) changes.push(t(WIZARD_MESSAGES.changeGap, { from: current.maxGapMs, to: maxGapMs }));
  if (current.prefix !== profile.prefix) changes.push(t(WIZARD_MESSAGES.changePrefix, { from: showChars(current.prefix, t), to: showChars(profile.prefix, t) }));
  if (current.suffix !== profile.suffix) changes.push(t(WIZARD_MESSAGES.changeSuffix, { from: showChars(current.suffix, t), to: showChars(profile.suffix, t) }));
  if (current.terminator !== terminator) changes.push(t(WIZARD_MESSAGES.changeEnd, { from: t(TERMINATOR_NAME[current.terminator]), to: t(TERMINATOR_NAME[terminator]) }));
  return { ok: true, scanner, changes };
}

/** Save a planned scanner profile through the one settings store; the message if it was not saved. */
export async function saveScannerPlan(settings: SettingsStore, plan: SavePlan & { ok: true }, translator: Translator): Promise<string | null> {
  const result = await settings.getState().update({ scanner: plan.scanner });
  if (result.ok) return null;
  if (result.error.code === 'LOCKED') return translator.t(WIZARD_MESSAGES.signIn);
  return errorText(result.error, translator);
}

const TERMINATOR_NAME = { enter: WIZARD_MESSAGES.endEnter, tab: WIZARD_MESSAGES.endTab, none: WIZARD_MESSAGES.endPause } as const satisfies Record<Settings['scanner']['terminator'], unknown>;

export function terminatorName(terminator: ScannerProfile['terminator'], t: Translate = englishText): string {
  return t(terminator === 'none' ? WIZARD_MESSAGES.endPauseLong : terminator === 'Enter' ? WIZARD_MESSAGES.endEnter : WIZARD_MESSAGES.endTab);
}

/** Quote characters for a person, naming invisible ones ("[STX]") and showing "none" for empty. */
export function showChars(s: string, t: Translate = englishText): string {
  if (s === '') return t(WIZARD_MESSAGES.none);
  const names: Record<string, string> = { '\n': '[Enter]', '\t': '[Tab]', ' ': '[space]', '\u0002': '[STX]', '\u0003': '[ETX]', '\u0004': '[EOT]', '\u001d': '[GS]', '\u001e': '[RS]' };
  const body = [...s].map((c) => names[c] ?? (c.charCodeAt(0) < 0x20 ? `[Ctrl+${String.fromCharCode(c.charCodeAt(0) + 0x40)}]` : c)).join('');
  return `“${body}”`;
}

/** The till's keyboard layout from `navigator.keyboard.getLayoutMap()`, when the browser tells. */
export function layoutFromMap(map: { get(code: string): string | undefined }): KeyboardLayoutId | undefined {
  const q = map.get('KeyQ');
  const y = map.get('KeyY');
  if (q === 'a') return 'fr-azerty';
  if (q === "'") return 'us-dvorak';
  if (q === 'q' && y === 'z') return 'de-qwertz';
  if (q === 'q' && y === 'y') return 'us';
  return undefined;
}

export async function detectTillLayout(nav: unknown = typeof navigator === 'undefined' ? undefined : navigator): Promise<KeyboardLayoutId | undefined> {
  try {
    const keyboard = (nav as { keyboard?: { getLayoutMap?: () => Promise<{ get(code: string): string | undefined }> } } | undefined)?.keyboard;
    if (keyboard?.getLayoutMap === undefined) return undefined;
    return layoutFromMap(await keyboard.getLayoutMap());
  } catch {
    return undefined;
  }
}
