import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { errorText } from './call.ts';

describe('review #14: a field problem main reports on a German manager console', () => {
  it('names the field in German, not by its machine key (note, reasonCode)', () => {
    const de = createTranslator('de');
    // What main answers for an adjustment whose note is too short (shared/ipc/issue-messages.ts gives the id).
    const text = errorText(
      { code: 'INVALID_PAYLOAD', message: 'The request was refused.', issues: [{ path: ['note'], message: 'write a note of at least 5 characters', messageId: 'issue.noteShort', values: { min: 5 } }] },
      de,
    );
    expect(text).toContain('5');
    expect(text).not.toMatch(/^note:/);
  });
});
