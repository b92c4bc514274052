import { describe, expect, it } from 'vitest';
import { ERROR_CODE_MESSAGES } from '../../shared/ipc/error-messages.ts';
import { createTranslator } from '../../shared/i18n/translator.ts';
import { createRuntime } from '../app/runtime.ts';
import { avaCard, createFakeBridge } from '../testing/fake-bridge.ts';
import { renderInTill } from '../testing/render-in-till.tsx';
import { MemberCardView } from './member-card.tsx';

// What main answers when SocialHub is down (electron/core/till-handlers/api-errors.ts): English, for logs.
const OFFLINE = 'SocialHub cannot be reached right now (timeout); try again when the till is online.';

function germanTill() {
  const runtime = createRuntime(createFakeBridge().bridge, { osLocale: () => 'de-DE', sound: { play: () => undefined }, activeElement: () => null });
  const render = (): string =>
    renderInTill(runtime, <MemberCardView />, [runtime.member]);
  return { runtime, render };
}

const de = createTranslator('de');

describe('the member card on a German till when SocialHub is down', () => {
  it('the card that could not be loaded says why in German, not in main’s English', () => {
    const { runtime, render } = germanTill();
    runtime.member.setState({ phase: 'error', memberId: 'mb_ava_chen', card: null, error: { code: 'OFFLINE', message: OFFLINE } });
    const html = render();
    expect(html).not.toContain('SocialHub cannot be reached');
    expect(html).toContain(de.t(ERROR_CODE_MESSAGES.OFFLINE).slice(0, 20));
  });

  it('a card that could not be refreshed says why in German', () => {
    const { runtime, render } = germanTill();
    runtime.member.setState({ phase: 'loaded', memberId: 'mb_ava_chen', card: avaCard(), error: { code: 'OFFLINE', message: OFFLINE } });
    const html = render();
    expect(html).not.toContain('SocialHub cannot be reached');
    expect(html).toContain(de.t(ERROR_CODE_MESSAGES.OFFLINE).slice(0, 20));
  });

  it('a card part that failed shows no English detail from main', () => {
    const { runtime, render } = germanTill();
    const card = avaCard({ points: { ok: false, code: 'timeout', message: 'GET /members/mb_ava_chen/points timed out after 4000 ms' } });
    runtime.member.setState({ phase: 'loaded', memberId: 'mb_ava_chen', card, error: null });
    const html = render();
    expect(html).not.toContain('timed out after');
    // The localized sentence stands instead, and support can still open main's account.
    expect(html).toContain('data-testid="points-error"');
    expect(html).toContain('<details');
  });
});
