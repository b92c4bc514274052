/**
 * The cashier screen: member card on the left, award on the right, the actions along the
 * bottom with their keys. Everything is reachable from the keyboard; scans work wherever focus is.
 */
import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/shallow';
import { defineMessages } from '@formatjs/intl';
import { useMember, useRuntime, useUi } from '../app/context.tsx';
import { useShortcut, useShortcuts } from '../app/shortcuts.ts';
import { Button } from '../ui/index.ts';
import { sortCoupons } from '../state/member-store.ts';
import { AwardPanel } from './award-panel.tsx';
import { CodeEntryDialog } from './code-entry-dialog.tsx';
import { CouponVerdictOverlay } from './coupon-verdict.tsx';
import { MemberCardView, redeemFromCard } from './member-card.tsx';
import { ReturnsPanel } from './returns-panel.tsx';
import { PosSalePanel } from './pos-sale/pos-sale-panel.tsx';
import { useT } from '../app/translate.tsx';

const M = defineMessages({
  cashier: { id: 'cashier.screen.label', defaultMessage: 'Cashier', description: 'Accessible name of the cashier screen' },
  memberCard: { id: 'cashier.screen.memberCard', defaultMessage: 'Member card', description: 'Accessible name of the member card region' },
  awardPoints: { id: 'cashier.screen.awardPoints', defaultMessage: 'Award points', description: 'Accessible name of the award region' },
  actions: { id: 'cashier.screen.actions', defaultMessage: 'Till actions', description: 'Accessible name of the action bar' },
  newCustomer: { id: 'cashier.action.newCustomer', defaultMessage: 'New customer', description: 'Button: clear the card for the next customer' },
  reloadCard: { id: 'cashier.action.reloadCard', defaultMessage: 'Reload card', description: 'Button: read the member card again' },
  typeCode: { id: 'cashier.action.typeCode', defaultMessage: 'Type a code', description: 'Button: type a member or coupon code by hand' },
  camera: { id: 'cashier.action.camera', defaultMessage: 'Camera', description: 'Button: scan with the webcam' },
  return: { id: 'cashier.action.return', defaultMessage: 'Return', description: 'Button: open returns (take points back)' },
});

const CameraDialog = lazy(() => import('./camera/camera-dialog.tsx'));

export function CashierScreen() {
  const runtime = useRuntime();
  const panel = useUi((s) => s.panel);
  const member = useMember(useShallow((s) => ({ phase: s.phase, card: s.card })));
  const screenActive = panel === null;
  // A sale handed over by the POS takes the typed-sale form's place until it is done.
  const posSaleShown = useStore(runtime.posSale, (s) => s.current !== null);
  const ui = runtime.ui.getState();
  const t = useT();

  const newCustomer = (): void => {
    runtime.member.getState().clear();
    runtime.award.getState().memberChanged();
    runtime.award.getState().dismissBanner();
    (document.activeElement as HTMLElement | null)?.blur?.();
  };
  useShortcut('Escape', newCustomer, { enabled: screenActive });
  useShortcut('F5', () => void runtime.member.getState().refresh(), { enabled: screenActive && member.phase !== 'idle' });
  useShortcut('F6', () => ui.open('returns'), { enabled: screenActive });
  useShortcut('F7', () => ui.open('camera'), { enabled: screenActive });
  useShortcut('F8', () => ui.open('code'), { enabled: screenActive });

  const active = member.card?.coupons.ok === true ? sortCoupons(member.card.coupons.value).filter((c) => c.status === 'active') : [];
  useShortcuts(
    active.slice(0, 9).map((_, i) => `Alt+${i + 1}`),
    (i) => {
      const c = active[i];
      if (c !== undefined) redeemFromCard(runtime, c);
    },
    { enabled: screenActive },
  );

  return (
    <>
      {/* Behind the manager console the cashier screen is out of reach (focus, clicks, screen readers). */}
      <main className="cashier" aria-label={t(M.cashier)} data-testid="cashier-screen" inert={panel === 'manager'}>
        {/* Scrollable regions must be reachable from the keyboard (axe: scrollable-region-focusable). */}
        <div className="cashier__card" role="region" aria-label={t(M.memberCard)} tabIndex={0}>
          <MemberCardView />
        </div>
        <div className="cashier__award" role="region" aria-label={t(M.awardPoints)} tabIndex={0}>
          {posSaleShown ? <PosSalePanel active={screenActive} /> : <AwardPanel active={screenActive} />}
        </div>
      </main>
      <nav className="actions" aria-label={t(M.actions)}>
        <Button variant="ghost" shortcut="Escape" onClick={newCustomer} disabled={member.phase === 'idle'} testId="action-new-customer">
          {t(M.newCustomer)}
        </Button>
        <Button variant="secondary" shortcut="F5" onClick={() => void runtime.member.getState().refresh()} disabled={member.phase === 'idle'} testId="action-reload-card">
          {t(M.reloadCard)}
        </Button>
        <span className="actions__spacer" />
        <Button variant="secondary" shortcut="F8" onClick={() => ui.open('code')} testId="action-type-code">
          {t(M.typeCode)}
        </Button>
        <Button variant="secondary" shortcut="F7" onClick={() => ui.open('camera')} testId="action-camera">
          {t(M.camera)}
        </Button>
        <Button variant="secondary" shortcut="F6" onClick={() => ui.open('returns')} testId="action-return">
          {t(M.return)}
        </Button>
      </nav>
      {panel === 'returns' && <ReturnsPanel onClose={() => ui.close('returns')} />}
      {panel === 'code' && <CodeEntryDialog onClose={() => ui.close('code')} />}
      {panel === 'camera' && (
        <Suspense fallback={null}>
          <CameraDialog onClose={() => ui.close('camera')} />
        </Suspense>
      )}
      <CouponVerdictOverlay />
    </>
  );
}
