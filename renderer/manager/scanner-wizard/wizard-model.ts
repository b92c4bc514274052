/**
 * The scanner wizard's logic, DOM-free: record a burst of key events, decide when it ended,
 * and turn the analysis (renderer/scan/scanner-profile.ts) into either a settings patch the
 * till can save or exact instructions for the manager.
 */
import type { Settings } from '../../../shared/ipc/schemas/settings.ts';
import type { KeyboardLayoutId } from '../../scan/keyboard-layouts.ts';
import type { ScannerAnalysis, ScannerProfile } from '../../scan/scanner-profile.ts';
import type { WedgeKeyEvent } from '../../scan/wedge-detector.ts';
import { errorText } from '../../app/call.ts';
import type { SettingsStore } from '../../state/settings-store.ts';

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
export function planSave(profile: ScannerProfile, current: Settings['scanner']): SavePlan {
  for (const [where, value] of [['before', profile.prefix], ['after', profile.suffix]] as const) {
    if (!storableAffix(value)) {
      const tooLong = value.length > 8 && /^[\x20-\x7e]*$/.test(value);
      return {
        ok: false,
        instructions: tooLong
          ? `The scanner adds ${showChars(value)} ${where} each code, which is longer than the till can remove (8 characters). On the scanner, turn off the ${where === 'before' ? 'prefix' : 'suffix'} (scan the “clear ${where === 'before' ? 'prefix' : 'suffix'}” code in its manual), then scan the test code again.`
          : `The scanner adds ${showChars(value)} ${where} each code — hidden control characters the till cannot remove. On the scanner, turn off the ${where === 'before' ? 'prefix' : 'suffix'} (scan the “clear ${where === 'before' ? 'prefix' : 'suffix'}” or “no ${where === 'before' ? 'prefix' : 'suffix'}” code in its manual), then scan the test code again.`,
      };
    }
  }
  const terminator = profile.terminator === 'Enter' ? 'enter' : profile.terminator === 'Tab' ? 'tab' : 'none';
  const maxGapMs = Math.min(500, Math.max(5, Math.round(profile.maxGapMs)));
  const scanner: Settings['scanner'] = { ...current, maxGapMs, prefix: profile.prefix, suffix: profile.suffix, terminator };
  const changes: string[] = [];
  if (current.maxGapMs !== maxGapMs) changes.push(`Longest gap between keys: ${current.maxGapMs} ms → ${maxGapMs} ms`);
  if (current.prefix !== profile.prefix) changes.push(`Prefix: ${showChars(current.prefix)} → ${showChars(profile.prefix)}`);
  if (current.suffix !== profile.suffix) changes.push(`Suffix: ${showChars(current.suffix)} → ${showChars(profile.suffix)}`);
  if (current.terminator !== terminator) changes.push(`End of code: ${TERMINATOR_NAME[current.terminator]} → ${TERMINATOR_NAME[terminator]}`);
  return { ok: true, scanner, changes };
}

/** Save a planned scanner profile through the one settings store; the message if it was not saved. */
export async function saveScannerPlan(settings: SettingsStore, plan: SavePlan & { ok: true }): Promise<string | null> {
  const result = await settings.getState().update({ scanner: plan.scanner });
  if (result.ok) return null;
  return result.error.code === 'LOCKED' ? 'A manager must be signed in to save scanner settings. Open Manager (F9), sign in, and run the set-up again.' : errorText(result.error);
}

const TERMINATOR_NAME: Record<Settings['scanner']['terminator'], string> = { enter: 'Enter', tab: 'Tab', none: 'a pause' };

export function terminatorName(t: ScannerProfile['terminator']): string {
  return t === 'none' ? 'a pause (no Enter or Tab)' : t;
}

/** Quote characters for a person, naming invisible ones ("[STX]") and showing "none" for empty. */
export function showChars(s: string): string {
  if (s === '') return 'none';
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

/** A one-line summary of the analysis for the result heading. */
export function resultTone(analysis: ScannerAnalysis, plan: SavePlan | null): 'ok' | 'fix' {
  return analysis.ok && plan?.ok === true ? 'ok' : 'fix';
}
