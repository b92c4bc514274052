import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../app/runtime.ts';
import { createFakeBridge, settingsFixture } from '../../testing/fake-bridge.ts';
import { renderInTill } from '../../testing/render-in-till.tsx';
import { SettingsTab } from './settings-tab.tsx';

function render(): string {
  const runtime = createRuntime(createFakeBridge().bridge, { osLocale: () => 'en-US', sound: { play: () => undefined }, activeElement: () => null });
  const fixture = settingsFixture();
  runtime.settings.setState({ settings: { ...fixture, mode: 'live', txnIdScope: 'business-day', earnRule: { ...fixture.earnRule, rounding: 'ceil' }, scanner: { ...fixture.scanner, terminator: 'tab' } } });
  return renderInTill(runtime, <SettingsTab />, [runtime.settings]);
}

/** The options of the select with data-testid `testId`: [value, label, selected]. */
function options(html: string, testId: string): [string, string, boolean][] {
  const select = new RegExp(`<select[^>]*data-testid="${testId}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"( selected="")?>([^<]*)<\/option>/g)].map((m) => [m[1]!, m[3]!, m[2] !== undefined]);
}

describe('settings tab choices', () => {
  it('offers each fixed choice list in menu order, in words, with the saved value selected', () => {
    const html = render();
    expect(options(html, 'setting-mode')).toEqual([
      ['sandbox', 'Sandbox (practice)', false],
      ['live', 'Live', true],
    ]);
    expect(options(html, 'setting-txnIdScope')).toEqual([
      ['forever', 'Forever', false],
      ['business-day', 'Within one business day (they restart daily)', true],
    ]);
    expect(options(html, 'setting-earnRule.rounding')).toEqual([
      ['floor', 'Round down', false],
      ['round', 'Round to nearest (half up)', false],
      ['ceil', 'Round up', true],
    ]);
    expect(options(html, 'setting-scanner.terminator')).toEqual([
      ['enter', 'Enter', false],
      ['tab', 'Tab', true],
      ['none', 'Nothing (timing only)', false],
    ]);
  });

  it('links every section in the side menu to a section card of that id, named by its heading', () => {
    const html = render();
    const links = [...html.matchAll(/<a href="#([^"]+)">/g)].map((m) => m[1]!);
    expect(links).toEqual(['keys', 'connection', 'store', 'earn', 'scanner', 'camera', 'region', 'housekeeping', 'pin']);
    for (const id of links) {
      const section = new RegExp(`<section class="frame" aria-labelledby="([^"]+)" id="${id}" data-testid="settings-${id}">`).exec(html);
      expect(section, id).not.toBeNull();
      expect(html).toContain(`<h2 id="${section![1]}">`);
    }
  });
});
