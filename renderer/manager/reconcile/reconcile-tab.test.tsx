import { describe, expect, it } from 'vitest';
import type { ReconcileReport } from '../../../shared/ipc/schemas/till.ts';
import { createRuntime } from '../../app/runtime.ts';
import { createFakeBridge } from '../../testing/fake-bridge.ts';
import { renderInTill } from '../../testing/render-in-till.tsx';
import { ReconcileTab } from './reconcile-tab.tsx';

// Members whose ledger could not be read: main's reason code and English detail as read-ledgers.ts gives them (the second from a main without codes).
const REPORT: ReconcileReport = {
  date: '2026-03-12',
  generatedAt: 1_700_000_000_000,
  matched: [],
  missingOnServer: [],
  duplicatedOnServer: [],
  unexpectedOnServer: [],
  totals: { journalPoints: 0, serverPoints: 0, matched: 0, missing: 0, duplicated: 0, unexpected: 0 },
  incomplete: [
    { memberId: 'mb_ava_chen', reason: 'refused', message: 'HTTP 503 service_unavailable (page at offset 0)' },
    { memberId: 'mb_ben_okafor', message: 'ledger read failed: HTTP 503 service_unavailable' },
  ],
};

describe('reconciliation on a German manager console with a ledger that could not be read', () => {
  it('says why in German, not with main’s English reason', () => {
    const runtime = createRuntime(createFakeBridge().bridge, { osLocale: () => 'de-DE', sound: { play: () => undefined }, activeElement: () => null });
    const reconcile = runtime.managerData.reconcile;
    reconcile.setState({ report: REPORT });
      const html = renderInTill(runtime, <ReconcileTab />, [reconcile]);
    expect(html).toContain('data-testid="reconcile-incomplete"');
    expect(html).not.toContain('ledger read failed');
    expect(html).not.toContain('service_unavailable');
    expect(html).toContain('SocialHub hat das Ledger verweigert.');
    expect(html).toContain('Das Ledger konnte nicht gelesen werden.');
  });
});
