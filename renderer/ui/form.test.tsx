import type { FormEvent, ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Form } from './form.tsx';

describe('Form', () => {
  it('passes its attributes through to the form', () => {
    const html = renderToStaticMarkup(
      <Form className="mgr-form" noValidate aria-label="Adjust" onSubmit={() => undefined}>
        <input name="n" />
      </Form>,
    );
    expect(html).toBe('<form class="mgr-form" noValidate="" aria-label="Adjust"><input name="n"/></form>');
  });

  it('runs onSubmit once and keeps the browser from submitting the page', () => {
    let submits = 0;
    let prevented = 0;
    const form = Form({ onSubmit: () => (submits += 1), children: null }) as ReactElement<{ onSubmit: (e: FormEvent<HTMLFormElement>) => void }>;
    form.props.onSubmit({ preventDefault: () => (prevented += 1) } as unknown as FormEvent<HTMLFormElement>);
    expect({ submits, prevented }).toEqual({ submits: 1, prevented: 1 });
  });
});
