import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../app/runtime.ts';
import { createFakeBridge, row } from '../../testing/fake-bridge.ts';
import { renderInTill } from '../../testing/render-in-till.tsx';
import type { AttentionState, ExceptionItem } from './attention-store.ts';
import { AttentionTab } from './attention-tab.tsx';

const item = (id: number, decision: ExceptionItem['decision']): ExceptionItem => ({
  clawback: row({ id, kind: 'clawback', state: 'confirmed', returnId: `R-${id}`, amount: -249 }),
  redemptions: [row({ id: id + 1, kind: 'redeem', couponId: 'cp_ava_coffee', state: 'confirmed' })],
  decision,
});

/** The tab as the server renders it with the attention store holding `state`. */
function render(state: Partial<AttentionState>): string {
  const runtime = createRuntime(createFakeBridge().bridge, { osLocale: () => 'en-US', sound: { play: () => undefined }, activeElement: () => null });
  const attention = runtime.managerData.attention;
  attention.setState(state);
  return renderInTill(runtime, <AttentionTab active={false} />, [attention]);
}

/** The markup of the card with data-testid `testId` (cards are not nested at this level). */
function card(html: string, testId: string): string {
  const start = html.indexOf(`data-testid="${testId}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('attention tab', () => {
  it('says "loading" in both lists before they are read', () => {
    const html = render({});
    for (const id of ['attention-unfinished', 'attention-exceptions']) {
      expect(card(html, id)).toContain('<p role="status">Loading…</p>');
    }
    expect(html).not.toContain('attention-empty');
    expect(html).not.toContain('exceptions-empty');
  });

  it('shows each list’s empty note, and a refresh that says when its list changed', () => {
    const html = render({ rows: [], total: 0, items: [], rowsStale: true });
    const unfinished = card(html, 'attention-unfinished');
    expect(unfinished).toMatch(/data-testid="attention-refresh"><span class="btn__label">Changed: refresh</);
    expect(unfinished).toContain('Nothing needs attention.');
    const exceptions = card(html, 'attention-exceptions');
    expect(exceptions).toMatch(/data-testid="exceptions-refresh"><span class="btn__label">Refresh</);
    expect(exceptions).toContain('No return is waiting for a decision.');
  });

  it('lists the rows with their total, and the open exceptions as cards named by their heading', () => {
    const html = render({ rows: [row({ id: 7, state: 'needs-attention' })], total: 3, items: [item(40, null), item(50, { note: 'kept', at: 1_760_000_200_000, by: null })] });
    expect(card(html, 'attention-unfinished')).toContain('data-testid="attention-row"');
    expect(html).toContain('data-testid="attention-total"');
    expect(html).not.toContain('attention-empty');
    const open = [...html.matchAll(/<li class="frame frame--inner" aria-labelledby="([^"]+)"[^>]*data-testid="exception-item" data-clawback-id="(\d+)"/g)];
    expect(open.map((m) => m[2])).toEqual(['40']);
    expect(html).toContain(`<h3 id="${open[0]![1]}">`);
    // The decided one waits behind its toggle.
    expect(html).toContain('data-testid="exceptions-show-done"');
    expect(html).not.toContain('data-clawback-id="50"');
  });
});
