/**
 * Every sentence main sends for people has a catalogue id that each shipped language translates,
 * with the placeholders English has: verdict reasons, write outcomes, journal state labels,
 * notices, key tests, the PIN rule and award refusals. Each message is formatted in every
 * language with values covering its select branches, and must come out translated (not the id,
 * not English) wherever the catalogue holds its own text.
 */
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES } from '../../../shared/i18n/locales.ts';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { STATE_LABEL_MESSAGES, JOURNAL_STATES, STATE_LABELS } from '../../../shared/journal/states.ts';
import { PIN_MESSAGES } from '../../../shared/ipc/schemas/pin.ts';
import { KEY_TEST_MESSAGES } from '../keys/key-tester.ts';
import { NOTICE_MESSAGES } from '../notices/notice-board.ts';
import { VERDICT_MESSAGES } from './coupon-verdict.ts';
import { OUTCOME_MESSAGES } from './outcome.ts';

const LANGUAGES = ['de', 'es', 'zh-CN'] as const;
const GROUPS = {
  verdict: VERDICT_MESSAGES,
  outcome: OUTCOME_MESSAGES,
  state: STATE_LABEL_MESSAGES,
  notice: NOTICE_MESSAGES,
  keyTest: KEY_TEST_MESSAGES,
  pin: PIN_MESSAGES,
} as const;

/** Argument names and the select keys each one takes, from the English message. */
function argumentsOf(elements: MessageFormatElement[], out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      argumentsOf(el.children, out);
      continue;
    }
    const keys = out.get(el.value) ?? new Set<string>();
    out.set(el.value, keys);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      for (const [key, option] of Object.entries(el.options)) {
        if (el.type === TYPE.select) keys.add(key);
        argumentsOf(option.value, out);
      }
    }
  }
  return out;
}

/** One set of values per select key (plus numbers for the rest), so every branch is formatted. */
function sampleValues(message: string): Record<string, string | number>[] {
  const args = argumentsOf(parse(message));
  const base: Record<string, string | number> = {};
  for (const [name, keys] of args) base[name] = keys.size > 0 ? ([...keys][0] ?? 'other') : name === 'at' ? Date.UTC(2026, 10, 24, 13, 2) : 7;
  const samples = [base];
  for (const [name, keys] of args) for (const key of keys) samples.push({ ...base, [name]: key });
  return samples;
}

describe('main’s messages for people', () => {
  for (const [group, messages] of Object.entries(GROUPS)) {
    it(`${group}: every id is in every catalogue and formats, translated, in every language`, () => {
      for (const descriptor of Object.values(messages) as { id: string; defaultMessage: string }[]) {
        expect(CATALOGUES.en?.[descriptor.id]?.defaultMessage, descriptor.id).toBe(descriptor.defaultMessage);
        const english = createTranslator('en');
        for (const language of LANGUAGES) {
          const entry = CATALOGUES[language]?.[descriptor.id];
          expect(entry, `${descriptor.id} in ${language}`).toBeDefined();
          expect(entry?.description ?? '', `${descriptor.id} in ${language}`).not.toMatch(/^UNTRANSLATED/);
          const tr = createTranslator(language);
          for (const values of sampleValues(descriptor.defaultMessage)) {
            const text = tr.t(descriptor, values);
            expect(text, `${descriptor.id} in ${language}`).not.toBe(descriptor.id);
            expect(text, `${descriptor.id} in ${language} with ${JSON.stringify(values)}`).not.toBe(english.t(descriptor, values));
          }
        }
      }
    });
  }

  it('the English state labels main uses are the catalogue’s own English', () => {
    for (const s of JOURNAL_STATES) expect(STATE_LABELS[s]).toBe(CATALOGUES.en?.[STATE_LABEL_MESSAGES[s].id]?.defaultMessage);
  });
});
