import { describe, expect, it } from 'vitest';
import { checkCatalogues } from '../../shared/i18n/catalogue-check.ts';
import type { Catalogue } from '../../shared/i18n/locales.ts';
import { CATALOGUES } from '../../shared/i18n/locales.ts';
import { pseudoCatalogue } from '../../shared/i18n/pseudo.ts';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogueLocales, extractMessages, readCatalogue } from './catalogue-files.ts';
import { CATALOGUE_INDEX, catalogueIndexSource } from './catalogue-index.ts';
import { PSEUDO, ROOT } from './paths.ts';
import { UNTRANSLATED } from './sync.ts';

describe('the committed catalogues against a fresh extraction of the code', () => {
  // Extracted here, not read from en.json, so a stale catalogue cannot pass.
  const extracted = extractMessages();
  const files = Object.fromEntries(catalogueLocales().map((l) => [l, readCatalogue(l)]));

  it('extraction finds the messages of the renderer and of main', () => {
    expect(Object.keys(extracted)).toEqual(expect.arrayContaining(['runtime.outcome.confirmed', 'scan.error.empty', 'error.code.INTERNAL', 'card.error.staleAward', 'csv.column.memberId']));
  });

  it('have every id the code uses, no id it does not, valid ICU and the same placeholders as English', () => {
    expect(checkCatalogues(extracted, files)).toEqual([]);
  });

  it('are translated: no entry still carries the UNTRANSLATED mark that i18n:extract / i18n:add leave', () => {
    const left = Object.entries(files).flatMap(([locale, cat]) =>
      Object.entries(cat)
        .filter(([, e]) => e.description?.startsWith(UNTRANSLATED) === true)
        .map(([id]) => `${locale}: ${id}`),
    );
    expect(left).toEqual([]);
  });

  it('are all loaded by the app', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual(Object.keys(files).sort());
  });

  it('the catalogue index the app loads lists exactly the files in shared/i18n/locales', () => {
    expect(fs.readFileSync(CATALOGUE_INDEX, 'utf8'), 'catalogues.generated.ts is stale: run npm run i18n:extract').toBe(catalogueIndexSource(catalogueLocales()));
  });

  it('pseudo-locales are what npm run i18n:pseudo generates from en.json', () => {
    const en = files.en;
    expect(en).toBeDefined();
    for (const kind of PSEUDO) expect(files[kind], `${kind}.json is stale: run npm run i18n:pseudo`).toEqual(pseudoCatalogue(en!, kind));
  });
});

