/**
 * The Settings screen's forms: each section edits a few fields as text, turns them into a
 * `settings:update` patch, and checks it with the same zod schema main uses, so a message appears
 * next to the field before anything is sent. Main's own SETTINGS_INVALID issues map the same way.
 */
import { settingsPatchSchema } from '../../../shared/ipc/schemas/settings.ts';
import type { Settings, SettingsPatch } from '../../../shared/ipc/schemas/settings.ts';
import { issuesOf, type Issue } from '../../../shared/ipc/envelope.ts';
import { defineMessages } from '@formatjs/intl';
import { englishText } from '../../../shared/i18n/translator.ts';
import type { Translate } from '../../state/locale-store.ts';

export type SectionId = 'connection' | 'store' | 'earn' | 'scanner' | 'camera' | 'region' | 'housekeeping';

/** How a field is typed in and turned into its setting. */
type FieldKind =
  | 'int' // whole number
  | 'decimal' // non-negative decimal
  | 'text' // trimmed text
  | 'raw' // text exactly as typed (scanner prefix/suffix: spaces matter)
  | 'nullable' // trimmed text, '' = null
  | 'nullable-raw' // text as typed, '' = null
  | 'bool'
  | 'choice'
  | 'code'; // trimmed, upper case (a currency code)

interface FieldSpec {
  /** Dotted path into Settings, e.g. `earnRule.pointsPerUnit`. */
  key: string;
  kind: FieldKind;
}

export const SECTION_FIELDS: Readonly<Record<SectionId, readonly FieldSpec[]>> = {
  connection: [
    { key: 'mode', kind: 'choice' },
    { key: 'baseUrl', kind: 'text' },
    { key: 'requestTimeoutMs', kind: 'int' },
    { key: 'noResendWindowMs', kind: 'int' },
  ],
  store: [
    { key: 'storeId', kind: 'nullable' },
    { key: 'tillId', kind: 'nullable' },
    { key: 'txnIdScope', kind: 'choice' },
    { key: 'businessDayStartsAt', kind: 'text' },
  ],
  earn: [
    { key: 'earnRule.pointsPerUnit', kind: 'decimal' },
    { key: 'earnRule.rounding', kind: 'choice' },
    { key: 'earnRule.applyTierMultiplier', kind: 'bool' },
  ],
  scanner: [
    { key: 'scanner.maxGapMs', kind: 'int' },
    { key: 'scanner.minLength', kind: 'int' },
    { key: 'scanner.prefix', kind: 'raw' },
    { key: 'scanner.suffix', kind: 'raw' },
    { key: 'scanner.terminator', kind: 'choice' },
    { key: 'scanner.customPattern', kind: 'nullable-raw' },
  ],
  camera: [{ key: 'camera.deviceId', kind: 'nullable-raw' }],
  region: [
    { key: 'language', kind: 'nullable' },
    { key: 'currency', kind: 'code' },
  ],
  housekeeping: [
    { key: 'journalRetentionDays', kind: 'int' },
    { key: 'managerAutoLockMinutes', kind: 'int' },
    { key: 'cardFreshnessMinutes', kind: 'int' },
    { key: 'kiosk', kind: 'bool' },
  ],
};

export type DraftValue = string | boolean;
export type Draft = Readonly<Record<string, DraftValue>>;
export type FieldErrors = Readonly<Record<string, string>>;

function getPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1] ?? key] = value;
}

/** The section's fields as the form shows them. */
export function draftFrom(section: SectionId, settings: Settings): Record<string, DraftValue> {
  const draft: Record<string, DraftValue> = {};
  for (const f of SECTION_FIELDS[section]) {
    const v = getPath(settings, f.key);
    draft[f.key] = f.kind === 'bool' ? v === true : typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  }
  return draft;
}

export function isDirty(section: SectionId, draft: Draft, settings: Settings): boolean {
  const base = draftFrom(section, settings);
  return SECTION_FIELDS[section].some((f) => draft[f.key] !== base[f.key]);
}

type IssueLike = Pick<Issue, 'path' | 'message' | 'messageId' | 'values'>;

/** The first issue per field, keyed by dotted path; issues without a path go under ''. */
function firstIssues(issues: readonly IssueLike[]): Map<string, IssueLike> {
  const out = new Map<string, IssueLike>();
  for (const i of issues) {
    const key = i.path.join('.');
    if (!out.has(key)) out.set(key, i);
  }
  return out;
}

/** An issue for people: its catalogue sentence (shared/ipc/issue-messages.ts), else zod's words as a sentence. */
function issueSentence(i: IssueLike, t: Translate): string {
  return i.messageId !== undefined ? t(i.messageId, i.values) : sentence(i.message, t);
}

/** The first message per field, keyed by dotted path; issues without a path go under ''. */
export function issuesToErrors(issues: readonly IssueLike[], t: Translate = englishText): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, i] of firstIssues(issues)) out[key] = issueSentence(i, t);
  return out;
}

