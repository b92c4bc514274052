import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Card } from './card.tsx';

/** The opening tag of the first `tag` element in `html`. */
function openTag(html: string, tag: string): string {
  return new RegExp(`<${tag}\\b[^>]*>`).exec(html)?.[0] ?? '';
}

function attr(tag: string, name: string): string | null {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
}

describe('Card', () => {
  it('is a section named by its heading, with the hint under it and then the content', () => {
    const html = renderToStaticMarkup(
      <Card title="Reconcile a day" hint="Compares the journal with the server." testId="rec">
        <p>body</p>
      </Card>,
    );
    const section = openTag(html, 'section');
    const headingId = attr(openTag(html, 'h2'), 'id');
    expect(headingId).toMatch(/\S/);
    expect(attr(section, 'aria-labelledby')).toBe(headingId);
    expect(attr(section, 'class')).toBe('frame');
    expect(attr(section, 'data-testid')).toBe('rec');
    expect(html).toContain('>Reconcile a day</h2><p class="frame__hint">Compares the journal with the server.</p><p>body</p></section>');
  });

  it('gives two cards on one page different heading ids', () => {
    const html = renderToStaticMarkup(
      <>
        <Card title="One" />
        <Card title="Two" />
      </>,
    );
    const ids = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
    expect([...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1])).toEqual(ids);
  });

  it('leaves the hint out when there is none', () => {
    expect(renderToStaticMarkup(<Card title="PIN" />)).not.toContain('frame__hint');
  });

  it('sets the variant class, the heading level, the element, the anchor id and data attributes', () => {
    const html = renderToStaticMarkup(
      <Card as="li" variant="inner" headingLevel={3} title="Return R-1" id="r1" data={{ 'clawback-id': 7, configured: false, status: undefined }}>
        x
      </Card>,
    );
    const li = openTag(html, 'li');
    expect(attr(li, 'class')).toBe('frame frame--inner');
    expect(attr(li, 'id')).toBe('r1');
    expect(attr(li, 'data-clawback-id')).toBe('7');
    expect(attr(li, 'data-configured')).toBe('false');
    expect(li).not.toContain('data-status');
    expect(attr(li, 'aria-labelledby')).toBe(attr(openTag(html, 'h3'), 'id'));
    expect(html).not.toContain('<h2');
    expect(attr(openTag(renderToStaticMarkup(<Card title="Adjust" variant="narrow" />), 'section'), 'class')).toBe('frame frame--narrow');
  });
});
