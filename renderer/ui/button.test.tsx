import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Button, buttonClass } from './button.tsx';
import { keyLabel } from './kbd.tsx';

describe('Button', () => {
  it('never submits a form unless asked, and carries its variant, size and test id', () => {
    const html = renderToStaticMarkup(
      <Button variant="honor" size="large" testId="verdict-done">
        Done
      </Button>,
    );
    expect(html).toContain('type="button"');
    expect(html).toContain('class="btn btn--honor btn--large"');
    expect(html).toContain('data-testid="verdict-done"');
    expect(html).toContain('<span class="btn__label">Done</span>');
    expect(renderToStaticMarkup(<Button type="submit">Save</Button>)).toContain('type="submit"');
  });

  it('shows its shortcut as a key cap and exposes it to assistive tech', () => {
    const html = renderToStaticMarkup(<Button shortcut="Escape">New customer</Button>);
    expect(html).toContain('aria-keyshortcuts="Escape"');
    expect(html).toContain('<kbd class="kbd">Esc</kbd>');
    expect(renderToStaticMarkup(<Button>Plain</Button>)).not.toContain('kbd');
  });

  it('keeps the accessible name from aria-label when the text is only a symbol', () => {
    expect(renderToStaticMarkup(<Button aria-label="Dismiss">×</Button>)).toContain('aria-label="Dismiss"');
  });

  it('appends extra classes after the kit classes', () => {
    expect(buttonClass('primary', 'small', 'wide')).toBe('btn btn--primary btn--small wide');
    expect(buttonClass()).toBe('btn btn--secondary btn--normal');
  });
});

describe('keyLabel', () => {
  it('reads binding names as the caps on the keyboard', () => {
    expect(keyLabel('Escape')).toBe('Esc');
    expect(keyLabel('Enter')).toBe('⏎');
    expect(keyLabel('Ctrl+K')).toBe('Ctrl K');
    expect(keyLabel('Alt+1')).toBe('Alt 1');
    expect(keyLabel('F6')).toBe('F6');
  });
});
