import { describe, expect, it } from 'vitest';
import { checkCatalogues } from '../../shared/i18n/catalogue-check.ts';
import type { Catalogue } from '../../shared/i18n/locales.ts';
import { CATALOGUES } from '../../shared/i18n/locales.ts';
import { pseudoCatalogue } from '../../shared/i18n/pseudo.ts';
import { catalogueLocales, extractMessages, readCatalogue } from './catalogue-files.ts';
import { PSEUDO } from './paths.ts';
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

  it('pseudo-locales are what npm run i18n:pseudo generates from en.json', () => {
    const en = files.en;
    expect(en).toBeDefined();
    for (const kind of PSEUDO) expect(files[kind], `${kind}.json is stale: run npm run i18n:pseudo`).toEqual(pseudoCatalogue(en!, kind));
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

  it('reports placeholders that differ from English: a renamed argument, a changed type, other select cases', () => {
    const cats = good();
    cats.de!['a.count'] = { defaultMessage: '{count, plural, one {# Punkt} other {# Punkte}} für {who}' };
    cats.de!['a.kind'] = { defaultMessage: '{kind, select, award {Vergabe} clawback {Rückbuchung} other {Rückgabe}}' };
    const problems = checkCatalogues(code, cats);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^de: "a.count" has placeholders \{count:plural, who:text\}, English has \{n:plural, who:text\}/);
    expect(problems[1]).toMatch(/^de: "a.kind" has placeholders/);
    cats.de!['a.count'] = { defaultMessage: '{n, number} für {who}' };
    cats.de!['a.kind'] = good().de!['a.kind']!;
    expect(checkCatalogues(code, cats)).toEqual([expect.stringMatching(/"a.count" has placeholders \{n:number, who:text\}/)]);
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
