import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.ts';
import { pageLabel } from './store-picker.tsx';

describe('pageLabel', () => {
  it('writes the counts in the console’s locale, not the runtime default', () => {
    const de = createTranslator('de', 'de-DE');
    const label = pageLabel(de, 1000, 20, 12345);
    expect(label).toContain('1.001');
    expect(label).toContain('12.345');
  });
});
