import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Facts } from './facts.tsx';
import { ErrorBanner, FormError, StatusLine } from './messages.tsx';
import { StateChip } from './state-chip.tsx';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { LocaleProvider } from '../app/translate.tsx';
import { createLocaleStore } from '../state/locale-store.ts';
import { STATE_LABEL_MESSAGES } from '../../shared/journal/states.ts';

describe('ErrorBanner', () => {
  it('says nothing without an error', () => {
    expect(renderToStaticMarkup(<ErrorBanner error={null} />)).toBe('');
  });

  it('announces an error at once, as a sentence naming the field', () => {
    const html = renderToStaticMarkup(
      <ErrorBanner error={{ code: 'INVALID_PAYLOAD', message: 'Invalid input', issues: [{ path: ['points'], message: 'Must be a whole number' }] }} testId="adjust-error" />,
    );
    expect(html).toBe('<p class="banner banner--error" role="alert" data-testid="adjust-error">Points: Must be a whole number</p>');
    expect(renderToStaticMarkup(<ErrorBanner error="Store not found." />)).toContain('data-testid="manager-error">Store not found.</p>');
  });
});

describe('FormError', () => {
  it('says nothing without an error', () => {
    expect(renderToStaticMarkup(<FormError text={undefined} testId="award-error" />)).toBe('');
  });

  it('announces the sentence at once, with the cross hidden from screen readers', () => {
    expect(renderToStaticMarkup(<FormError text="Not enough points." testId="award-error" />)).toBe(
      '<p class="form-error" role="alert" data-testid="award-error"><span aria-hidden="true">✕ </span>Not enough points.</p>',
    );
  });
});

describe('StatusLine', () => {
  it('is always present so later text is announced', () => {
    expect(renderToStaticMarkup(<StatusLine text={null} />)).toBe('<p class="status-line status-line--info" role="status"></p>');
    expect(renderToStaticMarkup(<StatusLine text="Saved." tone="ok" testId="s" />)).toBe('<p class="status-line status-line--ok" role="status" data-testid="s">Saved.</p>');
  });
});

describe('StateChip and Facts', () => {
  it('shows a journal state as its word with a tone, in the till’s language', () => {
    const de = createTranslator('de');
    const html = renderToStaticMarkup(
      <LocaleProvider locale={createLocaleStore(() => 'de')}>
        <StateChip state="needs-attention" />
      </LocaleProvider>,
    );
    const word = de.t(STATE_LABEL_MESSAGES['needs-attention']);
    expect(word).not.toBe(STATE_LABEL_MESSAGES['needs-attention'].defaultMessage);
    expect(html).toBe(`<span class="chip chip--bad" data-state="needs-attention">${word}</span>`);
  });

  it('lists label/value pairs as a definition list', () => {
    const html = renderToStaticMarkup(
      <Facts
        testId="row-facts"
        items={[
          ['Member', 'M-1'],
          ['Points', 40],
        ]}
      />,
    );
    expect(html).toBe('<dl class="facts" data-testid="row-facts"><div class="facts__item"><dt>Member</dt><dd>M-1</dd></div><div class="facts__item"><dt>Points</dt><dd>40</dd></div></dl>');
  });
});
