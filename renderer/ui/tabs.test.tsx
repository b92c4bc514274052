import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Disclosure } from './disclosure.tsx';
import { nextTabIndex, Tabs } from './tabs.tsx';
import { ToggleChip } from './toggle-chip.tsx';

const ITEMS = [
  { id: 'sales', label: 'Sales', keyShortcut: 'Alt+1', testId: 'tab-sales' },
  { id: 'returns', label: 'Returns', keyShortcut: 'Alt+2', testId: 'tab-returns' },
  { id: 'notes', label: 'Notes' },
] as const;

describe('Tabs', () => {
  it('marks the selected tab, keeps only it in the Tab order, and links every tab to its panel', () => {
    const html = renderToStaticMarkup(<Tabs items={ITEMS} selected="returns" onSelect={() => undefined} label="Sections" idPrefix="t" />);
    expect(html).toContain('role="tablist" aria-label="Sections"');
    expect(html).toContain(
      '<button type="button" role="tab" id="t-tab-returns" aria-selected="true" aria-controls="t-panel-returns" aria-keyshortcuts="Alt+2" tabindex="0" class="mgr-tab-button" data-testid="tab-returns">Returns</button>',
    );
    expect(html).toContain('id="t-tab-sales" aria-selected="false" aria-controls="t-panel-sales" aria-keyshortcuts="Alt+1" tabindex="-1"');
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).not.toContain('undefined');
  });

  it('arrow keys wrap around, Home and End go to the ends, other keys are left alone', () => {
    expect(nextTabIndex('ArrowRight', 2, 3)).toBe(0);
    expect(nextTabIndex('ArrowRight', 0, 3)).toBe(1);
    expect(nextTabIndex('ArrowLeft', 0, 3)).toBe(2);
    expect(nextTabIndex('Home', 2, 3)).toBe(0);
    expect(nextTabIndex('End', 0, 3)).toBe(2);
    expect(nextTabIndex('Enter', 1, 3)).toBeNull();
  });
});

describe('ToggleChip and Disclosure', () => {
  it('a chip says whether it is on with aria-pressed', () => {
    expect(renderToStaticMarkup(<ToggleChip pressed onToggle={() => undefined} testId="f-open">Open</ToggleChip>)).toBe(
      '<button type="button" class="chip-toggle" aria-pressed="true" data-testid="f-open">Open</button>',
    );
    expect(renderToStaticMarkup(<ToggleChip pressed={false} onToggle={() => undefined}>Open</ToggleChip>)).toContain('aria-pressed="false"');
  });

  it('a disclosure says whether its content is shown with aria-expanded', () => {
    expect(renderToStaticMarkup(<Disclosure open={false} onToggle={() => undefined}>Details</Disclosure>)).toBe(
      '<button type="button" class="mgr-disclosure" aria-expanded="false">Details</button>',
    );
    expect(renderToStaticMarkup(<Disclosure open controls="d1" onToggle={() => undefined}>Details</Disclosure>)).toContain('aria-expanded="true" aria-controls="d1"');
  });
});
