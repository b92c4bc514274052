import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../app/runtime.ts';
import { createFakeBridge, outcome, row } from '../../testing/fake-bridge.ts';
import { renderInTill } from '../../testing/render-in-till.tsx';
import { AdjustConfirm } from './adjust-confirm.tsx';

describe('the outcome of an adjustment on a German manager console', () => {
  it('shows main’s sentence in German (its catalogue id), not main’s English `message`', () => {
    const runtime = createRuntime(createFakeBridge().bridge, { osLocale: () => 'de-DE', sound: { play: () => undefined }, activeElement: () => null });
    const confirm = runtime.managerData.adjustConfirm;
    confirm.getState().begin('adjust', { memberId: 'mb_ava_chen', points: -1200, reasonCode: 'CORRECTION', note: 'Doppelt gebucht', ref: 'adj-1' });
    // What main answers for an adjustment SocialHub refused (electron/core/engine/outcome.ts).
    confirm.setState({
      outcome: outcome('rejected', {
        message: 'SocialHub refused adjustment adj-1: insufficient balance.',
        localized: { messageId: 'write.outcome.rejected', values: { detail: 'insufficient balance' } },
        row: row({ id: 61, kind: 'adjustment', amount: -1200, state: 'rejected' }),
      }),
    });
      const html = renderInTill(runtime, <AdjustConfirm />, [confirm]);
    expect(html).toContain('data-testid="adjust-outcome"');
    expect(html).not.toContain('SocialHub refused adjustment');
  });
});
