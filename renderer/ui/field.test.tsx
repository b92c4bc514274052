import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Field } from './field.tsx';

/** The value of `attr` on the first element matching `tag` in `html`. */
function attr(html: string, tag: string, name: string): string | null {
  const el = new RegExp(`<${tag}\\b[^>]*>`).exec(html)?.[0] ?? '';
  return new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(el)?.[1] ?? null;
}

const noop = (): void => undefined;

describe('Field (text input)', () => {
  it('labels the input and points it at its hint and error', () => {
    const html = renderToStaticMarkup(<Field label="Sale total" value="12" onValue={noop} hint="In euros" error="Too large" testId="award-total" />);
    const id = attr(html, 'input', 'id');
    expect(id).not.toBeNull();
    expect(attr(html, 'label', 'for')).toBe(id);
    expect(attr(html, 'input', 'aria-describedby')).toBe(`${id}-hint ${id}-error`);
    expect(attr(html, 'input', 'aria-invalid')).toBe('true');
    expect(attr(html, 'input', 'data-testid')).toBe('award-total');
    expect(html).toContain(`id="${id}-hint"`);
    expect(html).toMatch(new RegExp(`id="${id}-error" class="field__error" role="alert"`));
    expect(html).toContain('class="field field--error"');
  });

  it('is not described or invalid when it has no hint and no error', () => {
    const html = renderToStaticMarkup(<Field label="Transaction id" value="" onValue={noop} />);
    expect(attr(html, 'input', 'aria-describedby')).toBeNull();
    expect(attr(html, 'input', 'aria-invalid')).toBeNull();
    expect(html).not.toContain('role="alert"');
    expect(attr(html, 'input', 'autocomplete')).toBe('off');
  });

  it('passes input attributes through and lets them override the defaults', () => {
    const html = renderToStaticMarkup(<Field label="PIN" value="" onValue={noop} type="password" inputMode="numeric" autoComplete="one-time-code" />);
    expect(attr(html, 'input', 'type')).toBe('password');
    expect(attr(html, 'input', 'inputmode')).toBe('numeric');
    expect(attr(html, 'input', 'autocomplete')).toBe('one-time-code');
  });
});

describe('Field (any control)', () => {
  it('hands the ids to the control it renders', () => {
    const html = renderToStaticMarkup(
      <Field label="Earn rule" hint="Points per euro" error="Pick one">
        {(ids) => (
          <select {...ids}>
            <option>1</option>
          </select>
        )}
      </Field>,
    );
    const id = attr(html, 'select', 'id');
    expect(attr(html, 'label', 'for')).toBe(id);
    expect(attr(html, 'select', 'aria-describedby')).toBe(`${id}-hint ${id}-error`);
    expect(attr(html, 'select', 'aria-invalid')).toBe('true');
    expect(html).not.toContain('<input');
  });
});
