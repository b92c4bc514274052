import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { decisionNote } from './decision.ts';

describe('decisionNote', () => {
  it('records the chosen outcome and the words', () => {
    expect(decisionNote('kept', '')).toBe('No action: member keeps the reward');
    expect(decisionNote('reinstated', ' gave coupon back in portal ')).toBe('Reinstated for the member. gave coupon back in portal');
  });

  it('writes the outcome in the language of the manager who decides, like their own words', () => {
    expect(decisionNote('kept', '', createTranslator('de').t)).toBe('Keine Aktion: Mitglied behält die Prämie');
    expect(decisionNote('charged', ' an der Kasse ', createTranslator('es').t)).toBe('Valor de la recompensa descontado del reembolso. an der Kasse');
  });
});
