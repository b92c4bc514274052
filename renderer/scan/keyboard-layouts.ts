/**
 * What a keyboard-wedge scanner's keystrokes turn into when the scanner and the till disagree
 * on the keyboard layout. A wedge sends physical key positions for the characters it wants,
 * according to ITS layout setting; the till's OS turns those positions into characters with
 * ITS layout. A US scanner on a French till therefore "types" `&é"'(` for `12345`.
 */

export type KeyboardLayoutId = 'us' | 'fr-azerty' | 'de-qwertz' | 'us-dvorak';

interface Layout {
  name: string;
  /** Per physical row, the unshifted then shifted characters, position by position. NUL: no character. */
  rows: readonly (readonly [string, string])[];
}

// Rows: Backquote…Equal (13), Q…BracketRight (12), A…Quote (11), Z…Slash (10). Dead keys are
// listed as their character; the browser reports them as "Dead", which never matches anyway.
export const KEYBOARD_LAYOUTS: Readonly<Record<KeyboardLayoutId, Layout>> = {
  us: {
    name: 'US (QWERTY)',
    rows: [
      ['`1234567890-=', '~!@#$%^&*()_+'],
      ['qwertyuiop[]', 'QWERTYUIOP{}'],
      ["asdfghjkl;'", 'ASDFGHJKL:"'],
      ['zxcvbnm,./', 'ZXCVBNM<>?'],
    ],
  },
  'fr-azerty': {
    name: 'French (AZERTY)',
    rows: [
      ['²&é"\'(-è_çà)=', '\u00001234567890°+'],
      ['azertyuiop^$', 'AZERTYUIOP¨£'],
      ['qsdfghjklmù', 'QSDFGHJKLM%'],
      ['wxcvbn,;:!', 'WXCVBN?./§'],
    ],
  },
  'de-qwertz': {
    name: 'German (QWERTZ)',
    rows: [
      ['^1234567890ß´', '°!"§$%&/()=?`'],
      ['qwertzuiopü+', 'QWERTZUIOPÜ*'],
      ['asdfghjklöä', 'ASDFGHJKLÖÄ'],
      ['yxcvbnm,.-', 'YXCVBNM;:_'],
    ],
  },
  'us-dvorak': {
    name: 'US Dvorak',
    rows: [
      ['`1234567890[]', '~!@#$%^&*(){}'],
      ["',.pyfgcrl/=", '"<>PYFGCRL?+'],
      ['aoeuidhtns-', 'AOEUIDHTNS_'],
      [';qjkxbmwvz', ':QJKXBMWVZ'],
    ],
  },
};

export const LAYOUT_IDS = Object.keys(KEYBOARD_LAYOUTS) as KeyboardLayoutId[];

type Position = { row: number; col: number; shifted: boolean };

const positionCache = new Map<KeyboardLayoutId, Map<string, Position>>();

function positions(id: KeyboardLayoutId): Map<string, Position> {
  let map = positionCache.get(id);
  if (map === undefined) {
    map = new Map();
    KEYBOARD_LAYOUTS[id].rows.forEach(([plain, shifted], row) => {
      for (const [chars, isShifted] of [[plain, false], [shifted, true]] as const) {
        [...chars].forEach((ch, col) => {
          if (ch !== '\u0000' && !map!.has(ch)) map!.set(ch, { row, col, shifted: isShifted });
        });
      }
    });
    positionCache.set(id, map);
  }
  return map;
}

/**
 * What arrives at a till using `till` layout when a scanner set to `scanner` layout sends
 * `text`. Characters the scanner's layout cannot type (and so a real scanner would send some
 * other way) come through unchanged.
 */
export function typeAcrossLayouts(text: string, scanner: KeyboardLayoutId, till: KeyboardLayoutId): string {
  const from = positions(scanner);
  const to = KEYBOARD_LAYOUTS[till].rows;
  let out = '';
  for (const ch of text) {
    const pos = from.get(ch);
    const row = pos === undefined ? undefined : to[pos.row];
    const produced = pos === undefined || row === undefined ? ch : [...row[pos.shifted ? 1 : 0]][pos.col];
    out += produced === undefined || produced === '\u0000' ? '\ufffd' : produced;
  }
  return out;
}