/** zod's "must be …" fragments as a sentence: "Must be …." */
function sentence(message: string, t: Translate): string {
  const m = message.trim();
  if (m === '') return t(M.invalidValue);
  const s = m.charAt(0).toUpperCase() + m.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** Friendlier wording for zod's stock range messages on the numeric settings. */
const LIMITS: Readonly<Record<string, { min: number; max: number; unit: 'ms' | 'days' | 'minutes' | 'characters' }>> = {
  requestTimeoutMs: { min: 1000, max: 120000, unit: 'ms' },
  noResendWindowMs: { min: 2000, max: 3600000, unit: 'ms' },
  journalRetentionDays: { min: 7, max: 3650, unit: 'days' },
  managerAutoLockMinutes: { min: 1, max: 240, unit: 'minutes' },
  cardFreshnessMinutes: { min: 1, max: 1440, unit: 'minutes' },
  'scanner.maxGapMs': { min: 5, max: 500, unit: 'ms' },
  'scanner.minLength': { min: 1, max: 256, unit: 'characters' },
};

/** The range sentence for a numeric setting zod refused as too big or too small (undefined: not one of those). */
function limitText(key: string, t: Translate): string | undefined {
  const limit = LIMITS[key];
  return limit === undefined ? undefined : t(M.between, { min: String(limit.min), max: String(limit.max), unit: limit.unit });
}

const M = defineMessages({
  invalidValue: { id: 'manager.settings.error.invalidValue', defaultMessage: 'This value is not valid.', description: 'Settings field error without details' },
  invalidSettings: { id: 'manager.settings.error.invalidSettings', defaultMessage: 'These settings are not valid.', description: 'Settings form error without a field' },
  number: { id: 'manager.settings.error.number', defaultMessage: 'Enter a number.', description: 'Settings field error: empty number' },
  wholeNumber: { id: 'manager.settings.error.wholeNumber', defaultMessage: 'Enter a whole number.', description: 'Settings field error: not a whole number' },
  decimal: { id: 'manager.settings.error.decimal', defaultMessage: 'Enter a number such as 1, 2.5 or 0.1.', description: 'Settings field error: not a decimal number' },
  between: {
    id: 'manager.settings.error.between',
    defaultMessage: 'Between {min} and {max} {unit, select, ms {ms} days {days} minutes {minutes} other {characters}}.',
    description: 'Settings field error: allowed range (min and max are plain digits)',
  },
});

export type PatchResult = { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldErrors };

/**
 * Turns the section's draft into a patch (a nested group is sent whole, as the channel wants),
 * checked with the channel's schema. Errors are keyed by the field's dotted path. Fields the
 * fleet policy locks (`locked`) are left out: they cannot change, and main refuses a patch with them.
 */
export function buildPatch(section: SectionId, draft: Draft, locked: (key: string) => boolean = () => false, translate: Translate = englishText): PatchResult {
  const errors: Record<string, string> = {};
  const patch: Record<string, unknown> = {};
  for (const f of SECTION_FIELDS[section]) {
    if (locked(f.key)) continue;
    const v = draft[f.key];
    switch (f.kind) {
      case 'bool':
        setPath(patch, f.key, v === true);
        break;
      case 'int': {
        const text = typeof v === 'string' ? v.trim() : '';
        if (!/^-?\d+$/.test(text)) errors[f.key] = translate(text === '' ? M.number : M.wholeNumber);
        else setPath(patch, f.key, Number(text));
        break;
      }
      case 'decimal': {
        const text = typeof v === 'string' ? v.trim().replace(',', '.') : '';
        if (!/^\d+(?:\.\d+)?$/.test(text)) errors[f.key] = translate(text === '' ? M.number : M.decimal);
        else setPath(patch, f.key, Number(text));
        break;
      }
      case 'text':
      case 'choice':
        setPath(patch, f.key, typeof v === 'string' ? v.trim() : '');
        break;
      case 'raw':
        setPath(patch, f.key, typeof v === 'string' ? v : '');
        break;
      case 'code':
        setPath(patch, f.key, typeof v === 'string' ? v.trim().toUpperCase() : '');
        break;
      case 'nullable': {
        const t = typeof v === 'string' ? v.trim() : '';
        setPath(patch, f.key, t === '' ? null : t);
        break;
      }
      case 'nullable-raw': {
        const t = typeof v === 'string' ? v : '';
        setPath(patch, f.key, t.trim() === '' ? null : t);
        break;
      }
    }
  }
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    // zod's English decides a range problem; people read the limit or the issue's catalogue sentence.
    for (const [k, i] of firstIssues(issuesOf(parsed.error))) {
      if (errors[k] === undefined) errors[k] = (/too (big|small)|expected number to be/i.test(i.message) ? limitText(k, translate) : undefined) ?? issueSentence(i, translate);
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (!parsed.success) return { ok: false, errors: { '': translate(M.invalidSettings) } };
  // What was built, not `parsed.data`: parsing fills the nested groups with their defaults.
  return { ok: true, patch };
}

/** Main's SETTINGS_INVALID issues for this section; anything that is not one of its fields goes under ''. */
export function serverErrors(section: SectionId, issues: readonly IssueLike[], fallback: string, t: Translate = englishText): FieldErrors {
  const keys = new Set(SECTION_FIELDS[section].map((f) => f.key));
  const out: Record<string, string> = {};
  for (const [k, i] of firstIssues(issues)) {
    // A whole-group issue (path `earnRule`) belongs to the group's first field.
    const target = keys.has(k) ? k : ([...keys].find((x) => x.startsWith(`${k}.`)) ?? '');
    if (out[target] === undefined) out[target] = (/too (big|small)/i.test(i.message) ? limitText(target, t) : undefined) ?? issueSentence(i, t);
  }
  if (Object.keys(out).length === 0) out[''] = fallback;
  return out;
}
