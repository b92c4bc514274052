import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import { createRuntime } from '../../app/runtime.ts';
import { TillProvider } from '../../app/context.tsx';
import { LocaleProvider } from '../../app/translate.tsx';
import { createFakeBridge } from '../../testing/fake-bridge.ts';
import { ReconcileTab } from './reconcile-tab.tsx';

// A member whose ledger could not be read: main's reason as read-ledgers.ts words it.
const REPORT: ReconcileReport = {
  date: '2026-03-12',
  generatedAt: 1_700_000_000_000,
  matched: [],
  missingOnServer: [],
  duplicatedOnServer: [],
  unexpectedOnServer: [],
  totals: { journalPoints: 0, serverPoints: 0, matched: 0, missing: 0, duplicated: 0, unexpected: 0 },
  incomplete: [{ memberId: 'mb_ava_chen', message: 'ledger read failed: HTTP 503 service_unavailable' }],
};

describe('review #14: reconciliation on a German manager console with a ledger that could not be read', () => {
  it('says why in German, not with main’s English reason', () => {
    const runtime = createRuntime(createFakeBridge().bridge, { osLocale: () => 'de-DE', sound: { play: () => undefined }, activeElement: () => null });
    const reconcile = runtime.managerData.reconcile;
    reconcile.setState({ report: REPORT });
    // Server rendering reads a store's initial state: render what the store holds now.
    reconcile.getInitialState = reconcile.getState;
    const html = renderToStaticMarkup(
      <TillProvider runtime={runtime}>
        <LocaleProvider locale={runtime.locale}>
          <ReconcileTab />
        </LocaleProvider>
      </TillProvider>,
    );
    expect(html).toContain('data-testid="reconcile-incomplete"');
    expect(html).not.toContain('ledger read failed');
  });
});