describe('npm run i18n:add', () => {
  it('is the one step that makes a language: the new catalogue is loaded by the app with no hand edit', () => {
    // A copy of the i18n scripts and catalogues, so the real script runs without touching the repository.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'till-i18n-add-'));
    try {
      for (const dir of ['scripts/i18n', 'shared/i18n']) fs.cpSync(path.join(ROOT, dir), path.join(tmp, dir), { recursive: true });
      execFileSync(process.execPath, [path.join(tmp, 'scripts/i18n/sync.ts'), '--', 'fr'], { stdio: 'pipe' });
      expect(fs.existsSync(path.join(tmp, 'shared/i18n/locales/fr.json'))).toBe(true);
      const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', `import { SUPPORTED_LOCALES, matchLocale } from ${JSON.stringify(path.join(tmp, 'shared/i18n/locales.ts'))}; console.log(JSON.stringify([SUPPORTED_LOCALES, matchLocale('fr-CH')]));`], { encoding: 'utf8' });
      expect(JSON.parse(loaded)).toEqual([['en', 'de', 'es', 'fr', 'zh-CN', 'en-XA', 'ar-XB'], 'fr']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('checkCatalogues', () => {
  const code: Catalogue = {
    'a.count': { defaultMessage: '{n, plural, one {# point} other {# points}} for {who}', description: 'd' },
    'a.kind': { defaultMessage: '{kind, select, award {Award} other {Return}}', description: 'd' },
  };
  const good = (): Record<string, Catalogue> => ({
    en: structuredClone(code),
    de: {
      'a.count': { defaultMessage: '{n, plural, one {# Punkt} other {# Punkte}} für {who}' },
      'a.kind': { defaultMessage: '{kind, select, award {Vergabe} other {Rückgabe}}' },
    },
  });

  it('passes matching catalogues', () => {
    expect(checkCatalogues(code, good())).toEqual([]);
  });

  it('reports a key used in code but missing from a catalogue', () => {
    const cats = good();
    delete cats.de!['a.kind'];
    expect(checkCatalogues(code, cats)).toEqual(['de: "a.kind" is used in code but missing.']);
  });

  it('reports an unused key', () => {
    const cats = good();
    cats.de!['a.gone'] = { defaultMessage: 'Weg' };
    expect(checkCatalogues(code, cats)).toEqual(['de: "a.gone" is not used by any code (unused key).']);
  });

  it('reports placeholders that differ from English: a renamed argument, a changed type', () => {
    const cats = good();
    cats.de!['a.count'] = { defaultMessage: '{count, plural, one {# Punkt} other {# Punkte}} für {who}' };
    const problems = checkCatalogues(code, cats);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^de: "a.count" has placeholders \{count:plural, who:text\}, English has \{n:plural, who:text\}/);
    cats.de!['a.count'] = { defaultMessage: '{n, number} für {who}' };
    expect(checkCatalogues(code, cats)).toEqual([expect.stringMatching(/"a.count" has placeholders \{n:number, who:text\}/)]);
  });

  it('reports a changed number, date or time style', () => {
    const styled: Catalogue = {
      's.share': { defaultMessage: '{n, number} of {total, number, ::currency/EUR} on {day, date, short} at {at, time, ::Hmm}', description: 'd' },
    };
    const ok = { en: structuredClone(styled), de: { 's.share': { defaultMessage: '{n, number} von {total, number, ::currency/EUR} am {day, date, short} um {at, time, ::Hmm}' } } };
    expect(checkCatalogues(styled, ok)).toEqual([]);
    const changed = { en: structuredClone(styled), de: { 's.share': { defaultMessage: '{n, number, percent} von {total, number, ::currency/USD} am {day, date, long} um {at, time, ::hmm}' } } };
    expect(checkCatalogues(styled, changed)).toEqual([
      'de: "s.share" has placeholders {at:time(::hmm), day:date(long), n:number(percent), total:number(::currency/USD)}, English has {at:time(::Hmm), day:date(short), n:number, total:number(::currency/EUR)}.',
    ]);
  });

  it('reports select cases missing from or added to English’s, by name', () => {
    const cats = good();
    cats.de!['a.kind'] = { defaultMessage: '{kind, select, award {Vergabe} clawback {Rückbuchung} other {Rückgabe}}' };
    expect(checkCatalogues(code, cats)).toEqual(['de: "a.kind" select {kind} has case(s) clawback that English does not.']);
    const threeCases: Catalogue = { 'a.kind': { defaultMessage: '{kind, select, award {Award} clawback {Clawback} other {Return}}', description: 'd' } };
    const dropped = { en: structuredClone(threeCases), de: { 'a.kind': { defaultMessage: '{kind, select, award {Vergabe} other {Rückgabe}}' } } };
    expect(checkCatalogues(threeCases, dropped)).toEqual(['de: "a.kind" select {kind} lacks the case(s) clawback that English has.']);
  });

  it('reports plural arms the language does not have, nested ones included, and accepts exact =N arms', () => {
    const cats = good();
    cats.de!['a.count'] = { defaultMessage: '{n, plural, one {# Punkt} few {# Punkte} other {# Punkte}} für {who}' };
    expect(checkCatalogues(code, cats)).toEqual(['de: "a.count" plural {n} has arm(s) few that de does not use (it has one, other).']);
    const zh = { en: structuredClone(code), 'zh-CN': { 'a.count': { defaultMessage: '{who} 的 {n, plural, =1 {一个积分} one {# 积分} other {# 积分}}' }, 'a.kind': { defaultMessage: '{kind, select, award {发放} other {退货}}' } } };
    expect(checkCatalogues(code, zh)).toEqual(['zh-CN: "a.count" plural {n} has arm(s) one that zh-CN does not use (it has other).']);
    const nestedCode: Catalogue = { ...code, 'a.kind': { defaultMessage: '{kind, select, award {<b>{n, plural, one {# x} other {# y}}</b>} other {Return}}', description: 'd' } };
    const nested = {
      en: structuredClone(nestedCode),
      ru: {
        'a.count': { defaultMessage: '{n, plural, one {# балл} few {# балла} many {# баллов} other {# балла}} для {who}' },
        'a.kind': { defaultMessage: '{kind, select, award {<b>{n, plural, two {# x} other {# y}}</b>} other {Возврат}}' },
      },
    };
    expect(checkCatalogues(nestedCode, nested)).toEqual(['ru: "a.kind" plural {n} has arm(s) two that ru does not use (it has few, many, one, other).']);
  });

  it('reports a plural arm that drops the # where the arm stands for more than one number', () => {
    const cats = good();
    cats.de!['a.count'] = { defaultMessage: '{n, plural, one {ein Punkt} other {Punkte}} für {who}' };
    // German `one` is only 1, so spelling it out is fine; `other` loses the count.
    expect(checkCatalogues(code, cats)).toEqual(['de: "a.count" plural {n} drops the # (the count) in arm(s) other.']);
    // Russian `one` is 1, 21, 31…: "один балл" would be wrong for 21.
    const ru = { en: structuredClone(code), ru: { 'a.count': { defaultMessage: '{n, plural, one {один балл} few {# балла} many {# баллов} other {# балла}} для {who}' }, 'a.kind': { defaultMessage: '{kind, select, award {Начисление} other {Возврат}}' } } };
    expect(checkCatalogues(code, ru)).toEqual(['ru: "a.count" plural {n} drops the # (the count) in arm(s) one.']);
    // A # inside a tag counts; an English message without # asks for none.
    const tagged: Catalogue = { 't.count': { defaultMessage: '{n, plural, one {<b>#</b> point} other {<b>#</b> points}}', description: 'd' } };
    expect(checkCatalogues(tagged, { en: structuredClone(tagged), de: { 't.count': { defaultMessage: '{n, plural, one {<b>ein</b> Punkt} other {<b>#</b> Punkte}}' } } })).toEqual([]);
    expect(checkCatalogues(tagged, { en: structuredClone(tagged), de: { 't.count': { defaultMessage: '{n, plural, one {<b>ein</b> Punkt} other {<b>viele</b> Punkte}}' } } })).toEqual([
      'de: "t.count" plural {n} drops the # (the count) in arm(s) other.',
    ]);
    const noCount: Catalogue = { 'a.count': { defaultMessage: '{n, plural, one {point} other {points}} for {who}', description: 'd' } };
    expect(checkCatalogues(noCount, { en: structuredClone(noCount), de: { 'a.count': { defaultMessage: '{n, plural, one {Punkt} other {Punkte}} für {who}' } } })).toEqual([]);
  });

  it('reports invalid ICU and a plural without other', () => {
    const cats = good();
    cats.de!['a.count'] = { defaultMessage: '{n, plural, one {# Punkt} other {# Punkte} für {who}' };
    expect(checkCatalogues(code, cats)).toEqual([expect.stringMatching(/^de: "a.count" is not valid ICU/)]);
    cats.de!['a.count'] = { defaultMessage: '{n, plural, one {# Punkt}} für {who}' };
    expect(checkCatalogues(code, cats)).toEqual(['de: "a.count" is not valid ICU (MISSING_OTHER_CLAUSE).']);
  });

  it('reports en.json out of step with the code and a message without a description', () => {
    const cats = good();
    cats.en!['a.kind'] = { defaultMessage: '{kind, select, award {Awarded} other {Return}}' };
    const noDescription: Catalogue = { ...code, 'a.kind': { defaultMessage: code['a.kind']!.defaultMessage } };
    expect(checkCatalogues(noDescription, cats)).toEqual([
      'en: "a.kind" differs from the code\'s default message; run npm run i18n:extract.',
      'code: "a.kind" has no description for translators.',
    ]);
  });
});
